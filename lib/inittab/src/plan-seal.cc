// SPDX-License-Identifier: MIT
#include "inittab/plan-seal.h"

namespace inittab {
namespace {

bool Invalid(PlanError* error, uint32_t position, uint32_t node, uint32_t reason) {
  *error = PlanError{};
  error->problem = PlanProblem::kSealedOrderInvalid;
  error->node = node;
  error->value = position;
  error->value2 = reason;  // 0 not a permutation, 1 levels out of order, 2 dependency after dependent
  return false;
}

}  // namespace

bool VerifyOrder(const PlanNode* nodes, uint32_t count, const uint32_t* order, uint32_t* position, PlanError* error) {
  for (uint32_t i = 0; i < count; ++i) position[i] = kNoNode;
  for (uint32_t at = 0; at < count; ++at) {
    const uint32_t node = order[at];
    if (node >= count || position[node] != kNoNode) return Invalid(error, at, kNoNode, 0);
    position[node] = at;
    if (at > 0 && nodes[node].level < nodes[order[at - 1]].level) return Invalid(error, at, node, 1);
  }
  for (uint32_t node = 0; node < count; ++node) {
    for (uint32_t d = 0; d < nodes[node].depend_count; ++d) {
      const uint32_t dependency = nodes[node].depends[d];
      if (dependency >= count || position[dependency] >= position[node]) {
        return Invalid(error, position[node], node, 2);
      }
    }
  }
  return true;
}

}  // namespace inittab
