// SPDX-License-Identifier: MIT
#include "inittab/table-nodes.h"

namespace inittab {
namespace {

// The index of `entry` in entries[0..count), from its address (O(1)); an entry outside the
// table, or not at an element boundary, maps to the out-of-range index `count`, which the
// checks report. Integer arithmetic: pointers into different objects are not ordered in C++.
uint32_t IndexOf(const InitEntry* entries, uint32_t count, const InitEntry* entry) {
  const auto first = reinterpret_cast<uintptr_t>(entries);
  const auto at = reinterpret_cast<uintptr_t>(entry);
  if (at < first || (at - first) % sizeof(InitEntry) != 0) return count;
  const uintptr_t index = (at - first) / sizeof(InitEntry);
  return index < count ? static_cast<uint32_t>(index) : count;
}

}  // namespace

base::Result<uint32_t> BuildPlanNodes(const InitEntry* entries, uint32_t count,
                                      const NodeStorage& storage) {
  if (count > storage.node_capacity) {
    return base::MakeError("too many init entries", "init", storage.node_capacity, count);
  }
  uint32_t used = 0;
  for (uint32_t index = 0; index < count; ++index) {
    const InitEntry& entry = entries[index];
    if (entry.depends.count > storage.dependency_capacity - used) {
      return base::MakeError("too many dependencies in total", "init.depends",
                             storage.dependency_capacity, used + entry.depends.count);
    }
    uint32_t* indices = storage.dependency_indices + used;
    for (uint32_t i = 0; i < entry.depends.count; ++i) indices[i] = IndexOf(entries, count, entry.depends.list[i]);
    used += entry.depends.count;
    storage.nodes[index] = PlanNode{
        .name = entry.name,
        .depends = indices,
        .exclusions = entry.exclusions.list,
        .level = entry.level,
        .flags = entry.flags,
        .depend_count = entry.depends.count,
        .exclusion_count = entry.exclusions.count,
        .has_run = entry.run != nullptr,
        .has_detect = entry.detect != nullptr,
    };
  }
  return count;
}

}  // namespace inittab
