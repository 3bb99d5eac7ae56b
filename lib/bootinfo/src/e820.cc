// SPDX-License-Identifier: MIT
#include "bootinfo/e820.h"

#include "base/sort.h"

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

// Already what SanitizeE820 makes (what a stub hands over): sorted, no overlaps, no empty
// or type-0 range, no two adjacent ranges of one type. The common path sanitises again and
// usually finds this.
bool Canonical(const bootabi::boot_e820_entry* entries, uint32_t count) {
  for (uint32_t i = 0; i < count; ++i) {
    if (!IsRange(entries[i]) || entries[i].type == 0) return false;
    if (i == 0) continue;
    const bootabi::boot_e820_entry& previous = entries[i - 1];
    const uint64_t previous_end = previous.addr + previous.size;
    if (entries[i].addr < previous_end || (entries[i].addr == previous_end && entries[i].type == previous.type)) {
      return false;
    }
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

// The general case: a sweep over every range's start and end in address order. Between two
// consecutive boundaries the set of covering ranges is constant, and the type that wins there is
// the largest type among them: a max-heap of the covering ranges (by type) answers that, with
// ranges that have ended removed lazily when they reach its top. O(n log n) for n ranges.
uint32_t ResolveOverlaps(const bootabi::boot_e820_entry* entries, uint32_t count, E820Scratch& scratch) {
  uint32_t event_count = 0;
  for (uint32_t i = 0; i < count; ++i) {
    scratch.covering[i] = false;
    if (!IsRange(entries[i]) || entries[i].type == 0) continue;  // type 0 covers nothing
    scratch.events[event_count++] = E820Event{entries[i].addr, i, false};
    scratch.events[event_count++] = E820Event{entries[i].addr + entries[i].size, i, true};
  }
  base::Sort(scratch.events, event_count,
             [](const E820Event& a, const E820Event& b) { return a.address < b.address; });

  auto larger_type = [entries](uint32_t a, uint32_t b) { return entries[a].type > entries[b].type; };
  base::Heap<uint32_t, decltype(larger_type)> covering(scratch.heap, kE820MaxInputEntries, larger_type);
  uint32_t output_count = 0;
  for (uint32_t e = 0; e < event_count;) {
    const uint64_t start = scratch.events[e].address;
    for (; e < event_count && scratch.events[e].address == start; ++e) {
      const E820Event& event = scratch.events[e];
      scratch.covering[event.entry] = !event.is_end;
      if (!event.is_end) covering.Push(event.entry);
    }
    while (!covering.empty() && !scratch.covering[covering.Top()]) covering.Pop();
    if (e == event_count || covering.empty()) continue;
    AppendMerged(scratch.output, output_count, start, scratch.events[e].address, entries[covering.Top()].type);
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
  if (count <= capacity && Canonical(entries, count)) return SanitizeResult{count, dropped_input};
  const uint32_t output_count = SortedWithoutOverlaps(entries, count) ? MergeSorted(entries, count, scratch.output)
                                                                      : ResolveOverlaps(entries, count, scratch);
  uint32_t kept = output_count;
  if (kept > capacity) kept = capacity;
  for (uint32_t i = 0; i < kept; ++i) entries[i] = scratch.output[i];
  return SanitizeResult{kept, output_count - kept + dropped_input};
}

uint64_t E820RamEnd(const bootabi::boot_e820_entry* entries, uint32_t count) {
  uint64_t end = 0;
  for (uint32_t i = 0; i < count; ++i) {
    if (entries[i].type != static_cast<uint32_t>(bootabi::E820Type::kRam)) continue;
    const uint64_t entry_end = entries[i].size > ~uint64_t{0} - entries[i].addr ? ~uint64_t{0} : entries[i].addr + entries[i].size;
    if (entry_end > end) end = entry_end;
  }
  return end;
}

}  // namespace bootinfo
