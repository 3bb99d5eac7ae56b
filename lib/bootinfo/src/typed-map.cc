// SPDX-License-Identifier: MIT
#include "bootinfo/typed-map.h"

#include "base/sort.h"

namespace bootinfo {
namespace {

MemoryType FirmwareMemoryType(uint32_t e820_type) {
  switch (static_cast<bootabi::E820Type>(e820_type)) {
    case bootabi::E820Type::kRam: return MemoryType::kUsable;
    case bootabi::E820Type::kAcpi: return MemoryType::kAcpiReclaimable;
    case bootabi::E820Type::kNvs: return MemoryType::kAcpiNvs;
    case bootabi::E820Type::kUnusable: return MemoryType::kBad;
    case bootabi::E820Type::kPmem: return MemoryType::kPersistent;
    case bootabi::E820Type::kReserved:
    case bootabi::E820Type::kDisabled: return MemoryType::kReserved;
  }
  return e820_type == 12 ? MemoryType::kPersistent : MemoryType::kReserved;  // 12: legacy PRAM
}

uint64_t EndOf(uint64_t base, uint64_t size) { return size > UINT64_MAX - base ? UINT64_MAX : base + size; }

class Output {
 public:
  Output(MemoryRange* ranges, uint32_t capacity) : ranges_(ranges), capacity_(capacity) {}

  void Add(uint64_t start, uint64_t end, MemoryType type, uint32_t firmware_type) {
    if (end <= start) return;
    if (count_ > 0) {
      MemoryRange& last = ranges_[count_ - 1];
      if (last.type == type && last.firmware_type == firmware_type && last.base + last.size == start) {
        last.size += end - start;
        return;
      }
    }
    if (count_ == capacity_) {
      ++dropped_;
      return;
    }
    ranges_[count_++] = MemoryRange{start, end - start, type, firmware_type};
  }
  TypedMapResult result() const { return {count_, dropped_}; }

 private:
  MemoryRange* ranges_;
  uint32_t capacity_;
  uint32_t count_ = 0;
  uint32_t dropped_ = 0;
};

}  // namespace

const char* MemoryTypeName(MemoryType type) {
  switch (type) {
    case MemoryType::kUsable: return "usable";
    case MemoryType::kKernel: return "kernel";
    case MemoryType::kFramework: return "framework";
    case MemoryType::kModule: return "module";
    case MemoryType::kAcpiReclaimable: return "acpi-reclaimable";
    case MemoryType::kAcpiNvs: return "acpi-nvs";
    case MemoryType::kReserved: return "reserved";
    case MemoryType::kBad: return "bad";
    case MemoryType::kPersistent: return "persistent";
    case MemoryType::kLoader: return "loader";
  }
  return "unknown";
}

TypedMapResult BuildTypedMap(const bootabi::boot_e820_entry* e820, uint32_t e820_count, const InUseRange* used,
                             uint32_t used_count, uint64_t* scratch, MemoryRange* out, uint32_t capacity) {
  Output output(out, capacity);
  constexpr uint32_t kRam = static_cast<uint32_t>(bootabi::E820Type::kRam);
  for (uint32_t e = 0; e < e820_count; ++e) {
    const uint64_t start = e820[e].addr;
    const uint64_t end = EndOf(start, e820[e].size);
    const uint32_t firmware_type = e820[e].type;
    if (firmware_type != kRam) {
      output.Add(start, end, FirmwareMemoryType(firmware_type), firmware_type);
      continue;
    }
    // RAM: cut at every in-use boundary inside it; each piece takes the type of the first
    // listed in-use range covering it, or usable. The in-use list is short (the kernel, the
    // framework's areas, at most kBootDescriptorMaxModules modules).
    uint64_t* cuts = scratch;
    uint32_t cut_count = 0;
    cuts[cut_count++] = start;
    cuts[cut_count++] = end;
    bool overlapped = false;
    for (uint32_t k = 0; k < used_count; ++k) {
      const uint64_t range_start = used[k].base, range_end = EndOf(used[k].base, used[k].size);
      if (range_start >= end || range_end <= start || used[k].size == 0) continue;
      overlapped = true;
      if (range_start > start) cuts[cut_count++] = range_start;
      if (range_end < end) cuts[cut_count++] = range_end;
    }
    if (!overlapped) {  // most RAM ranges: nothing in use there
      output.Add(start, end, MemoryType::kUsable, kRam);
      continue;
    }
    base::Sort(cuts, cut_count, [](uint64_t a, uint64_t b) { return a < b; });
    for (uint32_t c = 0; c + 1 < cut_count; ++c) {
      const uint64_t piece_start = cuts[c], piece_end = cuts[c + 1];
      if (piece_start == piece_end) continue;
      MemoryType type = MemoryType::kUsable;
      for (uint32_t k = 0; k < used_count; ++k) {
        if (used[k].base <= piece_start && piece_end <= EndOf(used[k].base, used[k].size) && used[k].size != 0) {
          type = used[k].type;
          break;
        }
      }
      output.Add(piece_start, piece_end, type, kRam);
    }
  }
  return output.result();
}

}  // namespace bootinfo
