// SPDX-License-Identifier: MIT
// What a kernel built on unientry is given: the boot information, whichever loader started it.
//
//   #include <unientry/unientry.h>
//   void KernelMain(const unientry::BootInfo& boot) {
//     unientry::Print("{} started me on {} firmware\n", boot.loader_name, unientry::FirmwareName(boot.firmware));
//   }
//
// KernelMain runs on the boot CPU after the init table (docs/kernel-authors.md gives the CPU
// state then). Everything here lives in the framework's own memory: no pointer leads into a
// loader's structures.
#pragma once

#include <cstddef>
#include <cstdint>

#include "abi/boot-descriptor.h"
#include "base/string-view.h"
#include "bootinfo/typed-map.h"

namespace unientry {

using BootEntry = bootabi::BootEntry;
using Firmware = bootabi::Firmware;
using bootabi::BootEntryName;
using bootabi::FirmwareName;
using StringView = base::StringView;
using MemoryType = bootinfo::MemoryType;
using MemoryRange = bootinfo::MemoryRange;
using bootinfo::MemoryTypeName;

/// A read-only array: range-for, size(), operator[].
template <typename T>
class Span {
 public:
  constexpr Span() = default;
  constexpr Span(const T* data, size_t size) : data_(data), size_(size) {}
  constexpr const T* begin() const { return data_; }
  constexpr const T* end() const { return data_ + size_; }
  constexpr size_t size() const { return size_; }
  constexpr bool empty() const { return size_ == 0; }
  constexpr const T& operator[](size_t index) const { return data_[index]; }

 private:
  const T* data_ = nullptr;
  size_t size_ = 0;
};

/// The kernel command line, as the loader passed it (GRUB puts BOOT_IMAGE=<path> first, QEMU's
/// Multiboot loader the file name), with `key` / `key=value` lookup (the last word wins).
class CommandLine {
 public:
  constexpr CommandLine() = default;
  constexpr CommandLine(StringView text, bool truncated) : text_(text), truncated_(truncated) {}

  constexpr StringView text() const { return text_; }
  /// Whether the loader's line was longer than 2047 characters (this is its start).
  constexpr bool truncated() const { return truncated_; }
  /// Whether a word `key` or `key=...` is there.
  bool Has(StringView key) const;
  /// The value of the last `key=value` word (empty for a bare `key`); false when absent.
  bool Lookup(StringView key, StringView& value) const;

 private:
  StringView text_;
  bool truncated_ = false;
};

/// A module (the initrd is module 0): where it lies and the string the loader gave with it
/// (copied into the framework's memory; empty when there was none).
struct Module {
  uint64_t address;
  uint64_t size;
  StringView string;
};

/// Where a colour lies in an RGB pixel: `size` bits from bit `shift`.
struct ColorChannel {
  uint8_t shift = 0;
  uint8_t size = 0;
  /// The channel's bits in a pixel value.
  constexpr uint32_t mask() const { return size == 0 ? 0 : static_cast<uint32_t>(((uint64_t{1} << size) - 1) << shift); }
};

/// The framebuffer a loader or the firmware set up (Multiboot, the EFI GOP, the Linux
/// protocol's screen_info); present() is false when there is none. type is Multiboot's
/// encoding: 0 indexed, 1 RGB, 2 EGA text. For RGB, red, green, blue and reserved (the unused
/// bits, size 0 when there are none) say where each channel lies: RGBX and BGRX differ here.
struct Framebuffer {
  uint64_t address = 0;
  uint32_t pitch = 0;
  uint32_t width = 0;
  uint32_t height = 0;
  uint8_t bpp = 0;
  uint8_t type = 0;
  ColorChannel red, green, blue, reserved;
  constexpr bool present() const { return address != 0; }
  /// A pixel value of this layout (8-bit components scaled to each channel's size).
  constexpr uint32_t Pixel(uint8_t r, uint8_t g, uint8_t b) const { return Scale(r, red) | Scale(g, green) | Scale(b, blue); }

 private:
  static constexpr uint32_t Scale(uint8_t value, ColorChannel channel) {
    if (channel.size == 0) return 0;
    const uint32_t scaled = channel.size >= 8 ? uint32_t{value} << (channel.size - 8) : uint32_t{value} >> (8 - channel.size);
    return (scaled << channel.shift) & channel.mask();
  }
};

struct BootInfo {
  BootEntry entry;             // the entry stub that ran
  Firmware firmware;           // what ran before the loader
  uint32_t hardware_subarch;   // boot_params' (0 PC, 2 Xen)
  const char* platform;        // "qemu-tcg", "kvm", "xen", "bare-metal", ...
  const char* loader_name;     // "GRUB 2.06", "qemu", ...; "" when the loader gave none
  CommandLine command_line;
  Span<Module> modules;
  uint32_t modules_dropped;    // modules past the 16 the framework keeps
  uint64_t acpi_rsdp;          // physical address of the ACPI RSDP, 0 when none was found
  Framebuffer framebuffer;
  uint64_t efi_system_table;   // physical address when a UEFI loader gave it (EFI entry, Multiboot 2
                               // EFI tag, Linux efi_info), else 0; boot services are gone
  /// The typed physical memory map, in address order: RAM the framework and the modules use is
  /// kernel, framework or module, never usable. Filled by the framework's memory-map init
  /// entry (depend on gMemoryMapInit to read it from an init entry).
  Span<MemoryRange> memory_map;
  // Firmware entries the map could not keep: zero-length or wrapping ones, and ranges past
  // the 512 the framework keeps (report handoff memmap-dropped counts the stub's part).
  uint32_t memory_map_dropped;

  /// Where the identity map (virtual = physical) ends: all of RAM and every module, unless a
  /// CPU without 1 GiB pages has more RAM than the boot's tables reach (the boot says so).
  uint64_t IdentityMappedEnd() const;
  /// Bytes of usable memory in the map.
  uint64_t UsableBytes() const;
  /// The whole 4 KiB pages of kUsable memory (each range rounded inwards).
  uint64_t UsablePages() const;
};

/// The boot information; complete before KernelMain, and filled as the init table runs.
const BootInfo& Boot();

}  // namespace unientry

/// Defined by the kernel author; called once on the boot CPU after the init table. Returning
/// halts the machine.
void KernelMain(const unientry::BootInfo& boot);
