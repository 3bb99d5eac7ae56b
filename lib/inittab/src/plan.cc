// SPDX-License-Identifier: MIT
#include "inittab/plan.h"

#include "base/index-set.h"
#include "base/sort.h"
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

PlanError ScratchTooSmall(const PlanScratch& scratch, uint64_t needed) {
  PlanError error = Problem(PlanProblem::kScratchTooSmall, kNoNode);
  error.value = scratch.capacity;
  error.value2 = needed;
  return error;
}

bool KnownValue(uint8_t value, uint8_t any, uint32_t count) { return value == any || value < count; }

// The environments of each entry and of each firmware, as masks: an exclusion's environments
// are one AND away, which the runner needs for every entry of every boot.
struct EnvironmentMasks {
  EnvironmentMask by_entry[bootabi::kBootEntryCount];
  EnvironmentMask by_firmware[bootabi::kFirmwareCount];
};

constexpr EnvironmentMasks MakeEnvironmentMasks() {
  EnvironmentMasks masks{};
  for (uint32_t e = 0; e < kEnvironmentCount; ++e) {
    masks.by_entry[static_cast<uint32_t>(kEnvironments[e].entry)] |= EnvironmentMask{1} << e;
    masks.by_firmware[static_cast<uint32_t>(kEnvironments[e].firmware)] |= EnvironmentMask{1} << e;
  }
  return masks;
}
constexpr EnvironmentMasks kEnvironmentMasks = MakeEnvironmentMasks();

EnvironmentMask MatchMask(const Exclusion& exclusion) {
  EnvironmentMask mask = kAllEnvironments;
  if (exclusion.entry != kAnyEntry) {
    mask &= exclusion.entry < bootabi::kBootEntryCount ? kEnvironmentMasks.by_entry[exclusion.entry] : 0;
  }
  if (exclusion.firmware != kAnyFirmware) {
    mask &= exclusion.firmware < bootabi::kFirmwareCount ? kEnvironmentMasks.by_firmware[exclusion.firmware] : 0;
  }
  return mask;
}

uint32_t LowestBit(EnvironmentMask mask) {
  uint32_t bit = 0;
  while ((mask & (EnvironmentMask{1} << bit)) == 0) ++bit;
  return bit;
}

uint32_t BitCount(EnvironmentMask mask) {
  uint32_t count = 0;
  for (; mask != 0; mask &= mask - 1) ++count;
  return count;
}

void CheckExclusions(const PlanNode& node, uint32_t index, ErrorList& errors) {
  EnvironmentMask seen = 0;
  for (uint32_t i = 0; i < node.exclusion_count; ++i) {
    const Exclusion& exclusion = node.exclusions[i];
    PlanError error = Problem(PlanProblem::kUnknownEnvironment, index);
    error.value = exclusion.entry;
    error.value2 = exclusion.firmware;
    if (!KnownValue(exclusion.entry, kAnyEntry, bootabi::kBootEntryCount) ||
        !KnownValue(exclusion.firmware, kAnyFirmware, bootabi::kFirmwareCount)) {
      errors.Add(error);
      continue;
    }
    if (exclusion.reason == nullptr || exclusion.reason[0] == '\0') {
      error.problem = PlanProblem::kExclusionWithoutReason;
      errors.Add(error);
    }
    const EnvironmentMask matched = MatchMask(exclusion);
    if (matched == 0) {
      error.problem = PlanProblem::kExclusionMatchesNothing;
      errors.Add(error);
    }
    if ((seen & matched) != 0) {
      error.problem = PlanProblem::kOverlappingExclusions;
      error.environment = LowestBit(seen & matched);
      errors.Add(error);
    }
    seen |= matched;
  }
  if (SupportMask(node) == 0) errors.Add(Problem(PlanProblem::kEmptySupportMask, index));
}

// What a dependency check reads about the *other* node, packed into one word per node: a
// dependency can be anywhere in the table, and reading it from the node itself (and its
// exclusion list) once per dependent would walk the whole node array in random order.
constexpr uint32_t kFactsRankShift = 27;
constexpr uint32_t kFactsRankMask = 7;  // kUndeclaredRank: not one of kInitLevels
constexpr uint32_t kUndeclaredRank = 7;
constexpr uint32_t kFactsEndsLevel = 1u << 30;
static_assert(kEnvironmentCount <= kFactsRankShift, "the support mask fits below the level rank");
static_assert(sizeof(kInitLevels) / sizeof(kInitLevels[0]) < kUndeclaredRank, "ranks fit in three bits");

uint32_t LevelRank(uint32_t level);

uint32_t PackFacts(const PlanNode& node) {
  const uint32_t rank = LevelRank(node.level);
  return SupportMask(node) | ((rank < kUndeclaredRank ? rank : kUndeclaredRank) << kFactsRankShift) |
         ((node.flags & kFinishIfDetected) != 0 ? kFactsEndsLevel : 0);
}

EnvironmentMask FactsSupport(uint32_t facts) { return facts & ((EnvironmentMask{1} << kFactsRankShift) - 1); }
uint32_t FactsRank(uint32_t facts) { return (facts >> kFactsRankShift) & kFactsRankMask; }

void CheckDependencies(const PlanNode* nodes, const uint32_t* facts, uint32_t count, uint32_t index,
                       ErrorList& errors) {
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
    const uint32_t mine = facts[index], theirs = facts[dependency];
    // Ranks order like levels; an undeclared level (reported on its own) is compared as is.
    const bool declared = FactsRank(mine) != kUndeclaredRank && FactsRank(theirs) != kUndeclaredRank;
    const bool later = declared ? FactsRank(theirs) > FactsRank(mine) : nodes[dependency].level > node.level;
    const bool same = declared ? FactsRank(theirs) == FactsRank(mine) : nodes[dependency].level == node.level;
    if (later) errors.Add(Problem(PlanProblem::kDependencyAtLaterLevel, index, dependency));
    // When the dependency is detected it finishes this level, so the dependent is "finished";
    // when it is not, the dependent is skipped. Either way it never runs.
    if (same && (theirs & kFactsEndsLevel) != 0) {
      errors.Add(Problem(PlanProblem::kDependencyEndsLevel, index, dependency));
    }
    // A dependency that cannot run where its dependent does is an init step silently missing
    // on one entry path: exactly the defect this library exists to catch. One error per
    // dependency, naming the first such environment and how many more there are.
    const EnvironmentMask missing = FactsSupport(mine) & ~FactsSupport(theirs);
    if (missing != 0) {
      PlanError error = Problem(PlanProblem::kDependencyExcluded, index, dependency);
      error.environment = LowestBit(missing);
      error.value = BitCount(missing);
      errors.Add(error);
    }
  }
}

// FNV-1a: a cheap, well-spread hash; only equal hashes lead to a string comparison.
uint32_t NameHash(const char* name) {
  uint32_t hash = 2166136261u;
  for (; *name != '\0'; ++name) hash = (hash ^ static_cast<unsigned char>(*name)) * 16777619u;
  return hash;
}

constexpr uint32_t kUndeclaredLevel = 0xffffffff;
constexpr uint32_t kRadixSortFrom = 256;

// The position of `level` in kInitLevels, or kUndeclaredLevel.
uint32_t LevelRank(uint32_t level) {
  for (uint32_t rank = 0; rank < sizeof(kInitLevels) / sizeof(kInitLevels[0]); ++rank) {
    if (level == kInitLevels[rank]) return rank;
  }
  return kUndeclaredLevel;
}

bool LevelDeclared(uint32_t level) { return LevelRank(level) != kUndeclaredLevel; }

}  // namespace

EnvironmentMask SupportMask(const PlanNode& node) {
  EnvironmentMask mask = kAllEnvironments;
  for (uint32_t i = 0; i < node.exclusion_count; ++i) mask &= ~MatchMask(node.exclusions[i]);
  return mask;
}

const char* ExclusionReason(const PlanNode& node, uint32_t environment) {
  if (environment >= kEnvironmentCount) return nullptr;
  for (uint32_t i = 0; i < node.exclusion_count; ++i) {
    if (Matches(node.exclusions[i], kEnvironments[environment])) {
      return node.exclusions[i].reason != nullptr ? node.exclusions[i].reason : "";
    }
  }
  return nullptr;
}

uint64_t CountDependencies(const PlanNode* nodes, uint32_t count) {
  uint64_t total = 0;
  for (uint32_t i = 0; i < count; ++i) total += nodes[i].depend_count;
  return total;
}

uint32_t CheckNodes(const PlanNode* nodes, uint32_t count, PlanScratch scratch, PlanError* errors,
                    uint32_t capacity) {
  ErrorList list(errors, capacity);
  if (scratch.capacity < kCheckWordsPerNode * uint64_t{count}) {
    list.Add(ScratchTooSmall(scratch, kCheckWordsPerNode * uint64_t{count}));
    return list.count();
  }
  // Duplicate names: sort the named entries by a hash of their name (a stable radix sort, so
  // entries with equal hashes stay in table order), then sort each run of equal hashes by
  // (name, index). Equal names end up next to each other, each name's first entry first; names
  // are compared only within a run, so this is O(n) work plus O(k log k) per run of k.
  uint32_t* by_name = scratch.words;
  uint32_t* buffer = by_name + count;
  uint32_t* hash = buffer + count;
  uint32_t* duplicate_of = hash + count;
  uint32_t* facts = duplicate_of + count;
  uint32_t named = 0;
  for (uint32_t i = 0; i < count; ++i) {
    facts[i] = PackFacts(nodes[i]);
    duplicate_of[i] = kNoNode;
    if (nodes[i].name == nullptr || nodes[i].name[0] == '\0') continue;
    hash[i] = NameHash(nodes[i].name);
    by_name[named++] = i;
  }
  // The radix sort's four 256-bucket passes cost more than a heap sort below a few hundred
  // entries (a boot's table); both keep equal hashes in table order, which the runs rely on.
  if (named > kRadixSortFrom) {
    base::RadixSortByKey(by_name, buffer, named, [hash](uint32_t index) { return hash[index]; });
  } else {
    base::Sort(by_name, named, [hash](uint32_t a, uint32_t b) { return hash[a] != hash[b] ? hash[a] < hash[b] : a < b; });
  }
  for (uint32_t run = 0; run < named;) {
    uint32_t end = run + 1;
    while (end < named && hash[by_name[end]] == hash[by_name[run]]) ++end;
    if (end - run > 1) {
      base::Sort(by_name + run, end - run, [nodes](uint32_t a, uint32_t b) {
        const int order = base::StringCompare(nodes[a].name, nodes[b].name);
        return order != 0 ? order < 0 : a < b;
      });
      for (uint32_t i = run + 1; i < end; ++i) {
        const uint32_t previous = by_name[i - 1], current = by_name[i];
        if (base::StringEqual(nodes[previous].name, nodes[current].name)) {
          duplicate_of[current] = duplicate_of[previous] != kNoNode ? duplicate_of[previous] : previous;
        }
      }
    }
    run = end;
  }

  // The first finish-if-detected entry of each declared level, for the per-CPU check.
  uint32_t finisher[kSortLevels];
  for (uint32_t& slot : finisher) slot = kNoNode;
  for (uint32_t index = 0; index < count; ++index) {
    const uint32_t rank = LevelRank(nodes[index].level);
    if (rank < kSortLevels && (nodes[index].flags & kFinishIfDetected) != 0 && finisher[rank] == kNoNode) {
      finisher[rank] = index;
    }
  }
  for (uint32_t index = 0; index < count; ++index) {
    const PlanNode& node = nodes[index];
    if (node.name == nullptr || node.name[0] == '\0') list.Add(Problem(PlanProblem::kMissingName, index));
    if (duplicate_of[index] != kNoNode) list.Add(Problem(PlanProblem::kDuplicateName, index, duplicate_of[index]));
    if (!LevelDeclared(node.level)) {
      PlanError error = Problem(PlanProblem::kLevelNotDeclared, index);
      error.value = node.level;
      list.Add(error);
    }
    if (!node.has_run) list.Add(Problem(PlanProblem::kNoRunFunction, index));
    if ((node.flags & ~kKnownFlags) != 0) {
      PlanError error = Problem(PlanProblem::kUnknownFlags, index);
      error.value = node.flags & ~kKnownFlags;
      list.Add(error);
    }
    if ((node.flags & kPerCpu) != 0) {
      const uint32_t rank = LevelRank(node.level);
      if (LevelDeclared(node.level) && node.level >= INIT_LEVEL_CPU_START) {
        PlanError error = Problem(PlanProblem::kPerCpuTooLate, index);
        error.value = node.level;
        list.Add(error);
      } else if (rank < kSortLevels && finisher[rank] != kNoNode) {
        PlanError error = Problem(PlanProblem::kPerCpuInFinishingLevel, index, finisher[rank]);
        error.value = node.level;
        list.Add(error);
      }
    }
    CheckExclusions(node, index, list);
    CheckDependencies(nodes, facts, count, index, list);
  }
  return list.count();
}

namespace {

bool NameLess(const char* a, const char* b) { return base::StringCompare(a, b) < 0; }

// SortNodes' per-node state word: level rank above kStateRankShift, unplaced dependencies below.
constexpr uint32_t kStateRankShift = 28;
constexpr uint32_t kPlaced = (1u << kStateRankShift) - 1;  // the count field of a placed node

// Called when no node can be placed: every unplaced node waits on an unplaced dependency, so
// walking "first unplaced dependency" from any unplaced node must revisit a node.
void FindCycle(const PlanNode* nodes, uint32_t count, const uint32_t* state, PlanError* error) {
  auto placed = [state](uint32_t index) { return (state[index] & kPlaced) == kPlaced; };
  uint32_t start = 0;
  while (start < count && placed(start)) ++start;
  auto next = [&](uint32_t index) {
    const PlanNode& node = nodes[index];
    for (uint32_t i = 0; i < node.depend_count; ++i) {
      if (!placed(node.depends[i])) return node.depends[i];
    }
    return index;  // unreachable for a valid input: an unplaced node has an unplaced dependency
  };
  // Walk count steps first so that the walk is inside the cycle, then record one lap.
  uint32_t current = start;
  for (uint32_t step = 0; step < count; ++step) current = next(current);
  *error = PlanError{};
  error->problem = PlanProblem::kCycle;
  error->node = current;
  // The walk follows "depends on" edges; report the cycle in the same direction. Start the
  // report at the entry with the smallest name, so the message does not depend on link order.
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

bool SortNodes(const PlanNode* nodes, uint32_t count, PlanScratch scratch, uint32_t* order, PlanError* error) {
  // Fixed-size arrays first, the reverse edges (as many as there are dependencies) last, so one
  // pass over the nodes both counts the dependencies and builds the per-node arrays.
  const size_t set_words = base::IndexSet::WordsFor(count);
  const uint64_t fixed = 2 * uint64_t{count} + 1 + kSortLevels * set_words;
  if (scratch.capacity < fixed) {
    *error = ScratchTooSmall(scratch, PlanScratchWords(count, CountDependencies(nodes, count)));
    return false;
  }
  // state[i]: node i's level rank in the top bits, its unplaced dependencies below (or
  // kPlaced), so the one word a dependent's countdown touches also says which ready set it joins.
  uint32_t* state = scratch.words;
  uint32_t* first_dependent = state + count;      // count + 1 offsets into `dependents`
  uint32_t* ready_words = first_dependent + count + 1;  // kSortLevels index sets
  uint32_t* dependents = ready_words + kSortLevels * set_words;
  const uint64_t dependents_capacity = scratch.capacity - static_cast<uint64_t>(dependents - scratch.words);

  // Pass 1: levels, dependency counts and, per dependency, how many depend on it.
  for (uint32_t i = 0; i <= count; ++i) first_dependent[i] = 0;
  uint64_t dependencies = 0;
  for (uint32_t i = 0; i < count; ++i) {
    const PlanNode& node = nodes[i];
    const uint32_t rank = LevelRank(node.level);
    if (rank == kUndeclaredLevel) {  // CheckNodes reports it; never index with it
      *error = Problem(PlanProblem::kLevelNotDeclared, i);
      error->value = node.level;
      return false;
    }
    if (node.depend_count >= kPlaced) {  // far past any real table: refuse rather than wrap
      *error = ScratchTooSmall(scratch, UINT64_MAX);
      return false;
    }
    state[i] = rank << kStateRankShift | node.depend_count;
    dependencies += node.depend_count;
    for (uint32_t d = 0; d < node.depend_count; ++d) ++first_dependent[node.depends[d]];
  }
  if (dependencies > dependents_capacity) {
    *error = ScratchTooSmall(scratch, PlanScratchWords(count, dependencies));
    return false;
  }
  // Inclusive prefix sums: first_dependent[i] is the end of node i's group of dependents (and
  // first_dependent[count] the total). Pass 2 fills each group from its end, leaving
  // first_dependent[i] at the group's start: group i is [first_dependent[i], first_dependent[i + 1]).
  for (uint32_t i = 0; i < count; ++i) first_dependent[i + 1] += first_dependent[i];
  for (uint32_t i = 0; i < count; ++i) {
    const PlanNode& node = nodes[i];
    for (uint32_t d = 0; d < node.depend_count; ++d) dependents[--first_dependent[node.depends[d]]] = i;
  }

  // Kahn's algorithm, always taking the ready node with the lowest (level, table index): the
  // result is the table's own order wherever dependencies allow it. Dependencies point only to
  // the same or an earlier level (checked), so the levels run one after another, each with its
  // own set of ready table indices.
  base::IndexSet ready[kSortLevels] = {
      base::IndexSet(ready_words, count), base::IndexSet(ready_words + set_words, count),
      base::IndexSet(ready_words + 2 * set_words, count), base::IndexSet(ready_words + 3 * set_words, count)};
  for (uint32_t i = 0; i < count; ++i) {
    if ((state[i] & kPlaced) == 0) ready[state[i] >> kStateRankShift].Insert(i);
  }
  uint32_t position = 0;
  for (uint32_t level = 0; level < kSortLevels; ++level) {
    while (!ready[level].empty()) {
      const uint32_t best = ready[level].PopLowest();
      state[best] |= kPlaced;
      order[position++] = best;
      for (uint32_t e = first_dependent[best]; e < first_dependent[best + 1]; ++e) {
        const uint32_t dependent = dependents[e];
        if ((--state[dependent] & kPlaced) == 0) ready[state[dependent] >> kStateRankShift].Insert(dependent);
      }
    }
  }
  if (position != count) {
    FindCycle(nodes, count, state, error);
    return false;
  }
  return true;
}

}  // namespace inittab
