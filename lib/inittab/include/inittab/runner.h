// SPDX-License-Identifier: MIT
// Runs an ordered init plan for one boot environment and records what happened to each entry.
// Header-only so the kernel and the unit tests instantiate it with their own hooks.
#pragma once

#include <cstdint>

#include "inittab/plan.h"

namespace inittab {

enum class InitResult : uint8_t {
  kRan,          // supported here, detected (or no detect hook), ran
  kUnsupported,  // excluded from this environment; the trace carries the reason
  kNotDetected,  // detect() said no
  kFinished,     // an earlier entry of the same level had kFinishIfDetected and was detected
};

constexpr const char* InitResultName(InitResult result) {
  switch (result) {
    case InitResult::kRan: return "ran";
    case InitResult::kUnsupported: return "unsupported";
    case InitResult::kNotDetected: return "not-detected";
    case InitResult::kFinished: return "finished";
  }
  return "unknown";
}

struct TraceRecord {
  uint32_t node;
  InitResult result;
  uint32_t finished_by;  // the node that finished the level, for kFinished; kNoNode otherwise
};

/// Hooks: `bool Detect(uint32_t node)`, `void Run(uint32_t node)` and
/// `void Record(const TraceRecord&)`, which is called after each entry so a crash in a later
/// entry still leaves the earlier ones on the console.
template <typename Hooks>
void RunPlan(const PlanNode* nodes, const uint32_t* order, uint32_t count,
             bootabi::BootEntry environment, Hooks& hooks) {
  uint32_t finished_level = 0;
  uint32_t finished_by = kNoNode;
  for (uint32_t position = 0; position < count; ++position) {
    const uint32_t index = order[position];
    const PlanNode& node = nodes[index];
    TraceRecord record{index, InitResult::kRan, kNoNode};
    if (finished_by != kNoNode && node.level == finished_level) {
      record.result = InitResult::kFinished;
      record.finished_by = finished_by;
    } else if ((SupportMask(node) & EnvironmentBit(environment)) == 0) {
      record.result = InitResult::kUnsupported;
    } else if (node.has_detect && !hooks.Detect(index)) {
      record.result = InitResult::kNotDetected;
    } else {
      hooks.Run(index);
      if ((node.flags & kFinishIfDetected) != 0) {
        finished_level = node.level;
        finished_by = index;
      }
    }
    hooks.Record(record);
  }
}

}  // namespace inittab
