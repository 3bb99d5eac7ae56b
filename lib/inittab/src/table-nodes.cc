// SPDX-License-Identifier: MIT
#include "inittab/table-nodes.h"

namespace inittab {

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
    for (uint32_t i = 0; i < entry.depends.count; ++i) {
      // Compare addresses, not pointer order: a dependency outside the table maps to the
      // out-of-range index `count`, which the checks report.
      uint32_t found = count;
      for (uint32_t candidate = 0; candidate < count; ++candidate) {
        if (&entries[candidate] == entry.depends.list[i]) found = candidate;
      }
      indices[i] = found;
    }
    used += entry.depends.count;
    storage.nodes[index] = PlanNode{
        .name = entry.name,
        .level = entry.level,
        .flags = entry.flags,
        .has_run = entry.run != nullptr,
        .has_detect = entry.detect != nullptr,
        .depends = indices,
        .depend_count = entry.depends.count,
        .exclusions = entry.exclusions.list,
        .exclusion_count = entry.exclusions.count,
    };
  }
  return count;
}

}  // namespace inittab
