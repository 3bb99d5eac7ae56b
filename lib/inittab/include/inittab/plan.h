// SPDX-License-Identifier: MIT
// The init plan: checks an init table and orders it (level, then dependencies). One library,
// compiled freestanding into the kernel (which checks its own table at boot) and hosted into
// the tools (which check the linked kernel at build time) and the unit tests.
//
// The planner works on PlanNode, a neutral view of an entry with dependencies as indices, so
// the kernel (from its own InitEntry table) and a host tool (from an ELF file) feed it alike.
// Both passes take O(n log n + d) for n entries and d dependencies, in caller-owned scratch:
// the same code runs at boot over a few dozen entries and on the host over 10,000.
#pragma once

#include <cstddef>
#include <cstdint>

#include "abi/boot-descriptor.h"
#include "base/error.h"
#include "base/index-set.h"
#include "inittab/environment.h"
#include "inittab/init-entry.h"

namespace inittab {

struct PlanNode {
  const char* name = nullptr;
  const uint32_t* depends = nullptr;  // indices into the node array
  const Exclusion* exclusions = nullptr;
  uint32_t level = 0;
  uint32_t flags = 0;
  uint32_t depend_count = 0;
  uint32_t exclusion_count = 0;
  bool has_run = false;
  bool has_detect = false;
};

/// The environments (bits of kEnvironments indices) a node supports: all but those it excludes.
EnvironmentMask SupportMask(const PlanNode& node);

/// The reason `node` gives for excluding environment `environment` (an index into
/// kEnvironments), or nullptr if it supports it.
const char* ExclusionReason(const PlanNode& node, uint32_t environment);

inline constexpr uint32_t kMaxCyclePath = 16;
inline constexpr uint32_t kNoNode = 0xffffffff;

enum class PlanProblem : uint8_t {
  kMissingName,
  kDuplicateName,
  kLevelNotDeclared,
  kNoRunFunction,
  kUnknownFlags,
  kUnknownEnvironment,       // an exclusion names an entry or firmware value that does not exist
  kExclusionWithoutReason,
  kExclusionMatchesNothing,  // valid values, but no boot environment has both (efi on bios)
  kOverlappingExclusions,    // two exclusions of one entry match the same environment
  kEmptySupportMask,
  kDependencyOutsideTable,
  kDependencyOnItself,
  kDependencyAtLaterLevel,
  kDependencyExcluded,
  kDependencyEndsLevel,      // depends on a kFinishIfDetected entry of its own level: never runs
  kPerCpuTooLate,            // a per-CPU entry at or after INIT_LEVEL_CPU_START
  kPerCpuInFinishingLevel,   // a per-CPU entry shares its level with a finish-if-detected one
  kCycle,
  kScratchTooSmall,
  kSealedOrderInvalid,  // the image's sealed order is not an order of its table (plan-seal.h)
};

/// One problem found in a table, with the entries and values a message needs.
struct PlanError {
  PlanProblem problem = PlanProblem::kMissingName;
  uint32_t node = kNoNode;   // the entry the problem is about
  uint32_t other = kNoNode;  // a second entry (duplicate, dependency), or kNoNode
  uint32_t environment = kNoEnvironment;  // an index into kEnvironments, where one applies
  uint64_t value = 0;        // a level, flags, index or size, as the problem says
  uint64_t value2 = 0;       // kUnknownEnvironment: the firmware value; kScratchTooSmall: needed
  uint32_t cycle[kMaxCyclePath] = {};
  uint32_t cycle_length = 0;  // for kCycle: the entries of the cycle, in dependency order
};

/// Caller-owned working memory for CheckNodes and SortNodes: PlanScratchWords(...) words.
struct PlanScratch {
  uint32_t* words;
  uint64_t capacity;
};

/// The sort keeps one set of ready entries per init level.
inline constexpr uint32_t kSortLevels = sizeof(kInitLevels) / sizeof(kInitLevels[0]);
static_assert(kSortLevels == 4, "SortNodes sets up one ready set per init level");

/// Words of scratch the checks and the sort need for `count` nodes with `dependencies`
/// dependencies in total.
inline constexpr uint64_t kCheckWordsPerNode = 5;
constexpr uint64_t PlanScratchWords(uint64_t count, uint64_t dependencies) {
  const uint64_t checks = kCheckWordsPerNode * count;
  const uint64_t sort = 2 * count + 1 + dependencies + kSortLevels * base::IndexSet::WordsFor(count);
  return checks > sort ? checks : sort;
}

/// The total number of dependencies in nodes[0..count).
uint64_t CountDependencies(const PlanNode* nodes, uint32_t count);

/// Checks everything that does not need the order. Writes up to `capacity` errors and returns
/// how many problems were found (which may be more than were written).
uint32_t CheckNodes(const PlanNode* nodes, uint32_t count, PlanScratch scratch, PlanError* errors,
                    uint32_t capacity);

/// Orders the nodes: ascending level; within a level, every node after its dependencies;
/// otherwise table order. Writes `count` indices to `order` and returns true, or fills
/// `error` (a cycle, or scratch too small) and returns false. Call only after CheckNodes found
/// nothing: it relies on valid dependency indices and levels.
bool SortNodes(const PlanNode* nodes, uint32_t count, PlanScratch scratch, uint32_t* order, PlanError* error);

/// Writes one line describing `error` to a sink with Append(const char*), AppendDecimal and
/// AppendHex, e.g. "dependency cycle: 'a' -> 'b' -> 'a'".
template <typename Sink>
void DescribePlanError(const PlanError& error, const PlanNode* nodes, Sink& out) {
  auto name = [&](uint32_t index) {
    out.Append("'");
    out.Append(nodes[index].name != nullptr ? nodes[index].name : "(unnamed)");
    out.Append("'");
  };
  auto environment = [&] { AppendEnvironmentName(out, error.environment); };
  auto exclusion = [&](uint64_t entry, uint64_t firmware) {
    if (entry == kAnyEntry && firmware == kAnyFirmware) {
      out.Append("every environment");
      return;
    }
    if (entry != kAnyEntry) {
      out.Append("entry ");
      out.Append(bootabi::BootEntryName(static_cast<bootabi::BootEntry>(entry)));
    }
    if (entry != kAnyEntry && firmware != kAnyFirmware) out.Append(" on ");
    if (firmware != kAnyFirmware) {
      out.Append("firmware ");
      out.Append(bootabi::FirmwareName(static_cast<bootabi::Firmware>(firmware)));
    }
  };
  switch (error.problem) {
    case PlanProblem::kCycle:
      out.Append("dependency cycle: ");
      for (uint32_t i = 0; i < error.cycle_length; ++i) {
        name(error.cycle[i]);
        out.Append(" -> ");
      }
      name(error.cycle[0]);
      return;
    case PlanProblem::kMissingName:
      out.Append("init entry #");
      out.AppendDecimal(error.node);
      out.Append(" has no name");
      return;
    case PlanProblem::kSealedOrderInvalid:
      out.Append("the sealed plan does not fit the init table at position ");
      out.AppendDecimal(error.value);
      out.Append(": ");
      out.Append(error.value2 == 0 ? "an entry is missing, repeated or out of range"
                 : error.value2 == 1 ? "a level comes after a later one"
                                     : "a dependency comes after its dependent");
      return;
    case PlanProblem::kScratchTooSmall:
      out.Append("init plan scratch too small: expected ");
      out.AppendDecimal(error.value2);
      out.Append(" words, got ");
      out.AppendDecimal(error.value);
      return;
    default:
      break;
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
    case PlanProblem::kLevelNotDeclared:
      out.Append(" has level ");
      out.AppendDecimal(error.value);
      out.Append(", which the init table does not declare (expected one of");
      for (uint32_t level : kInitLevels) {
        out.Append(" ");
        out.AppendDecimal(level);
      }
      out.Append(")");
      return;
    case PlanProblem::kNoRunFunction:
      out.Append(" has no run function");
      return;
    case PlanProblem::kUnknownFlags:
      out.Append(" has unknown flags ");
      out.AppendHex(error.value);
      return;
    case PlanProblem::kUnknownEnvironment:
      out.Append(" excludes an unknown ");
      if (error.value != kAnyEntry && error.value >= bootabi::kBootEntryCount) {
        out.Append("boot entry ");
        out.AppendDecimal(error.value);
      } else {
        out.Append("firmware ");
        out.AppendDecimal(error.value2);
      }
      return;
    case PlanProblem::kExclusionWithoutReason:
      out.Append(" excludes ");
      exclusion(error.value, error.value2);
      out.Append(" without a reason");
      return;
    case PlanProblem::kExclusionMatchesNothing:
      out.Append(" excludes ");
      exclusion(error.value, error.value2);
      out.Append(", which no boot environment has");
      return;
    case PlanProblem::kOverlappingExclusions:
      out.Append(" excludes ");
      environment();
      out.Append(" twice (two exclusions match it)");
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
      const char* reason = ExclusionReason(nodes[error.other], error.environment);
      out.Append(reason != nullptr ? reason : "(no reason)");
      if (error.value > 1) {
        out.Append(" (and on ");
        out.AppendDecimal(error.value - 1);
        out.Append(error.value == 2 ? " more environment)" : " more environments)");
      }
      return;
    }
    case PlanProblem::kPerCpuTooLate:
      out.Append(" is per-CPU at level ");
      out.AppendDecimal(error.value);
      out.Append(": the application processors start in level ");
      out.AppendDecimal(INIT_LEVEL_CPU_START);
      out.Append(", so per-CPU work must come before it");
      return;
    case PlanProblem::kPerCpuInFinishingLevel:
      out.Append(" is per-CPU in level ");
      out.AppendDecimal(error.value);
      out.Append(", which ");
      name(error.other);
      out.Append(" ends when detected (finish-if-detected): the boot CPU could end the level where an AP does not");
      return;
    case PlanProblem::kDependencyEndsLevel:
      out.Append(" depends on ");
      name(error.other);
      out.Append(", which ends level ");
      out.AppendDecimal(nodes[error.other].level);
      out.Append(" when detected (finish-if-detected): ");
      name(error.node);
      out.Append(" could never run");
      return;
    case PlanProblem::kMissingName:
    case PlanProblem::kCycle:
    case PlanProblem::kScratchTooSmall:
    case PlanProblem::kSealedOrderInvalid:
      return;
  }
}

}  // namespace inittab
