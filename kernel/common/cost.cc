// SPDX-License-Identifier: MIT
#include "common/cost.h"

#include "common/console.h"

namespace {

struct Cost {
  const char* name;
  uint64_t tsc;
};
constexpr uint32_t kMaxKept = 16;
constinit Cost gKept[kMaxKept] = {};
constinit uint32_t gKeptCount = 0;

void Print(const Cost& cost) {
  console::Line(console::Importance::kAlways).Append("cost ").Append(cost.name).Append(" ").AppendDecimal(cost.tsc);
}

}  // namespace

void PrintCost(const char* name, uint64_t tsc) {
  if (tsc == 0) return;
  if (!console::Quiet()) return Print({name, tsc});
  if (gKeptCount < kMaxKept) gKept[gKeptCount++] = {name, tsc};
}

void FlushCosts() {
  for (uint32_t i = 0; i < gKeptCount; ++i) Print(gKept[i]);
  gKeptCount = 0;
}
