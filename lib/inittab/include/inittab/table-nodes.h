// SPDX-License-Identifier: MIT
// Builds PlanNodes from a linked InitEntry table: dependency pointers become indices.
#pragma once

#include <cstdint>

#include "base/result.h"
#include "inittab/init-entry.h"
#include "inittab/plan.h"

namespace inittab {

struct NodeStorage {
  PlanNode* nodes;
  uint32_t node_capacity;
  uint32_t* dependency_indices;
  uint32_t dependency_capacity;
};

/// Fills storage.nodes[0..count) from entries[0..count). A dependency pointer that is not an
/// element of `entries` becomes an index >= count, which CheckNodes reports by name.
base::Result<uint32_t> BuildPlanNodes(const InitEntry* entries, uint32_t count,
                                      const NodeStorage& storage);

}  // namespace inittab
