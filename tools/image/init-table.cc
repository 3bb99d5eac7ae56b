// SPDX-License-Identifier: MIT
#include "image/init-table.h"

#include <cstddef>

#include <fmt/format.h>

#include "inittab/init-entry.h"

namespace image {
namespace {

// The kernel and the host are both x86-64 LP64, so InitEntry has one layout; the offsets
// come from the struct itself, never typed by hand.
constexpr uint64_t kEntrySize = sizeof(inittab::InitEntry);
constexpr uint64_t kExclusionSize = sizeof(inittab::Exclusion);
constexpr size_t kMaxNameLength = 63;
constexpr size_t kMaxReasonLength = 255;
constexpr uint32_t kMaxDependencies = 64;
constexpr uint32_t kMaxExclusions = 64;
constexpr uint64_t kMaxEntries = 4096;

uint64_t Field(const std::vector<uint8_t>& bytes, size_t offset, size_t size) {
  uint64_t value = 0;
  std::memcpy(&value, bytes.data() + offset, size);
  return value;
}

std::string Where(size_t index) { return fmt::format("init table entry #{}", index); }

struct CountedList {
  uint64_t list;
  uint32_t count;
};

// An entry's {list, count} pair (inittab::Dependencies or inittab::Exclusions) at `offset` of
// `raw`, with the count checked against `max`; `field` names it in the error.
template <typename List>
CountedList ReadCountedList(const ElfImage& elf, const std::vector<uint8_t>& raw, size_t offset, uint32_t max,
                            const std::string& where, const std::string& name, const char* field) {
  const CountedList result{Field(raw, offset + offsetof(List, list), 8),
                           static_cast<uint32_t>(Field(raw, offset + offsetof(List, count), 4))};
  if (result.count > max) {
    throw ImageError(fmt::format("{}: {} ('{}') {}.count: expected at most {}, got {}", elf.path(), where, name,
                                 field, max, result.count));
  }
  return result;
}

}  // namespace

InitTable InitTable::Read(const ElfImage& elf) {
  const auto start = elf.FindSymbol("linktab_init_start");
  const auto end = elf.FindSymbol("linktab_init_end");
  if (!start || !end) {
    throw ImageError(fmt::format(
        "{}: no init table: symbols linktab_init_start and linktab_init_end not found (not a "
        "unientry kernel?)",
        elf.path()));
  }
  if (end->value < start->value || (end->value - start->value) % kEntrySize != 0) {
    throw ImageError(fmt::format(
        "{}: init table bounds [{:#x}, {:#x}): expected a multiple of {} bytes, got {}",
        elf.path(), start->value, end->value, kEntrySize,
        static_cast<int64_t>(end->value - start->value)));
  }
  const uint64_t count = (end->value - start->value) / kEntrySize;
  if (count > kMaxEntries) {
    throw ImageError(fmt::format("{}: init table has {} entries, expected at most {}", elf.path(),
                                 count, kMaxEntries));
  }
  InitTable table;
  table.start_ = start->value;
  const std::vector<uint8_t> raw = elf.Read(start->value, count * kEntrySize, "init table");
  for (uint64_t index = 0; index < count; ++index) {
    const size_t base = index * kEntrySize;
    const std::string where = Where(index);
    InitTableEntry entry;
    entry.address = start->value + base;
    const uint64_t name_address = Field(raw, base + offsetof(inittab::InitEntry, name), 8);
    entry.name = name_address == 0 ? "" : elf.ReadString(name_address, kMaxNameLength, where + " name");
    entry.level = static_cast<uint32_t>(Field(raw, base + offsetof(inittab::InitEntry, level), 4));
    entry.flags = static_cast<uint32_t>(Field(raw, base + offsetof(inittab::InitEntry, flags), 4));
    entry.detect = Field(raw, base + offsetof(inittab::InitEntry, detect), 8);
    entry.run = Field(raw, base + offsetof(inittab::InitEntry, run), 8);

    const auto [depends_list, depends_count] = ReadCountedList<inittab::Dependencies>(
        elf, raw, base + offsetof(inittab::InitEntry, depends), kMaxDependencies, where, entry.name, "depends");
    for (uint32_t i = 0; i < depends_count; ++i) {
      const uint64_t target = elf.ReadU64(depends_list + i * 8, where + " dependency list");
      const bool inside = target >= start->value && target < end->value &&
                          (target - start->value) % kEntrySize == 0;
      entry.depends.push_back(inside ? static_cast<uint32_t>((target - start->value) / kEntrySize)
                                     : static_cast<uint32_t>(count));
    }

    const auto [exclusion_list, exclusion_count] = ReadCountedList<inittab::Exclusions>(
        elf, raw, base + offsetof(inittab::InitEntry, exclusions), kMaxExclusions, where, entry.name, "exclusions");
    entry.exclusion_reasons.reserve(exclusion_count);
    for (uint32_t i = 0; i < exclusion_count; ++i) {
      const std::vector<uint8_t> bytes =
          elf.Read(exclusion_list + i * kExclusionSize, kExclusionSize, where + " exclusion");
      const auto excluded_entry = static_cast<uint8_t>(Field(bytes, offsetof(inittab::Exclusion, entry), 1));
      const auto excluded_firmware = static_cast<uint8_t>(Field(bytes, offsetof(inittab::Exclusion, firmware), 1));
      const uint64_t reason_address = Field(bytes, offsetof(inittab::Exclusion, reason), 8);
      entry.exclusion_reasons.push_back(
          reason_address == 0 ? "" : elf.ReadString(reason_address, kMaxReasonLength, where + " exclusion reason"));
      // A zero reason address stays null, so the checks report "without a reason".
      entry.exclusions.push_back(inittab::Exclusion{excluded_entry, excluded_firmware, nullptr});
      entry.exclusion_has_reason.push_back(reason_address != 0);
    }
    table.entries_.push_back(std::move(entry));
  }
  table.BuildNodes();
  return table;
}

void InitTable::BuildNodes() {
  nodes_.clear();
  for (InitTableEntry& entry : entries_) {
    for (size_t i = 0; i < entry.exclusions.size(); ++i) {
      entry.exclusions[i].reason = entry.exclusion_has_reason[i] ? entry.exclusion_reasons[i].c_str() : nullptr;
    }
    nodes_.push_back(inittab::PlanNode{
        .name = entry.name.c_str(),
        .depends = entry.depends.data(),
        .exclusions = entry.exclusions.data(),
        .level = entry.level,
        .flags = entry.flags,
        .depend_count = static_cast<uint32_t>(entry.depends.size()),
        .exclusion_count = static_cast<uint32_t>(entry.exclusions.size()),
        .has_run = entry.run != 0,
        .has_detect = entry.detect != 0,
    });
  }
}

}  // namespace image
