// SPDX-License-Identifier: MIT
// Runs the init-plan library on a table read from an image: the checks, then the sort; and
// what the plan says each entry does in one boot environment.
#pragma once

#include <string>
#include <vector>

#include "image/init-table.h"

namespace image {

struct PlanResult {
  std::vector<std::string> errors;  // one sentence per problem, naming the entries
  std::vector<uint32_t> order;      // entry indices in run order; empty when errors exist
};

PlanResult CheckAndOrder(const InitTable& table);

enum class StepAction {
  kRuns,         // runs on every boot of this environment
  kConditional,  // runs if the conditions hold (detected, dependencies ran, level not finished)
  kExcluded,     // never runs here: a declared exclusion
};

const char* StepActionName(StepAction action);  // "runs", "runs-if", "excluded"

struct PlannedStep {
  uint32_t node;
  StepAction action;
  std::string reason;                   // kExcluded: the exclusion's reason
  std::vector<std::string> conditions;  // kConditional: "detected", "'memory-map' ran", ...
};

/// The runner's rules (inittab/runner.h) applied ahead of time: an entry is conditional when it
/// has a detect hook, when a dependency is conditional (it runs only if the dependency ran),
/// or when an earlier entry of its level may finish the level.
std::vector<PlannedStep> PlanFor(const InitTable& table, const std::vector<uint32_t>& order, uint32_t environment);

/// What each application processor runs in `environment`: the per-CPU entries of PlanFor, in
/// the same order with the same conditions (inittab::RunPerCpuPlan; the checks keep per-CPU
/// entries out of levels that can finish early).
std::vector<PlannedStep> PerCpuPlanFor(const InitTable& table, const std::vector<uint32_t>& order,
                                       uint32_t environment);

/// The per-CPU entries of `order`, in that order.
std::vector<uint32_t> PerCpuOrder(const InitTable& table, const std::vector<uint32_t>& order);

/// Adapts std::string to the Append/AppendHex/AppendDecimal sink the libraries write to.
struct StringSink {
  std::string text;
  void Append(const char* part) { text += part; }
  void AppendChar(char c) { text += c; }
  void AppendDecimal(uint64_t value) { text += std::to_string(value); }
  void AppendHex(uint64_t value);
};

}  // namespace image
