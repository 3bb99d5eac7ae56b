// SPDX-License-Identifier: MIT
#include "bootinfo/e820.h"

namespace bootinfo {

E820Builder::AddResult E820Builder::Add(uint64_t addr, uint64_t size, uint32_t type) {
  AddResult result = AddResult::kAdded;
  if (size == 0) {
    result = AddResult::kZeroLength;
  } else if (addr + size < addr) {  // also rejects a range ending exactly at 2^64
    result = AddResult::kWraps;
  } else if (count_ == capacity_) {
    result = AddResult::kFull;
  }
  if (result != AddResult::kAdded) {
    ++dropped_;
    return result;
  }
  table_[count_++] = bootabi::boot_e820_entry{addr, size, type};
  return result;
}

void AddBasicMemory(E820Builder& builder, uint32_t mem_lower_kib, uint32_t mem_upper_kib) {
  constexpr uint32_t kRam = static_cast<uint32_t>(bootabi::E820Type::kRam);
  builder.Add(0, uint64_t{mem_lower_kib} * 1024, kRam);
  builder.Add(0x100000, uint64_t{mem_upper_kib} * 1024, kRam);
}

namespace {

void SortUnique(uint64_t* values, uint32_t& count) {
  for (uint32_t i = 1; i < count; ++i) {  // insertion sort: few values at boot, 2 * kE820MaxInputEntries at most
    const uint64_t value = values[i];
    uint32_t j = i;
    for (; j > 0 && values[j - 1] > value; --j) values[j] = values[j - 1];
    values[j] = value;
  }
  uint32_t unique = 0;
  for (uint32_t i = 0; i < count; ++i) {
    if (unique == 0 || values[unique - 1] != values[i]) values[unique++] = values[i];
  }
  count = unique;
}

bool IsRange(const bootabi::boot_e820_entry& entry) {
  return entry.size != 0 && entry.addr + entry.size > entry.addr;
}

// Appends [start, end) of `type` to `output`, merged into the last range when it continues it.
void AppendMerged(bootabi::boot_e820_entry* output, uint32_t& output_count, uint64_t start, uint64_t end,
                  uint32_t type) {
  if (output_count > 0) {
    bootabi::boot_e820_entry& last = output[output_count - 1];
    if (last.type == type && last.addr + last.size == start) {
      last.size += end - start;
      return;
    }
  }
  output[output_count++] = bootabi::boot_e820_entry{start, end - start, type};
}

// Firmware maps usually come sorted and without overlaps (every map seen in this project's
// boots does); then each range is its own elementary interval and one pass does.
bool SortedWithoutOverlaps(const bootabi::boot_e820_entry* entries, uint32_t count) {
  bool any = false;
  uint64_t end = 0;
  for (uint32_t i = 0; i < count; ++i) {
    if (!IsRange(entries[i])) continue;
    if (any && entries[i].addr < end) return false;
    any = true;
    end = entries[i].addr + entries[i].size;
  }
  return true;
}

uint32_t MergeSorted(const bootabi::boot_e820_entry* entries, uint32_t count, bootabi::boot_e820_entry* output) {
  uint32_t output_count = 0;
  for (uint32_t i = 0; i < count; ++i) {
    const bootabi::boot_e820_entry& entry = entries[i];
    if (!IsRange(entry) || entry.type == 0) continue;  // type 0 covers nothing, as below
    AppendMerged(output, output_count, entry.addr, entry.addr + entry.size, entry.type);
  }
  return output_count;
}

// The general case: every boundary of every range; between two consecutive boundaries the
// covering type is constant, so deciding each elementary interval decides the whole map.
uint32_t ResolveOverlaps(const bootabi::boot_e820_entry* entries, uint32_t count, E820Scratch& scratch) {
  uint32_t boundary_count = 0;
  for (uint32_t i = 0; i < count; ++i) {
    if (!IsRange(entries[i])) continue;
    scratch.boundaries[boundary_count++] = entries[i].addr;
    scratch.boundaries[boundary_count++] = entries[i].addr + entries[i].size;
  }
  SortUnique(scratch.boundaries, boundary_count);

  uint32_t output_count = 0;
  for (uint32_t b = 0; b + 1 < boundary_count; ++b) {
    const uint64_t start = scratch.boundaries[b];
    const uint64_t end = scratch.boundaries[b + 1];
    uint32_t type = 0;  // 0: not covered
    for (uint32_t i = 0; i < count; ++i) {
      const bootabi::boot_e820_entry& entry = entries[i];
      if (IsRange(entry) && entry.addr <= start && end <= entry.addr + entry.size && entry.type > type) {
        type = entry.type;
      }
    }
    if (type != 0) AppendMerged(scratch.output, output_count, start, end, type);
  }
  return output_count;
}

}  // namespace

SanitizeResult SanitizeE820(bootabi::boot_e820_entry* entries, uint32_t count, uint32_t capacity,
                            E820Scratch& scratch) {
  uint32_t dropped_input = 0;
  if (count > kE820MaxInputEntries) {
    dropped_input = count - kE820MaxInputEntries;
    count = kE820MaxInputEntries;
  }
  const uint32_t output_count = SortedWithoutOverlaps(entries, count) ? MergeSorted(entries, count, scratch.output)
                                                                      : ResolveOverlaps(entries, count, scratch);
  uint32_t kept = output_count;
  if (kept > capacity) kept = capacity;
  for (uint32_t i = 0; i < kept; ++i) entries[i] = scratch.output[i];
  return SanitizeResult{kept, output_count - kept + dropped_input};
}

}  // namespace bootinfo
