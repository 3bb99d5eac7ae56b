// SPDX-License-Identifier: MIT
// The sealed plan: the run order unientry-inspect computed when it checked a linked kernel,
// written into the image it passes (unientry-inspect --seal). At boot the kernel checks that
// the sealed order is an order of its table (every entry once, levels ascending, every
// dependency before its dependent: O(n + d)) instead of running every check and the sort
// again; an image without a seal (one that never passed the build's check) gets the full check.
#pragma once

#include <cstdint>

#include "abi/assert-layout.h"
#include "inittab/plan.h"

namespace inittab {

inline constexpr uint32_t kPlanSealMagic = 0x4c414553;  // "SEAL" in memory order
inline constexpr uint32_t kPlanSealMaxEntries = 256;

/// The symbol the kernel places it under, and the tools look it up by.
#define UNIENTRY_PLAN_SEAL_SYMBOL "unientry_init_plan_seal"

struct PlanSeal {
  uint32_t magic;  // kPlanSealMagic once sealed; 0 in a freshly linked image
  uint32_t count;  // entries in the table the order is for
  uint32_t order[kPlanSealMaxEntries];
};
static_assert(bootabi::AssertSize<PlanSeal, 8 + 4 * kPlanSealMaxEntries>());
ABI_ASSERT_OFFSET(PlanSeal, order, 8);

/// Whether `order` (count indices) is an order of nodes[0..count) the runner may follow: each
/// index once, levels never decreasing, each dependency earlier than its dependent. `position`
/// is count words of scratch. On false, `error` says which entry breaks it.
bool VerifyOrder(const PlanNode* nodes, uint32_t count, const uint32_t* order, uint32_t* position, PlanError* error);

}  // namespace inittab
