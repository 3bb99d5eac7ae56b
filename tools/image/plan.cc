// SPDX-License-Identifier: MIT
#include "image/plan.h"

#include <fmt/format.h>

namespace image {

void StringSink::AppendHex(uint64_t value) { text += fmt::format("{:#x}", value); }

PlanResult CheckAndOrder(const InitTable& table) {
  PlanResult result;
  const auto& nodes = table.nodes();
  const auto count = static_cast<uint32_t>(nodes.size());
  std::vector<uint32_t> words(inittab::PlanScratchWords(count, inittab::CountDependencies(nodes.data(), count)));
  const inittab::PlanScratch scratch{words.data(), words.size()};
  std::vector<inittab::PlanError> errors(64);
  const uint32_t problems =
      inittab::CheckNodes(nodes.data(), count, scratch, errors.data(), static_cast<uint32_t>(errors.size()));
  for (uint32_t i = 0; i < problems && i < errors.size(); ++i) {
    StringSink sink;
    inittab::DescribePlanError(errors[i], nodes.data(), sink);
    result.errors.push_back(sink.text);
  }
  if (problems > errors.size()) {
    result.errors.push_back(fmt::format("... and {} more problems", problems - errors.size()));
  }
  if (problems != 0) return result;

  result.order.resize(count);
  inittab::PlanError error;
  if (!inittab::SortNodes(nodes.data(), count, scratch, result.order.data(), &error)) {
    StringSink sink;
    inittab::DescribePlanError(error, nodes.data(), sink);
    result.errors.push_back(sink.text);
    result.order.clear();
  }
  return result;
}

const char* StepActionName(StepAction action) {
  switch (action) {
    case StepAction::kRuns: return "runs";
    case StepAction::kConditional: return "runs-if";
    case StepAction::kExcluded: return "excluded";
  }
  return "?";
}

std::vector<PlannedStep> PlanFor(const InitTable& table, const std::vector<uint32_t>& order, uint32_t environment) {
  const auto& entries = table.entries();
  std::vector<PlannedStep> steps;
  std::vector<StepAction> action_of(entries.size(), StepAction::kRuns);
  std::string level_finisher;  // an earlier entry of the current level that may finish it
  uint32_t current_level = 0;
  for (uint32_t node : order) {
    const InitTableEntry& entry = entries[node];
    if (entry.level != current_level) {
      current_level = entry.level;
      level_finisher.clear();
    }
    PlannedStep step{node, StepAction::kRuns, "", {}};
    if (const char* reason = inittab::ExclusionReason(table.nodes()[node], environment)) {
      step.action = StepAction::kExcluded;
      step.reason = reason;
    } else {
      if (!level_finisher.empty()) step.conditions.push_back(fmt::format("'{}' did not finish the level", level_finisher));
      for (uint32_t dependency : entry.depends) {
        if (action_of[dependency] != StepAction::kRuns) {
          step.conditions.push_back(fmt::format("'{}' ran", entries[dependency].name));
        }
      }
      if (entry.detect != 0) step.conditions.push_back("detected");
      if (!step.conditions.empty()) step.action = StepAction::kConditional;
      if ((entry.flags & inittab::kFinishIfDetected) != 0 && level_finisher.empty()) level_finisher = entry.name;
    }
    action_of[node] = step.action;
    steps.push_back(std::move(step));
  }
  return steps;
}

std::vector<PlannedStep> PerCpuPlanFor(const InitTable& table, const std::vector<uint32_t>& order,
                                       uint32_t environment) {
  std::vector<PlannedStep> steps;
  for (PlannedStep& step : PlanFor(table, order, environment)) {
    if ((table.entries()[step.node].flags & inittab::kPerCpu) != 0) steps.push_back(std::move(step));
  }
  return steps;
}

std::vector<uint32_t> PerCpuOrder(const InitTable& table, const std::vector<uint32_t>& order) {
  std::vector<uint32_t> per_cpu;
  for (uint32_t node : order) {
    if ((table.entries()[node].flags & inittab::kPerCpu) != 0) per_cpu.push_back(node);
  }
  return per_cpu;
}

}  // namespace image
