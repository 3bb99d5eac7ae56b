// SPDX-License-Identifier: MIT
#include "inittab/plan.h"

#include "base/string.h"

namespace inittab {
namespace {

class ErrorList {
 public:
  ErrorList(PlanError* errors, uint32_t capacity) : errors_(errors), capacity_(capacity) {}

  void Add(const PlanError& error) {
    if (count_ < capacity_) errors_[count_] = error;
    ++count_;
  }
  uint32_t count() const { return count_; }

 private:
  PlanError* errors_;
  uint32_t capacity_;
  uint32_t count_ = 0;
};

PlanError Problem(PlanProblem problem, uint32_t node, uint32_t other = kNoNode) {
  PlanError error;
  error.problem = problem;
  error.node = node;
  error.other = other;
  return error;
}

void CheckExclusions(const PlanNode& node, uint32_t index, ErrorList& errors) {
  EnvironmentMask seen = 0;
  for (uint32_t i = 0; i < node.exclusion_count; ++i) {
    const Exclusion& exclusion = node.exclusions[i];
    const auto environment = static_cast<uint32_t>(exclusion.environment);
    PlanError error = Problem(PlanProblem::kUnknownEnvironment, index);
    error.environment = environment;
    if (environment >= bootabi::kBootEntryCount) {
      errors.Add(error);
      continue;
    }
    if (exclusion.reason == nullptr || exclusion.reason[0] == '\0') {
      error.problem = PlanProblem::kExclusionWithoutReason;
      errors.Add(error);
    }
    if ((seen & (1u << environment)) != 0) {
      error.problem = PlanProblem::kDuplicateExclusion;
      errors.Add(error);
    }
    seen |= 1u << environment;
  }
  if (SupportMask(node) == 0) errors.Add(Problem(PlanProblem::kEmptySupportMask, index));
}

void CheckDependencies(const PlanNode* nodes, uint32_t count, uint32_t index, ErrorList& errors) {
  const PlanNode& node = nodes[index];
  for (uint32_t i = 0; i < node.depend_count; ++i) {
    const uint32_t dependency = node.depends[i];
    if (dependency >= count) {
      PlanError error = Problem(PlanProblem::kDependencyOutsideTable, index);
      error.value = dependency;
      errors.Add(error);
      continue;
    }
    if (dependency == index) {
      errors.Add(Problem(PlanProblem::kDependencyOnItself, index));
      continue;
    }
    if (nodes[dependency].level > node.level) {
      errors.Add(Problem(PlanProblem::kDependencyAtLaterLevel, index, dependency));
    }
    // A dependency that cannot run where its dependent does is an init step silently missing
    // on one entry path: exactly the defect this library exists to catch.
    const EnvironmentMask missing = SupportMask(node) & ~SupportMask(nodes[dependency]);
    for (uint32_t environment = 0; environment < bootabi::kBootEntryCount; ++environment) {
      if ((missing & (1u << environment)) == 0) continue;
      PlanError error = Problem(PlanProblem::kDependencyExcluded, index, dependency);
      error.environment = environment;
      errors.Add(error);
    }
  }
}

}  // namespace

EnvironmentMask SupportMask(const PlanNode& node) {
  EnvironmentMask mask = kAllEnvironments;
  for (uint32_t i = 0; i < node.exclusion_count; ++i) {
    const auto environment = static_cast<uint32_t>(node.exclusions[i].environment);
    if (environment < bootabi::kBootEntryCount) mask &= ~(1u << environment);
  }
  return mask;
}

const char* ExclusionReason(const PlanNode& node, bootabi::BootEntry environment) {
  for (uint32_t i = 0; i < node.exclusion_count; ++i) {
    if (node.exclusions[i].environment == environment) {
      return node.exclusions[i].reason != nullptr ? node.exclusions[i].reason : "";
    }
  }
  return nullptr;
}

uint32_t CheckNodes(const PlanNode* nodes, uint32_t count, PlanError* errors, uint32_t capacity) {
  ErrorList list(errors, capacity);
  for (uint32_t index = 0; index < count; ++index) {
    const PlanNode& node = nodes[index];
    if (node.name == nullptr || node.name[0] == '\0') {
      list.Add(Problem(PlanProblem::kMissingName, index));
    } else {
      for (uint32_t earlier = 0; earlier < index; ++earlier) {
        if (nodes[earlier].name != nullptr && base::StringEqual(nodes[earlier].name, node.name)) {
          list.Add(Problem(PlanProblem::kDuplicateName, index, earlier));
          break;
        }
      }
    }
    if (node.level < linktab::kMinLevel || node.level > linktab::kMaxLevel) {
      PlanError error = Problem(PlanProblem::kLevelOutOfRange, index);
      error.value = node.level;
      list.Add(error);
    }
    if (!node.has_run) list.Add(Problem(PlanProblem::kNoRunFunction, index));
    if ((node.flags & ~kKnownFlags) != 0) {
      PlanError error = Problem(PlanProblem::kUnknownFlags, index);
      error.value = node.flags & ~kKnownFlags;
      list.Add(error);
    }
    CheckExclusions(node, index, list);
    CheckDependencies(nodes, count, index, list);
  }
  return list.count();
}

namespace {

bool NameLess(const char* a, const char* b) {
  for (; *a != '\0' && *a == *b; ++a, ++b) {
  }
  return static_cast<unsigned char>(*a) < static_cast<unsigned char>(*b);
}

// Called when no node can be placed: every unplaced node waits on an unplaced dependency, so
// walking "first unplaced dependency" from any unplaced node must revisit a node.
void FindCycle(const PlanNode* nodes, uint32_t count, const bool* placed, PlanError* error) {
  uint32_t start = 0;
  while (start < count && placed[start]) ++start;
  // Walk count steps first so that the walk is inside the cycle, then record one lap.
  uint32_t current = start;
  auto next = [&](uint32_t index) {
    const PlanNode& node = nodes[index];
    for (uint32_t i = 0; i < node.depend_count; ++i) {
      if (!placed[node.depends[i]]) return node.depends[i];
    }
    return index;  // unreachable for a valid input: an unplaced node has an unplaced dependency
  };
  for (uint32_t step = 0; step < count; ++step) current = next(current);
  *error = PlanError{};
  error->problem = PlanProblem::kCycle;
  error->node = current;
  // The walk follows "depends on" edges; report the cycle in the same direction.
  // Start the report at the entry with the smallest name, so the message does not depend
  // on link order.
  uint32_t first = current;
  for (uint32_t at = next(current); at != current; at = next(at)) {
    if (NameLess(nodes[at].name, nodes[first].name)) first = at;
  }
  uint32_t at = first;
  do {
    if (error->cycle_length < kMaxCyclePath) error->cycle[error->cycle_length++] = at;
    at = next(at);
  } while (at != first);
}

}  // namespace

bool SortNodes(const PlanNode* nodes, uint32_t count, uint32_t* order, SortScratch scratch,
               PlanError* cycle_error) {
  for (uint32_t i = 0; i < count; ++i) {
    scratch.placed[i] = false;
    scratch.remaining_dependencies[i] = nodes[i].depend_count;
  }
  // Kahn's algorithm, always taking the ready node with the lowest (level, table index): the
  // result is the table's own order wherever dependencies allow it. O(n^2), n is small.
  for (uint32_t position = 0; position < count; ++position) {
    uint32_t best = kNoNode;
    for (uint32_t i = 0; i < count; ++i) {
      if (scratch.placed[i] || scratch.remaining_dependencies[i] != 0) continue;
      if (best == kNoNode || nodes[i].level < nodes[best].level) best = i;
    }
    if (best == kNoNode) {
      FindCycle(nodes, count, scratch.placed, cycle_error);
      return false;
    }
    scratch.placed[best] = true;
    order[position] = best;
    for (uint32_t i = 0; i < count; ++i) {
      for (uint32_t d = 0; d < nodes[i].depend_count; ++d) {
        if (nodes[i].depends[d] == best) --scratch.remaining_dependencies[i];
      }
    }
  }
  return true;
}

}  // namespace inittab
