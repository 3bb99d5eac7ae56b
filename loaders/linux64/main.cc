// SPDX-License-Identifier: MIT
// linux64-loader: a minimal loader of the Linux 64-bit boot protocol, the way direct-boot
// VMMs (Firecracker, cloud-hypervisor) start a kernel: no firmware, no real mode, straight
// into the 64-bit entry at load address + 0x200 with %rsi = a zero page.
//
// Given an ELF instead of a bzImage it is an ELF loader that enters e_entry, as the two kinds
// of ELF loader do (`linux64-loader.protocol=`): `linux64` (the default) in 64-bit mode with
// %rsi = a zero page, like crosvm, Firecracker before 1.12 and rust-vmm linux-loader without
// the PVH note; `multiboot2` in 32-bit mode with the Multiboot 2 magic and information, like
// kexec-tools' Multiboot 2 loader.
//
// It is itself booted by QEMU through PVH (`-kernel linux64-loader.elf -initrd BZIMAGE
// -append CMDLINE`), reusing unientry's PVH entry and long-mode switch, and translates its own
// start info with the PVH converter; the memory map, command line and RSDP it passes on are
// the ones QEMU gave it. Messages go to COM1 prefixed "linux64-loader: "; a failure exits
// QEMU with the kernel's failure status.
#include <cstdint>

#include "abi/boot-params.h"
#include "abi/multiboot2.h"
#include "arch/x86/cpu.h"
#include "arch/x86/identity-map.h"
#include "bootinfo/e820.h"
#include "bootinfo/pvh.h"
#include "base/string-buffer.h"
#include "base/string-view.h"
#include "bzimage.h"
#include "elf-kernel.h"
#include "map-holes.h"
#include "multiboot2-info.h"
#include "placement.h"
#include "common/console.h"
#include "common/exit.h"

namespace {

constinit bootabi::boot_params gLoaderInfo = {};  // our own start info, translated
constinit bootabi::boot_descriptor gLoaderDescriptor = {};
constinit char gCommandLine[bootabi::kCommandLineSize] = {};
constinit bootinfo::E820Scratch gScratch = {};
// The zero page handed to the kernel. Page-aligned, in the loader's own image.
alignas(4096) constinit bootabi::boot_params gZeroPage = {};

[[noreturn]] void Stop(const char* what, const base::Error& error) {
  console::Write("linux64-loader: ");
  console::Write(what);
  console::Write("\n");
  FailWithError(what, error);
}

void Say(const char* text, uint64_t value) {
  console::Write("linux64-loader: ");
  console::Write(text);
  base::StringBuffer<24> number;
  number.AppendHex(value);
  console::Write(number.c_str());
  console::Write("\n");
}

}  // namespace

extern "C" [[noreturn]] void LoaderEnter64(uint64_t entry, const bootabi::boot_params* zero_page);
extern "C" [[noreturn]] void LoaderEnter32(uint64_t entry, uint32_t magic, uint64_t info);
extern "C" [[noreturn]] void LoaderEnter64FiveLevel(uint64_t entry, const bootabi::boot_params* zero_page,
                                                    const uint64_t* pml5);

namespace {

alignas(8) constinit uint8_t gMultibootInfo[16384] = {};
// The map the kernel is handed (linux64-loader.e820-holes= may make it longer than the zero
// page's 128 entries), and the SETUP_E820_EXT node that carries the rest.
constinit bootabi::boot_e820_entry gHandedMap[bootabi::kBootMemoryMapMaxEntries] = {};
constinit uint32_t gHandedCount = 0;
struct E820ExtNode {
  bootabi::setup_data header;
  bootabi::boot_e820_entry entries[bootabi::kBootMemoryMapMaxEntries - bootabi::kE820MaxEntriesZeroPage];
};
alignas(8) constinit E820ExtNode gE820Ext = {};

// The machine's map, with the holes the command line asks for, clear of what is loaded.
void BuildHandedMap(const loader::Busy* busy, uint32_t busy_count) {
  const auto holes = loader::TakeMapHoles(gCommandLine);
  if (holes.is_error()) Stop("reading the command line", holes.error());
  const auto built = loader::PunchMapHoles(gLoaderInfo.e820_table, gLoaderInfo.e820_entries, holes.value(), busy,
                                           busy_count, gHandedMap, bootabi::kBootMemoryMapMaxEntries);
  if (built.is_error()) Stop("punching holes into the memory map", built.error());
  gHandedCount = built.value();
  if (holes.value() != 0) Say("memory map ranges handed over: ", gHandedCount);
}
// The root above the loader's PML4 when it hands over under 5-level paging.
alignas(4096) constinit uint64_t gPml5[512] = {};

// `linux64-loader.paging=5` hands over under 5-level paging (CR4.LA57), as a 64-bit loader or
// firmware on a CPU with LA57 may; `4` (the default) under 4-level paging.
bool TakeFiveLevelPaging() {
  char levels[4] = "4";
  const auto taken = loader::TakeLoaderWord(gCommandLine, "linux64-loader.paging=", levels, sizeof(levels));
  if (taken.is_error()) Stop("reading the command line", taken.error());
  const base::StringView value(levels);
  if (value == base::StringView("4")) return false;
  if (!(value == base::StringView("5"))) {
    Stop("reading the command line", base::MakeError("expected 4 or 5", "linux64-loader.paging"));
  }
  const arch::CpuidResult features = arch::Cpuid(arch::kCpuidStructuredFeatures, 0);
  if (arch::Cpuid(0).eax < arch::kCpuidStructuredFeatures ||
      (features.ecx & (1u << arch::kCpuidStructuredEcxLa57Bit)) == 0) {
    Stop("linux64-loader.paging=5", base::MakeError("this CPU has no 5-level paging (CPUID.7.0:ECX.LA57)", "cpuid"));
  }
  return true;
}

// The 64-bit protocol's jump, under 4-level paging or, when asked, 5-level.
[[noreturn]] void Enter64(uint64_t entry) {
  if (TakeFiveLevelPaging()) {
    uint64_t pml4;
    __asm__ volatile("mov %%cr3, %0" : "=r"(pml4));
    gPml5[0] = (pml4 & ~uint64_t{0xfff}) | arch::kPagePresent | arch::kPageWritable;
    Say("5-level paging: entering under a PML5 at ", reinterpret_cast<uint64_t>(gPml5));
    LoaderEnter64FiveLevel(entry, &gZeroPage, gPml5);
  }
  LoaderEnter64(entry, &gZeroPage);
}

// The kernel's command line, the map, the RSDP and the modules after the first, the same way
// for both kernel formats.
void FillZeroPage() {
  bootabi::SetCommandLineAddress(gZeroPage, reinterpret_cast<uint64_t>(gCommandLine));
  const uint32_t in_zero_page = gHandedCount < bootabi::kE820MaxEntriesZeroPage ? gHandedCount : bootabi::kE820MaxEntriesZeroPage;
  gZeroPage.e820_entries = static_cast<uint8_t>(in_zero_page);
  __builtin_memcpy(gZeroPage.e820_table, gHandedMap, in_zero_page * sizeof(bootabi::boot_e820_entry));
  if (gHandedCount > in_zero_page) {
    const uint32_t rest = gHandedCount - in_zero_page;
    gE820Ext.header = {0, bootabi::kSetupE820Ext, static_cast<uint32_t>(rest * sizeof(bootabi::boot_e820_entry))};
    __builtin_memcpy(gE820Ext.entries, gHandedMap + in_zero_page, rest * sizeof(bootabi::boot_e820_entry));
    gZeroPage.hdr.setup_data = reinterpret_cast<uint64_t>(&gE820Ext);
  }
  gZeroPage.acpi_rsdp_addr = gLoaderInfo.acpi_rsdp_addr;
  if (gLoaderDescriptor.module_count > 1) {
    bootabi::SetRamdisk(gZeroPage, gLoaderDescriptor.modules[1].paddr, gLoaderDescriptor.modules[1].size);
  }
}

// Loads an ELF kernel at its segments' physical addresses (checked: RAM, clear of the loader
// and the modules) and enters e_entry by the protocol the command line names.
[[noreturn]] void BootElf(const bootinfo::PhysicalMemory& memory, const bootabi::boot_module& module,
                          const loader::Busy* busy, uint32_t busy_count) {
  char protocol[16] = "linux64";
  const auto taken = loader::TakeLoaderWord(gCommandLine, "linux64-loader.protocol=", protocol, sizeof(protocol));
  if (taken.is_error()) Stop("reading the command line", taken.error());
  const bool multiboot2 = base::StringView(protocol) == base::StringView("multiboot2");
  if (!multiboot2 && !(base::StringView(protocol) == base::StringView("linux64"))) {
    Stop("reading the command line", base::MakeError("expected linux64 or multiboot2", "linux64-loader.protocol"));
  }
  const auto parsed = loader::ParseElfKernel(memory, module.paddr, module.size);
  if (parsed.is_error()) Stop("reading the ELF kernel", parsed.error());
  const loader::ElfKernel& kernel = parsed.value();
  for (uint32_t i = 0; i < kernel.segment_count; ++i) {
    const loader::ElfSegment& segment = kernel.segments[i];
    if (!loader::FreeRam(segment.paddr, segment.memsz, gLoaderInfo.e820_table, gLoaderInfo.e820_entries, busy,
                         busy_count, arch::kStaticIdentityMapBytes)) {
      Stop("loading the ELF kernel",
           base::AtIndex(base::MakeError("segment is not free RAM below 4 GiB", "p_paddr", segment.memsz, segment.paddr), i));
    }
  }
  for (uint32_t i = 0; i < kernel.segment_count; ++i) {
    const loader::ElfSegment& segment = kernel.segments[i];
    __builtin_memmove(reinterpret_cast<void*>(segment.paddr), reinterpret_cast<const void*>(segment.file_address),
                      segment.filesz);
    __builtin_memset(reinterpret_cast<void*>(segment.paddr + segment.filesz), 0, segment.memsz - segment.filesz);
  }
  loader::Busy loaded[2 + bootabi::kBootDescriptorMaxModules + loader::kMaxElfSegments] = {};
  uint32_t loaded_count = 0;
  for (uint32_t i = 0; i < busy_count; ++i) loaded[loaded_count++] = busy[i];
  for (uint32_t i = 0; i < kernel.segment_count; ++i) loaded[loaded_count++] = {kernel.segments[i].paddr, kernel.segments[i].memsz};
  BuildHandedMap(loaded, loaded_count);
  if (multiboot2) {
    loader::MultibootModule modules[bootabi::kBootDescriptorMaxModules];
    uint32_t count = 0;
    for (uint32_t i = 1; i < gLoaderDescriptor.module_count && i < bootabi::kBootDescriptorMaxModules; ++i) {
      modules[count++] = {gLoaderDescriptor.modules[i].paddr, gLoaderDescriptor.modules[i].size};
    }
    const auto built = loader::BuildMultiboot2Info(gMultibootInfo, sizeof(gMultibootInfo), gCommandLine,
                                                   gHandedMap, gHandedCount, modules, count);
    if (built.is_error()) Stop("building the Multiboot 2 information", built.error());
    Say("entering e_entry in 32-bit mode with the Multiboot 2 magic at ", kernel.entry);
    LoaderEnter32(kernel.entry, bootabi::multiboot2::kBootloaderMagic, reinterpret_cast<uint64_t>(gMultibootInfo));
  }
  // What rust-vmm linux-loader's configurator writes for an ELF kernel: no setup header from a
  // file, only the signature, the magic and the loader's fields.
  gZeroPage.hdr.boot_flag = bootabi::kBootFlag;
  gZeroPage.hdr.header = bootabi::kSetupHeaderMagic;
  gZeroPage.hdr.type_of_loader = 0xff;
  gZeroPage.hdr.cmdline_size = sizeof(gCommandLine) - 1;
  FillZeroPage();
  Say("entering e_entry in 64-bit mode with a zero page at ", kernel.entry);
  Enter64(kernel.entry);
}

}  // namespace

extern "C" [[noreturn]] void PvhStubMain(uint32_t start_info_address, uint64_t) {
  console::Init();
  const bootinfo::PhysicalMemory memory(0, arch::IdentityMappedBytes(), 0);
  const bootinfo::Handoff own{&gLoaderInfo, &gLoaderDescriptor, gCommandLine, sizeof(gCommandLine),
                              reinterpret_cast<uint64_t>(&gLoaderDescriptor),
                              reinterpret_cast<uint64_t>(gCommandLine)};
  const auto converted = bootinfo::ConvertPvh(memory, start_info_address, own, gScratch);
  if (converted.is_error()) Stop("reading the PVH start info", converted.error());
  if (gLoaderDescriptor.module_count == 0) {
    Stop("no kernel", base::MakeError("pass the bzImage as the first module (-initrd)", "modules"));
  }
  const bootabi::boot_module& module = gLoaderDescriptor.modules[0];

  // Where the kernel goes: pref_address, or where linux64-loader.load= says for a relocatable
  // kernel; clear of the loader, the bzImage and the other modules.
  const auto request = loader::TakePlacementRequest(gCommandLine);
  if (request.is_error()) Stop("reading the command line", request.error());
  extern char __loader_start[], __loader_end[];
  loader::Busy busy[3 + bootabi::kBootDescriptorMaxModules] = {};
  uint32_t busy_count = 0;
  busy[busy_count++] = {reinterpret_cast<uint64_t>(__loader_start),
                        static_cast<uint64_t>(__loader_end - __loader_start)};
  for (uint32_t i = 0; i < gLoaderDescriptor.module_count && i < bootabi::kBootDescriptorMaxModules; ++i) {
    busy[busy_count++] = {gLoaderDescriptor.modules[i].paddr, gLoaderDescriptor.modules[i].size};
  }
  if (loader::IsElf(memory, module.paddr, module.size)) BootElf(memory, module, busy, busy_count);
  const auto parsed = loader::ParseBzImage(memory, module.paddr, module.size);
  if (parsed.is_error()) Stop("reading the bzImage", parsed.error());
  const loader::BzImage& image = parsed.value();
  // A kernel that says XLF_CAN_BE_LOADED_ABOVE_4G may go anywhere in RAM: map all of it first
  // (the loader runs on the kernel's own boot tables, which map 4 GiB to begin with).
  uint64_t limit = arch::kStaticIdentityMapBytes;
  if (image.header.xloadflags & bootabi::kXlfCanBeLoadedAbove4G) {
    const auto mapped =
        arch::MapIdentityTo(bootinfo::E820RamEnd(gLoaderInfo.e820_table, gLoaderInfo.e820_entries));
    if (mapped.is_error()) Stop("mapping RAM above 4 GiB", mapped.error());
    limit = mapped.value();
  }
  const auto placed = loader::PlaceKernel(image.header, request.value(), gLoaderInfo.e820_table,
                                          gLoaderInfo.e820_entries, busy, busy_count, limit);
  if (placed.is_error()) Stop("placing the kernel", placed.error());
  const uint64_t load = placed.value();
  __builtin_memmove(reinterpret_cast<void*>(load), reinterpret_cast<const void*>(image.kernel_address),
                    image.kernel_size);
  // The kernel's memory reaches past its file: .bss, the handoff area, the boot stack.
  busy[busy_count++] = {load, image.header.init_size};
  BuildHandedMap(busy, busy_count);

  // boot.rst, 64-bit protocol: a zeroed zero page with the file's setup header, then the
  // loader's own fields.
  __builtin_memcpy(&gZeroPage.hdr, &image.header, image.header_length);
  gZeroPage.hdr.type_of_loader = 0xff;  // no assigned loader id
  gZeroPage.hdr.code32_start = static_cast<uint32_t>(load);
  FillZeroPage();
  Say("entering the 64-bit entry at ", load + 0x200);
  Enter64(load + 0x200);
}
