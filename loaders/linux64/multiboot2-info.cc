// SPDX-License-Identifier: MIT
#include "multiboot2-info.h"

#include "abi/multiboot2.h"

namespace loader {
namespace {

namespace mb2 = bootabi::multiboot2;

class InfoWriter {
 public:
  InfoWriter(uint8_t* buffer, uint32_t capacity) : buffer_(buffer), capacity_(capacity) {}

  // Reserves `size` bytes at the next 8-byte boundary; nullptr when they do not fit.
  uint8_t* Reserve(uint32_t size) {
    const uint32_t start = (used_ + 7) & ~7u;
    if (start > capacity_ || size > capacity_ - start) return nullptr;
    __builtin_memset(buffer_ + start, 0, size);
    used_ = start + size;
    return buffer_ + start;
  }
  base::Result<> Tag(uint32_t type, const void* body, uint32_t body_size, const char* text = nullptr) {
    uint32_t text_size = 0;
    if (text != nullptr) {
      while (text[text_size] != '\0') ++text_size;
      ++text_size;
    }
    uint8_t* tag = Reserve(sizeof(mb2::tag) + body_size + text_size);
    if (tag == nullptr) return base::MakeError("information does not fit", "multiboot2 info", capacity_, used_);
    const mb2::tag header{type, static_cast<uint32_t>(sizeof(mb2::tag) + body_size + text_size)};
    __builtin_memcpy(tag, &header, sizeof(header));
    if (body_size != 0) __builtin_memcpy(tag + sizeof(header), body, body_size);
    if (text_size != 0) __builtin_memcpy(tag + sizeof(header) + body_size, text, text_size);
    return base::Ok{};
  }
  uint32_t used() const { return used_; }

 private:
  uint8_t* buffer_;
  uint32_t capacity_;
  uint32_t used_ = 0;
};

}  // namespace

base::Result<uint32_t> BuildMultiboot2Info(uint8_t* buffer, uint32_t capacity, const char* command_line,
                                           const bootabi::boot_e820_entry* map, uint32_t map_count,
                                           const MultibootModule* modules, uint32_t module_count) {
  InfoWriter out(buffer, capacity);
  if (out.Reserve(sizeof(mb2::boot_information)) == nullptr) {
    return base::MakeError("information does not fit", "multiboot2 info", capacity, sizeof(mb2::boot_information));
  }
  TRY(out.Tag(mb2::kTagCmdline, nullptr, 0, command_line));
  TRY(out.Tag(mb2::kTagBootLoaderName, nullptr, 0, "linux64-loader (ELF, Multiboot 2 at e_entry)"));
  // Basic memory information: KiB of RAM from 0 and from 1 MiB, as the map says.
  uint64_t lower = 0, upper = 0;
  for (uint32_t i = 0; i < map_count; ++i) {
    if (map[i].type != static_cast<uint32_t>(bootabi::E820Type::kRam)) continue;
    if (map[i].addr == 0) lower = map[i].size / 1024;
    if (map[i].addr == 0x100000) upper = map[i].size / 1024;
  }
  const uint32_t meminfo[2] = {static_cast<uint32_t>(lower), static_cast<uint32_t>(upper > UINT32_MAX ? UINT32_MAX : upper)};
  TRY(out.Tag(mb2::kTagBasicMeminfo, meminfo, sizeof(meminfo)));
  const uint32_t mmap_size = static_cast<uint32_t>(sizeof(mb2::tag_mmap) + map_count * sizeof(mb2::mmap_entry));
  auto* mmap = out.Reserve(mmap_size);
  if (mmap == nullptr) return base::MakeError("memory map does not fit", "multiboot2 info", capacity, out.used());
  const mb2::tag_mmap mmap_header{mb2::kTagMmap, mmap_size, sizeof(mb2::mmap_entry), 0};
  __builtin_memcpy(mmap, &mmap_header, sizeof(mmap_header));
  for (uint32_t i = 0; i < map_count; ++i) {
    const mb2::mmap_entry entry{map[i].addr, map[i].size, map[i].type, 0};
    __builtin_memcpy(mmap + sizeof(mmap_header) + i * sizeof(entry), &entry, sizeof(entry));
  }
  for (uint32_t i = 0; i < module_count; ++i) {
    if (modules[i].start + modules[i].size > UINT32_MAX) {
      return base::AtIndex(base::MakeError("module above 4 GiB", "mod_end", UINT32_MAX, modules[i].start + modules[i].size), i);
    }
    const uint32_t range[2] = {static_cast<uint32_t>(modules[i].start),
                               static_cast<uint32_t>(modules[i].start + modules[i].size)};
    TRY(out.Tag(mb2::kTagModule, range, sizeof(range), ""));
  }
  TRY(out.Tag(mb2::kTagEnd, nullptr, 0));
  const mb2::boot_information fixed{out.used(), 0};
  __builtin_memcpy(buffer, &fixed, sizeof(fixed));
  return out.used();
}

}  // namespace loader
