// SPDX-License-Identifier: MIT
// Runs an ordered init plan for one boot environment and records what happened to each entry.
// Header-only so the kernel and the unit tests instantiate it with their own hooks.
#pragma once

#include <cstdint>

#include "inittab/plan.h"

namespace inittab {

enum class InitResult : uint8_t {
  kRan,          // supported here, its dependencies ran, detected (or no detect hook), ran
  kUnsupported,  // excluded from this environment; the trace carries the reason
  kNotDetected,  // detect() said no
  kFinished,     // an earlier entry of the same level had kFinishIfDetected and was detected
  kSkipped,      // a dependency did not run (not detected, finished or skipped itself)
};

constexpr const char* InitResultName(InitResult result) {
  switch (result) {
    case InitResult::kRan: return "ran";
    case InitResult::kUnsupported: return "unsupported";
    case InitResult::kNotDetected: return "not-detected";
    case InitResult::kFinished: return "finished";
    case InitResult::kSkipped: return "skipped";
  }
  return "unknown";
}

/// The summary line's letter for a result: r, u, n, f, s.
constexpr char InitResultLetter(InitResult result) {
  switch (result) {
    case InitResult::kRan: return 'r';
    case InitResult::kUnsupported: return 'u';
    case InitResult::kNotDetected: return 'n';
    case InitResult::kFinished: return 'f';
    case InitResult::kSkipped: return 's';
  }
  return '?';
}

/// The plan hash of the summary line: FNV-1a, one step per entry in run order over the entry's
/// index in the table (link order), which the kernel has at hand and a tool reading the image
/// derives from the same table. Cheap on purpose: a quiet boot pays for it.
inline constexpr uint32_t kPlanHashSeed = 2166136261u;
constexpr uint32_t PlanHashStep(uint32_t hash, uint32_t table_index) { return (hash ^ table_index) * 16777619u; }

struct TraceRecord {
  uint32_t node;
  InitResult result;
  // kFinished: the entry that finished the level. kSkipped: the first dependency (in the
  // entry's own list) that did not run, and what happened to it. kNoNode otherwise.
  uint32_t cause;
  InitResult cause_result;
};

/// Runs nodes in `order` (from SortNodes) for `environment` (an index into kEnvironments).
/// `results` (count entries, caller-owned) receives each node's result; dependents read it.
/// Hooks: `bool Detect(uint32_t node)`, `void Run(uint32_t node)` and
/// `void Record(const TraceRecord&)`, which is called after each entry so a crash in a later
/// entry still leaves the earlier ones on the console.
///
/// The rules, in this order: an excluded entry is unsupported; an entry of a level that a
/// finishing entry ended is finished; an entry with a dependency that did not run is skipped;
/// an entry whose detect() says no is not-detected; any other entry runs.
template <typename Hooks>
void RunPlan(const PlanNode* nodes, const uint32_t* order, uint32_t count, uint32_t environment,
             InitResult* results, Hooks& hooks) {
  const EnvironmentMask here = environment < kEnvironmentCount ? EnvironmentMask{1} << environment : 0;
  uint32_t finished_level = 0;
  uint32_t finished_by = kNoNode;
  for (uint32_t position = 0; position < count; ++position) {
    const uint32_t index = order[position];
    const PlanNode& node = nodes[index];
    TraceRecord record{index, InitResult::kRan, kNoNode, InitResult::kRan};
    uint32_t blocked_by = kNoNode;
    for (uint32_t i = 0; i < node.depend_count && blocked_by == kNoNode; ++i) {
      if (results[node.depends[i]] != InitResult::kRan) blocked_by = node.depends[i];
    }
    if ((SupportMask(node) & here) == 0) {
      record.result = InitResult::kUnsupported;
    } else if (finished_by != kNoNode && node.level == finished_level) {
      record.result = InitResult::kFinished;
      record.cause = finished_by;
    } else if (blocked_by != kNoNode) {
      record.result = InitResult::kSkipped;
      record.cause = blocked_by;
      record.cause_result = results[blocked_by];
    } else if (node.has_detect && !hooks.Detect(index)) {
      record.result = InitResult::kNotDetected;
    } else {
      hooks.Run(index);
      if ((node.flags & kFinishIfDetected) != 0) {
        finished_level = node.level;
        finished_by = index;
      }
    }
    results[index] = record.result;
    hooks.Record(record);
  }
}

/// Runs the per-CPU entries of `order` on an application processor, in the same order and by
/// the same rules, into `cpu_results` (count entries, caller-owned; only per-CPU entries are
/// written). A dependency on a boot-CPU entry counts as what it was on the boot CPU
/// (`boot_results`, from RunPlan): it ran before the APs started. No level is finished here:
/// the plan checks keep per-CPU entries out of levels with a finish-if-detected entry.
template <typename Hooks>
void RunPerCpuPlan(const PlanNode* nodes, const uint32_t* order, uint32_t count, uint32_t environment,
                   const InitResult* boot_results, InitResult* cpu_results, Hooks& hooks) {
  const EnvironmentMask here = environment < kEnvironmentCount ? EnvironmentMask{1} << environment : 0;
  for (uint32_t position = 0; position < count; ++position) {
    const uint32_t index = order[position];
    const PlanNode& node = nodes[index];
    if ((node.flags & kPerCpu) == 0) continue;
    TraceRecord record{index, InitResult::kRan, kNoNode, InitResult::kRan};
    uint32_t blocked_by = kNoNode;
    InitResult blocked_result = InitResult::kRan;
    for (uint32_t i = 0; i < node.depend_count && blocked_by == kNoNode; ++i) {
      const uint32_t dependency = node.depends[i];
      const InitResult result =
          (nodes[dependency].flags & kPerCpu) != 0 ? cpu_results[dependency] : boot_results[dependency];
      if (result != InitResult::kRan) {
        blocked_by = dependency;
        blocked_result = result;
      }
    }
    if ((SupportMask(node) & here) == 0) {
      record.result = InitResult::kUnsupported;
    } else if (blocked_by != kNoNode) {
      record.result = InitResult::kSkipped;
      record.cause = blocked_by;
      record.cause_result = blocked_result;
    } else if (node.has_detect && !hooks.Detect(index)) {
      record.result = InitResult::kNotDetected;
    } else {
      hooks.Run(index);
    }
    cpu_results[index] = record.result;
    hooks.Record(record);
  }
}

}  // namespace inittab
