// SPDX-License-Identifier: MIT
// The init plan: every check with its message, the sort, and the runner's semantics.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "base/string-buffer.h"
#include "inittab/plan.h"
#include "inittab/runner.h"

namespace {

using bootabi::BootEntry;
using inittab::Exclusion;

struct Spec {
  const char* name;
  uint32_t level = INIT_LEVEL_NORMAL;
  std::vector<uint32_t> depends = {};
  std::vector<Exclusion> exclusions = {};
  uint32_t flags = 0;
  bool detect = false;
  bool run = true;
};

class Table {
 public:
  explicit Table(std::vector<Spec> specs) : specs_(std::move(specs)) {
    for (const Spec& spec : specs_) {
      nodes_.push_back(inittab::PlanNode{
          .name = spec.name,
          .level = spec.level,
          .flags = spec.flags,
          .has_run = spec.run,
          .has_detect = spec.detect,
          .depends = spec.depends.data(),
          .depend_count = static_cast<uint32_t>(spec.depends.size()),
          .exclusions = spec.exclusions.data(),
          .exclusion_count = static_cast<uint32_t>(spec.exclusions.size()),
      });
    }
  }

  std::vector<std::string> Errors() const {
    std::vector<inittab::PlanError> errors(32);
    const uint32_t count = inittab::CheckNodes(nodes_.data(), Size(), errors.data(), 32);
    std::vector<std::string> messages;
    for (uint32_t i = 0; i < count; ++i) messages.push_back(Describe(errors[i]));
    return messages;
  }

  // Names in run order, or {"error: <message>"} for a cycle.
  std::vector<std::string> Order() const {
    std::vector<uint32_t> order(Size()), remaining(Size());
    std::unique_ptr<bool[]> placed(new bool[Size() + 1]);
    inittab::PlanError cycle;
    if (!inittab::SortNodes(nodes_.data(), Size(), order.data(), {remaining.data(), placed.get()}, &cycle)) {
      return {"error: " + Describe(cycle)};
    }
    std::vector<std::string> names;
    for (uint32_t index : order) names.push_back(nodes_[index].name);
    return names;
  }

  const std::vector<inittab::PlanNode>& nodes() const { return nodes_; }
  uint32_t Size() const { return static_cast<uint32_t>(nodes_.size()); }

 private:
  std::string Describe(const inittab::PlanError& error) const {
    base::StringBuffer<512> text;
    inittab::DescribePlanError(error, nodes_.data(), text);
    return text.c_str();
  }

  std::vector<Spec> specs_;
  std::vector<inittab::PlanNode> nodes_;
};

using Messages = std::vector<std::string>;
using Names = std::vector<std::string>;

TEST(PlanChecks, ValidTableHasNoErrors) {
  Table table({{"a"}, {"b", INIT_LEVEL_NORMAL, {0}}, {"c", INIT_LEVEL_LATE, {1}}});
  EXPECT_EQ(table.Errors(), Messages{});
}

TEST(PlanChecks, EmptyTableIsValid) {
  Table table({});
  EXPECT_EQ(table.Errors(), Messages{});
  EXPECT_EQ(table.Order(), Names{});
}

TEST(PlanChecks, MissingName) {
  Table table({{""}});
  EXPECT_EQ(table.Errors(), Messages{"init entry #0 has no name"});
}

TEST(PlanChecks, DuplicateName) {
  Table table({{"a"}, {"b"}, {"a"}});
  EXPECT_EQ(table.Errors(), Messages{"init entry 'a' is defined twice (entries #0 and #2)"});
}

TEST(PlanChecks, LevelOutOfRange) {
  Table table({{"a", 999}});
  EXPECT_EQ(table.Errors(), Messages{"init entry 'a' has level 999, expected 10000..99999"});
}

TEST(PlanChecks, NoRunFunction) {
  Table table({{.name = "a", .run = false}});
  EXPECT_EQ(table.Errors(), Messages{"init entry 'a' has no run function"});
}

TEST(PlanChecks, UnknownFlags) {
  Table table({{.name = "a", .flags = 0x6}});
  EXPECT_EQ(table.Errors(), Messages{"init entry 'a' has unknown flags 0x6"});
}

TEST(PlanChecks, ExclusionWithoutAReason) {
  Table table({{.name = "a", .exclusions = {{BootEntry::kXenPv, ""}}},
               {.name = "b", .exclusions = {{BootEntry::kEfi, nullptr}}}});
  EXPECT_EQ(table.Errors(), (Messages{"init entry 'a' excludes xen-pv without a reason",
                                      "init entry 'b' excludes efi without a reason"}));
}

TEST(PlanChecks, UnknownEnvironment) {
  Table table({{.name = "a", .exclusions = {{static_cast<BootEntry>(9), "why"}}}});
  EXPECT_EQ(table.Errors(), Messages{"init entry 'a' excludes unknown boot environment 9"});
}

TEST(PlanChecks, DuplicateExclusion) {
  Table table({{.name = "a", .exclusions = {{BootEntry::kEfi, "x"}, {BootEntry::kEfi, "y"}}}});
  EXPECT_EQ(table.Errors(), Messages{"init entry 'a' excludes efi twice"});
}

TEST(PlanChecks, EmptySupportMask) {
  std::vector<Exclusion> all;
  for (uint32_t e = 0; e < bootabi::kBootEntryCount; ++e) all.push_back({static_cast<BootEntry>(e), "no"});
  Table table({{.name = "a", .exclusions = all}});
  EXPECT_EQ(table.Errors(),
            Messages{"init entry 'a' is excluded from every boot environment (empty support mask)"});
}

TEST(PlanChecks, DependencyOutsideTheTable) {
  Table table({{"a", INIT_LEVEL_NORMAL, {5}}});
  EXPECT_EQ(table.Errors(), Messages{"init entry 'a' depends on entry #5, which is not in the init table"});
}

TEST(PlanChecks, DependencyOnItself) {
  Table table({{"a", INIT_LEVEL_NORMAL, {0}}});
  EXPECT_EQ(table.Errors(), Messages{"init entry 'a' depends on itself"});
}

TEST(PlanChecks, DependencyAtALaterLevel) {
  Table table({{"early", INIT_LEVEL_EARLY, {1}}, {"late", INIT_LEVEL_LATE}});
  EXPECT_EQ(table.Errors(),
            Messages{"init entry 'early' (level 10000) depends on 'late' at a later level (70000)"});
}

TEST(PlanChecks, DependencyExcludedWhereTheDependentRuns) {
  // The seed's regression in miniature: 'kasan' runs on Xen PV but the step it needs does not.
  Table table({{.name = "shadow", .exclusions = {{BootEntry::kXenPv, "no CR4 writes under PV"}}},
               {.name = "kasan", .depends = {0}}});
  EXPECT_EQ(table.Errors(), Messages{"init entry 'kasan' runs on xen-pv but its dependency 'shadow' is "
                                     "excluded there: no CR4 writes under PV"});
}

TEST(PlanChecks, DependentExcludedTooIsFine) {
  Table table({{.name = "shadow", .exclusions = {{BootEntry::kXenPv, "reason"}}},
               {.name = "user", .depends = {0}, .exclusions = {{BootEntry::kXenPv, "reason"}}}});
  EXPECT_EQ(table.Errors(), Messages{});
}

TEST(PlanSort, OrdersByLevelThenTableOrder) {
  Table table({{"n1", INIT_LEVEL_NORMAL}, {"e1", INIT_LEVEL_EARLY}, {"l1", INIT_LEVEL_LATE},
               {"n2", INIT_LEVEL_NORMAL}, {"e2", INIT_LEVEL_EARLY}});
  EXPECT_EQ(table.Order(), (Names{"e1", "e2", "n1", "n2", "l1"}));
}

TEST(PlanSort, DependencyInTheSameLevelMovesFirst) {
  Table table({{"a", INIT_LEVEL_NORMAL, {2}}, {"b"}, {"c", INIT_LEVEL_NORMAL, {1}}});
  EXPECT_EQ(table.Order(), (Names{"b", "c", "a"}));
}

TEST(PlanSort, DependencyOnAnEarlierLevelKeepsTableOrder) {
  Table table({{"n", INIT_LEVEL_NORMAL, {1}}, {"e", INIT_LEVEL_EARLY}});
  EXPECT_EQ(table.Order(), (Names{"e", "n"}));
}

TEST(PlanSort, DiamondDependencies) {
  Table table({{"top", INIT_LEVEL_NORMAL, {1, 2}}, {"left", INIT_LEVEL_NORMAL, {3}},
               {"right", INIT_LEVEL_NORMAL, {3}}, {"bottom"}});
  EXPECT_EQ(table.Order(), (Names{"bottom", "left", "right", "top"}));
}

TEST(PlanSort, TwoCycle) {
  Table table({{"a", INIT_LEVEL_NORMAL, {1}}, {"b", INIT_LEVEL_NORMAL, {0}}});
  EXPECT_EQ(table.Errors(), Messages{});  // not a per-entry problem: the sort finds it
  EXPECT_EQ(table.Order(), Names{"error: dependency cycle: 'a' -> 'b' -> 'a'"});
}

TEST(PlanSort, LongCycleBehindAnInnocentEntry) {
  // 'x' waits on the cycle without being part of it; the message names only the cycle.
  Table table({{"x", INIT_LEVEL_NORMAL, {1}}, {"p", INIT_LEVEL_NORMAL, {2}},
               {"q", INIT_LEVEL_NORMAL, {3}}, {"r", INIT_LEVEL_NORMAL, {4}},
               {"s", INIT_LEVEL_NORMAL, {1}}, {"ok"}});
  EXPECT_EQ(table.Order(), Names{"error: dependency cycle: 'p' -> 'q' -> 'r' -> 's' -> 'p'"});
}

// The runner, with scripted detect results and a log of what ran.
struct ScriptedHooks {
  std::vector<bool> detected;
  std::vector<std::string> log;
  const std::vector<inittab::PlanNode>* nodes;

  bool Detect(uint32_t index) { return detected[index]; }
  void Run(uint32_t index) { log.push_back(std::string("run ") + (*nodes)[index].name); }
  void Record(const inittab::TraceRecord& record) {
    std::string line = std::string((*nodes)[record.node].name) + " " + inittab::InitResultName(record.result);
    if (record.finished_by != inittab::kNoNode) line += std::string(" by ") + (*nodes)[record.finished_by].name;
    log.push_back(line);
  }
};

std::vector<std::string> RunTable(const Table& table, std::vector<bool> detected, BootEntry environment) {
  std::vector<uint32_t> order(table.Size()), remaining(table.Size());
  std::unique_ptr<bool[]> placed(new bool[table.Size() + 1]);
  inittab::PlanError cycle;
  EXPECT_TRUE(inittab::SortNodes(table.nodes().data(), table.Size(), order.data(),
                                 {remaining.data(), placed.get()}, &cycle));
  ScriptedHooks hooks{std::move(detected), {}, &table.nodes()};
  inittab::RunPlan(table.nodes().data(), order.data(), table.Size(), environment, hooks);
  return hooks.log;
}

TEST(PlanRunner, RecordsRanUnsupportedAndNotDetected) {
  Table table({{.name = "always"},
               {.name = "pc-only", .exclusions = {{BootEntry::kXenPv, "PV has no such hardware"}}},
               {.name = "probe", .detect = true}});
  EXPECT_EQ(RunTable(table, {true, true, false}, BootEntry::kXenPv),
            (Names{"run always", "always ran", "pc-only unsupported", "probe not-detected"}));
  EXPECT_EQ(RunTable(table, {true, true, true}, BootEntry::kPvh),
            (Names{"run always", "always ran", "run pc-only", "pc-only ran", "run probe", "probe ran"}));
}

TEST(PlanRunner, FinishIfDetectedEndsOnlyItsLevel) {
  Table table({{.name = "fast-clock", .flags = inittab::kFinishIfDetected, .detect = true},
               {.name = "slow-clock"},
               {.name = "late", .level = INIT_LEVEL_LATE}});
  EXPECT_EQ(RunTable(table, {true, true, true}, BootEntry::kPvh),
            (Names{"run fast-clock", "fast-clock ran", "slow-clock finished by fast-clock", "run late",
                   "late ran"}));
}

TEST(PlanRunner, FinishIfDetectedDoesNothingWhenNotDetected) {
  Table table({{.name = "fast-clock", .flags = inittab::kFinishIfDetected, .detect = true},
               {.name = "slow-clock"}});
  EXPECT_EQ(RunTable(table, {false, true}, BootEntry::kPvh),
            (Names{"fast-clock not-detected", "run slow-clock", "slow-clock ran"}));
}

TEST(PlanRunner, FinishIfDetectedDoesNothingWhereUnsupported) {
  Table table({{.name = "fast-clock",
                .exclusions = {{BootEntry::kEfi, "reason"}},
                .flags = inittab::kFinishIfDetected},
               {.name = "slow-clock"}});
  EXPECT_EQ(RunTable(table, {true, true}, BootEntry::kEfi),
            (Names{"fast-clock unsupported", "run slow-clock", "slow-clock ran"}));
}

}  // namespace
