// SPDX-License-Identifier: MIT
// The init plan: checks an init table and orders it (level, then dependencies). One library,
// compiled freestanding into the kernel (which checks its own table at boot) and hosted into
// the tools (which check the linked kernel at build time) and the unit tests.
//
// The planner works on PlanNode, a neutral view of an entry with dependencies as indices, so
// the kernel (from its own InitEntry table) and a host tool (from an ELF file) feed it alike.
#pragma once

#include <cstddef>
#include <cstdint>

#include "abi/boot-descriptor.h"
#include "base/error.h"
#include "inittab/init-entry.h"

namespace inittab {

using EnvironmentMask = uint32_t;
inline constexpr EnvironmentMask kAllEnvironments = (1u << bootabi::kBootEntryCount) - 1;

constexpr EnvironmentMask EnvironmentBit(bootabi::BootEntry environment) {
  return 1u << static_cast<uint32_t>(environment);
}

struct PlanNode {
  const char* name = nullptr;
  uint32_t level = 0;
  uint32_t flags = 0;
  bool has_run = false;
  bool has_detect = false;
  const uint32_t* depends = nullptr;  // indices into the node array
  uint32_t depend_count = 0;
  const Exclusion* exclusions = nullptr;
  uint32_t exclusion_count = 0;
};

/// The environments a node supports: all of them but those it excludes.
EnvironmentMask SupportMask(const PlanNode& node);

/// The reason `node` gives for excluding `environment`, or nullptr if it supports it.
const char* ExclusionReason(const PlanNode& node, bootabi::BootEntry environment);

inline constexpr uint32_t kMaxCyclePath = 16;
inline constexpr uint32_t kNoNode = 0xffffffff;

enum class PlanProblem : uint8_t {
  kMissingName,
  kDuplicateName,
  kLevelOutOfRange,
  kNoRunFunction,
  kUnknownFlags,
  kUnknownEnvironment,
  kExclusionWithoutReason,
  kDuplicateExclusion,
  kEmptySupportMask,
  kDependencyOutsideTable,
  kDependencyOnItself,
  kDependencyAtLaterLevel,
  kDependencyExcluded,
  kCycle,
};

/// One problem found in a table, with the entries and values a message needs.
struct PlanError {
  PlanProblem problem = PlanProblem::kMissingName;
  uint32_t node = kNoNode;   // the entry the problem is about
  uint32_t other = kNoNode;  // a second entry (duplicate, dependency), or kNoNode
  uint32_t environment = 0;  // for exclusion problems
  uint64_t value = 0;        // a level, flags or index, as the problem says
  uint32_t cycle[kMaxCyclePath] = {};
  uint32_t cycle_length = 0;  // for kCycle: the entries of the cycle, in dependency order
};

/// Checks everything that does not need the order. Writes up to `capacity` errors and returns
/// how many problems were found (which may be more than were written).
uint32_t CheckNodes(const PlanNode* nodes, uint32_t count, PlanError* errors, uint32_t capacity);

struct SortScratch {
  uint32_t* remaining_dependencies;  // `count` entries
  bool* placed;                      // `count` entries
};

/// Orders the nodes: ascending level; within a level, every node after its dependencies;
/// otherwise table order. Writes `count` indices to `order` and returns true, or fills
/// `cycle_error` and returns false. Call only after CheckNodes found nothing: it relies on
/// valid dependency indices and levels.
bool SortNodes(const PlanNode* nodes, uint32_t count, uint32_t* order, SortScratch scratch,
               PlanError* cycle_error);

/// Writes one line describing `error` to a sink with Append(const char*), AppendDecimal and
/// AppendHex, e.g. "dependency cycle: 'a' -> 'b' -> 'a'".
template <typename Sink>
void DescribePlanError(const PlanError& error, const PlanNode* nodes, Sink& out) {
  auto name = [&](uint32_t index) {
    out.Append("'");
    out.Append(nodes[index].name != nullptr ? nodes[index].name : "(unnamed)");
    out.Append("'");
  };
  auto environment = [&] {
    out.Append(error.environment < bootabi::kBootEntryCount
                   ? bootabi::BootEntryName(static_cast<bootabi::BootEntry>(error.environment))
                   : "unknown");
  };
  if (error.problem == PlanProblem::kCycle) {
    out.Append("dependency cycle: ");
    for (uint32_t i = 0; i < error.cycle_length; ++i) {
      name(error.cycle[i]);
      out.Append(" -> ");
    }
    name(error.cycle[0]);
    return;
  }
  if (error.problem == PlanProblem::kMissingName) {
    out.Append("init entry #");
    out.AppendDecimal(error.node);
    out.Append(" has no name");
    return;
  }
  out.Append("init entry ");
  name(error.node);
  switch (error.problem) {
    case PlanProblem::kDuplicateName:
      out.Append(" is defined twice (entries #");
      out.AppendDecimal(error.other);
      out.Append(" and #");
      out.AppendDecimal(error.node);
      out.Append(")");
      return;
    case PlanProblem::kLevelOutOfRange:
      out.Append(" has level ");
      out.AppendDecimal(error.value);
      out.Append(", expected 10000..99999");
      return;
    case PlanProblem::kNoRunFunction:
      out.Append(" has no run function");
      return;
    case PlanProblem::kUnknownFlags:
      out.Append(" has unknown flags ");
      out.AppendHex(error.value);
      return;
    case PlanProblem::kUnknownEnvironment:
      out.Append(" excludes unknown boot environment ");
      out.AppendDecimal(error.environment);
      return;
    case PlanProblem::kExclusionWithoutReason:
      out.Append(" excludes ");
      environment();
      out.Append(" without a reason");
      return;
    case PlanProblem::kDuplicateExclusion:
      out.Append(" excludes ");
      environment();
      out.Append(" twice");
      return;
    case PlanProblem::kEmptySupportMask:
      out.Append(" is excluded from every boot environment (empty support mask)");
      return;
    case PlanProblem::kDependencyOutsideTable:
      out.Append(" depends on entry #");
      out.AppendDecimal(error.value);
      out.Append(", which is not in the init table");
      return;
    case PlanProblem::kDependencyOnItself:
      out.Append(" depends on itself");
      return;
    case PlanProblem::kDependencyAtLaterLevel:
      out.Append(" (level ");
      out.AppendDecimal(nodes[error.node].level);
      out.Append(") depends on ");
      name(error.other);
      out.Append(" at a later level (");
      out.AppendDecimal(nodes[error.other].level);
      out.Append(")");
      return;
    case PlanProblem::kDependencyExcluded: {
      out.Append(" runs on ");
      environment();
      out.Append(" but its dependency ");
      name(error.other);
      out.Append(" is excluded there: ");
      const char* reason =
          ExclusionReason(nodes[error.other], static_cast<bootabi::BootEntry>(error.environment));
      out.Append(reason != nullptr ? reason : "(no reason)");
      return;
    }
    case PlanProblem::kMissingName:
    case PlanProblem::kCycle:
      return;
  }
}

}  // namespace inittab
