// SPDX-License-Identifier: MIT
// The init plan: every check with its message, the sort, and the runner's semantics.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "base/string-buffer.h"
#include "inittab/plan-seal.h"
#include "inittab/plan.h"
#include "inittab/runner.h"

namespace {

using bootabi::BootEntry;
using bootabi::Firmware;
using inittab::Exclusion;
using inittab::OnEntry;
using inittab::OnFirmware;

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
          .depends = spec.depends.data(),
          .exclusions = spec.exclusions.data(),
          .level = spec.level,
          .flags = spec.flags,
          .depend_count = static_cast<uint32_t>(spec.depends.size()),
          .exclusion_count = static_cast<uint32_t>(spec.exclusions.size()),
          .has_run = spec.run,
          .has_detect = spec.detect,
      });
    }
  }

  std::vector<std::string> Errors() const {
    std::vector<inittab::PlanError> errors(32);
    std::vector<uint32_t> words(inittab::PlanScratchWords(Size(), inittab::CountDependencies(nodes_.data(), Size())));
    const uint32_t count = inittab::CheckNodes(nodes_.data(), Size(), {words.data(), words.size()}, errors.data(), 32);
    std::vector<std::string> messages;
    for (uint32_t i = 0; i < count; ++i) messages.push_back(Describe(errors[i]));
    return messages;
  }

  // Names in run order, or {"error: <message>"} for a cycle.
  std::vector<std::string> Order() const {
    std::vector<uint32_t> order = OrderIndices();
    if (order.empty() && Size() != 0) return {"error: " + Describe(sort_error_)};
    std::vector<std::string> names;
    for (uint32_t index : order) names.push_back(nodes_[index].name);
    return names;
  }

  // Indices in run order; empty (with sort_error_ set) for a cycle.
  std::vector<uint32_t> OrderIndices() const {
    std::vector<uint32_t> order(Size());
    std::vector<uint32_t> words(inittab::PlanScratchWords(Size(), inittab::CountDependencies(nodes_.data(), Size())));
    if (!inittab::SortNodes(nodes_.data(), Size(), {words.data(), words.size()}, order.data(), &sort_error_)) return {};
    return order;
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
  mutable inittab::PlanError sort_error_;
};

using Messages = std::vector<std::string>;
using Names = std::vector<std::string>;

uint32_t Env(BootEntry entry, Firmware firmware) {
  const uint32_t index = inittab::EnvironmentIndex(entry, firmware);
  EXPECT_NE(index, inittab::kNoEnvironment);
  return index;
}

TEST(Environments, EveryEntryHasOneAndNamesAreEntrySlashFirmware) {
  for (uint32_t e = 0; e < bootabi::kBootEntryCount; ++e) {
    bool found = false;
    for (const auto& environment : inittab::kEnvironments) found = found || static_cast<uint32_t>(environment.entry) == e;
    EXPECT_TRUE(found) << bootabi::BootEntryName(static_cast<BootEntry>(e));
  }
  base::StringBuffer<64> name;
  inittab::AppendEnvironmentName(name, Env(BootEntry::kLinux32, Firmware::kUefi));
  EXPECT_STREQ(name.c_str(), "linux32/uefi");
  EXPECT_EQ(inittab::EnvironmentIndex(BootEntry::kEfi, Firmware::kBios), inittab::kNoEnvironment);
}

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

TEST(PlanChecks, EveryDuplicateNamesTheFirstDefinition) {
  Table table({{"x"}, {"a"}, {"x"}, {"b"}, {"x"}});
  EXPECT_EQ(table.Errors(), (Messages{"init entry 'x' is defined twice (entries #0 and #2)",
                                      "init entry 'x' is defined twice (entries #0 and #4)"}));
}

TEST(PlanChecks, LevelNotDeclared) {
  Table table({{"a", 999}, {"b", 55555}});
  EXPECT_EQ(table.Errors(),
            (Messages{"init entry 'a' has level 999, which the init table does not declare (expected one of 10000 "
                      "30000 50000 70000)",
                      "init entry 'b' has level 55555, which the init table does not declare (expected one of "
                      "10000 30000 50000 70000)"}));
}

TEST(PlanChecks, NoRunFunction) {
  Table table({{.name = "a", .run = false}});
  EXPECT_EQ(table.Errors(), Messages{"init entry 'a' has no run function"});
}

TEST(PlanChecks, UnknownFlags) {
  Table table({{.name = "a", .flags = 0xc}});
  EXPECT_EQ(table.Errors(), Messages{"init entry 'a' has unknown flags 0xc"});
}

TEST(PlanChecks, ExclusionWithoutAReason) {
  Table table({{.name = "a", .exclusions = {OnEntry(BootEntry::kXenPv, "")}},
               {.name = "b", .exclusions = {OnFirmware(Firmware::kUefi, nullptr)}},
               {.name = "c", .exclusions = {inittab::On(BootEntry::kLinux32, Firmware::kUefi, "")}}});
  EXPECT_EQ(table.Errors(), (Messages{"init entry 'a' excludes entry xen-pv without a reason",
                                      "init entry 'b' excludes firmware uefi without a reason",
                                      "init entry 'c' excludes entry linux32 on firmware uefi without a reason"}));
}

TEST(PlanChecks, UnknownEntryOrFirmware) {
  Table table({{.name = "a", .exclusions = {{9, inittab::kAnyFirmware, "why"}}},
               {.name = "b", .exclusions = {{inittab::kAnyEntry, 7, "why"}}}});
  EXPECT_EQ(table.Errors(), (Messages{"init entry 'a' excludes an unknown boot entry 9",
                                      "init entry 'b' excludes an unknown firmware 7"}));
}

TEST(PlanChecks, ExclusionThatMatchesNoEnvironment) {
  Table table({{.name = "a", .exclusions = {inittab::On(BootEntry::kEfi, Firmware::kBios, "never happens")}}});
  EXPECT_EQ(table.Errors(), Messages{"init entry 'a' excludes entry efi on firmware bios, which no boot "
                                     "environment has"});
}

TEST(PlanChecks, OverlappingExclusions) {
  // The Xen PV entry always runs on Xen PV "firmware": both exclusions match one environment,
  // and which reason applies would depend on their order.
  Table table({{.name = "a", .exclusions = {OnEntry(BootEntry::kXenPv, "x"), OnFirmware(Firmware::kXenPv, "y")}},
               {.name = "b", .exclusions = {OnEntry(BootEntry::kEfi, "x"), OnEntry(BootEntry::kEfi, "y")}}});
  EXPECT_EQ(table.Errors(), (Messages{"init entry 'a' excludes xen-pv/xen-pv twice (two exclusions match it)",
                                      "init entry 'b' excludes efi/uefi twice (two exclusions match it)"}));
}

TEST(PlanChecks, EmptySupportMask) {
  std::vector<Exclusion> all;
  for (uint32_t f = 0; f < bootabi::kFirmwareCount; ++f) all.push_back(OnFirmware(static_cast<Firmware>(f), "no"));
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
  Table table({{.name = "shadow", .exclusions = {OnEntry(BootEntry::kXenPv, "no CR4 writes under PV")}},
               {.name = "kasan", .depends = {0}}});
  EXPECT_EQ(table.Errors(), Messages{"init entry 'kasan' runs on xen-pv/xen-pv but its dependency 'shadow' is "
                                     "excluded there: no CR4 writes under PV"});
}

TEST(PlanChecks, DependencyExcludedOnAFirmwareNamesOneEnvironmentAndCountsTheRest) {
  // linux32, linux64, multiboot2 and efi run on UEFI.
  Table table({{.name = "bda", .exclusions = {OnFirmware(Firmware::kUefi, "no BDA on UEFI")}},
               {.name = "ebda-reserve", .depends = {0}}});
  EXPECT_EQ(table.Errors(), Messages{"init entry 'ebda-reserve' runs on linux32/uefi but its dependency 'bda' is "
                                     "excluded there: no BDA on UEFI (and on 3 more environments)"});
}

TEST(PlanChecks, DependentExcludedTooIsFine) {
  Table table({{.name = "shadow", .exclusions = {OnEntry(BootEntry::kXenPv, "reason")}},
               {.name = "user", .depends = {0}, .exclusions = {OnFirmware(Firmware::kXenPv, "reason")}}});
  EXPECT_EQ(table.Errors(), Messages{});
}

TEST(PlanChecks, DependencyOnAnEntryThatEndsItsOwnLevel) {
  // Detected, fast-clock finishes the level (calibrate would be "finished"); not detected,
  // calibrate is skipped. It could never run: the table says one thing and does another.
  Table table({{.name = "fast-clock", .flags = inittab::kFinishIfDetected, .detect = true},
               {.name = "calibrate", .depends = {0}}});
  EXPECT_EQ(table.Errors(), Messages{"init entry 'calibrate' depends on 'fast-clock', which ends level 50000 "
                                     "when detected (finish-if-detected): 'calibrate' could never run"});
}

TEST(PlanChecks, DependencyOnAFinishingEntryOfAnEarlierLevelIsFine) {
  Table table({{.name = "fast-clock", .level = INIT_LEVEL_PLATFORM, .flags = inittab::kFinishIfDetected,
                .detect = true},
               {.name = "calibrate", .depends = {0}}});
  EXPECT_EQ(table.Errors(), Messages{});
}

TEST(PlanChecks, ScratchTooSmallIsAnErrorNotAnOverrun) {
  Table table({{"a"}, {"b"}});
  uint32_t words[1];
  inittab::PlanError errors[2];
  EXPECT_EQ(inittab::CheckNodes(table.nodes().data(), 2, {words, 1}, errors, 2), 1u);
  EXPECT_EQ(errors[0].problem, inittab::PlanProblem::kScratchTooSmall);
  uint32_t order[2];
  inittab::PlanError error;
  EXPECT_FALSE(inittab::SortNodes(table.nodes().data(), 2, {words, 1}, order, &error));
  base::StringBuffer<128> text;
  inittab::DescribePlanError(error, table.nodes().data(), text);
  EXPECT_EQ(std::string(text.c_str()), "init plan scratch too small: expected " +
                                          std::to_string(inittab::PlanScratchWords(2, 0)) + " words, got 1");
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

// The order the sort promises, computed the slow and obvious way: repeatedly take the ready
// node with the lowest (level, index).
std::vector<uint32_t> ReferenceOrder(const std::vector<inittab::PlanNode>& nodes) {
  const auto count = static_cast<uint32_t>(nodes.size());
  std::vector<bool> placed(count, false);
  std::vector<uint32_t> order;
  while (order.size() < count) {
    uint32_t best = inittab::kNoNode;
    for (uint32_t i = 0; i < count; ++i) {
      if (placed[i]) continue;
      bool ready = true;
      for (uint32_t d = 0; d < nodes[i].depend_count; ++d) ready = ready && placed[nodes[i].depends[d]];
      if (ready && (best == inittab::kNoNode || nodes[i].level < nodes[best].level)) best = i;
    }
    if (best == inittab::kNoNode) return {};
    placed[best] = true;
    order.push_back(best);
  }
  return order;
}

TEST(PlanSort, MatchesTheReferenceOrderOnRandomTables) {
  std::mt19937 random(20261202);
  const uint32_t levels[] = {INIT_LEVEL_EARLY, INIT_LEVEL_PLATFORM, INIT_LEVEL_NORMAL, INIT_LEVEL_LATE};
  for (int round = 0; round < 300; ++round) {
    const uint32_t count = 1 + random() % 60;
    std::vector<std::string> names(count);
    std::vector<Spec> specs;
    for (uint32_t i = 0; i < count; ++i) {
      names[i] = "e" + std::to_string(i);
      Spec spec{names[i].c_str(), levels[random() % 4]};
      specs.push_back(spec);
    }
    // Dependencies only on entries of the same or an earlier level, in any table position; a
    // DAG by construction (an edge only from a higher to a lower random rank).
    std::vector<uint32_t> rank(count);
    for (uint32_t i = 0; i < count; ++i) rank[i] = random();
    for (uint32_t i = 0; i < count; ++i) {
      for (uint32_t tries = random() % 4; tries > 0; --tries) {
        const uint32_t other = random() % count;
        if (other != i && specs[other].level <= specs[i].level && rank[other] < rank[i]) specs[i].depends.push_back(other);
      }
    }
    Table table(specs);
    ASSERT_EQ(table.Errors(), Messages{});
    EXPECT_EQ(table.OrderIndices(), ReferenceOrder(table.nodes())) << "round " << round;
  }
}

TEST(PlanSort, TenThousandEntryChainListedInReverse) {
  constexpr uint32_t kCount = 10000;
  std::vector<std::string> names(kCount);
  std::vector<Spec> specs;
  for (uint32_t i = 0; i < kCount; ++i) {
    names[i] = "chain-" + std::to_string(i);
    // Entry i (listed at position kCount-1-i) depends on entry i-1.
    specs.push_back({names[i].c_str()});
  }
  std::reverse(specs.begin(), specs.end());
  for (uint32_t position = 0; position + 1 < kCount; ++position) specs[position].depends = {position + 1};
  Table table(specs);
  EXPECT_EQ(table.Errors(), Messages{});
  const std::vector<uint32_t> order = table.OrderIndices();
  ASSERT_EQ(order.size(), kCount);
  for (uint32_t i = 0; i < kCount; ++i) EXPECT_EQ(order[i], kCount - 1 - i);
}

// A sealed order (the build's), confirmed at boot in O(n + d).
std::string Verify(const Table& table, std::vector<uint32_t> order) {
  std::vector<uint32_t> position(table.Size());
  inittab::PlanError error;
  if (inittab::VerifyOrder(table.nodes().data(), table.Size(), order.data(), position.data(), &error)) return "ok";
  base::StringBuffer<256> text;
  inittab::DescribePlanError(error, table.nodes().data(), text);
  return text.c_str();
}

TEST(PlanSeal, TheSortsOrderIsConfirmed) {
  Table table({{"a", INIT_LEVEL_NORMAL, {2}}, {"b", INIT_LEVEL_EARLY}, {"c", INIT_LEVEL_NORMAL, {1}}});
  EXPECT_EQ(Verify(table, table.OrderIndices()), "ok");
}

TEST(PlanSeal, AnOrderThatDoesNotFitIsRefused) {
  Table table({{"a", INIT_LEVEL_NORMAL, {2}}, {"b", INIT_LEVEL_EARLY}, {"c", INIT_LEVEL_NORMAL}});
  EXPECT_EQ(Verify(table, {1, 2, 2}),
            "the sealed plan does not fit the init table at position 2: an entry is missing, repeated or out of range");
  EXPECT_EQ(Verify(table, {1, 2, 7}),
            "the sealed plan does not fit the init table at position 2: an entry is missing, repeated or out of range");
  EXPECT_EQ(Verify(table, {2, 1, 0}), "the sealed plan does not fit the init table at position 1: a level comes after a later one");
  EXPECT_EQ(Verify(table, {1, 0, 2}),
            "the sealed plan does not fit the init table at position 1: a dependency comes after its dependent");
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
    if (record.result == inittab::InitResult::kFinished) line += std::string(" by ") + (*nodes)[record.cause].name;
    if (record.result == inittab::InitResult::kSkipped) {
      line += std::string(": depends on ") + (*nodes)[record.cause].name + ", which was " +
              inittab::InitResultName(record.cause_result);
    }
    log.push_back(line);
  }
};

std::vector<std::string> RunTable(const Table& table, std::vector<bool> detected, uint32_t environment) {
  const std::vector<uint32_t> order = table.OrderIndices();
  EXPECT_EQ(order.size(), table.Size());
  ScriptedHooks hooks{std::move(detected), {}, &table.nodes()};
  std::vector<inittab::InitResult> results(table.Size());
  inittab::RunPlan(table.nodes().data(), order.data(), table.Size(), environment, results.data(), hooks);
  return hooks.log;
}

const uint32_t kPvhBios = inittab::EnvironmentIndex(BootEntry::kPvh, Firmware::kBios);
const uint32_t kXenPv = inittab::EnvironmentIndex(BootEntry::kXenPv, Firmware::kXenPv);

TEST(PlanRunner, RecordsRanUnsupportedAndNotDetected) {
  Table table({{.name = "always"},
               {.name = "pc-only", .exclusions = {OnEntry(BootEntry::kXenPv, "PV has no such hardware")}},
               {.name = "probe", .detect = true}});
  EXPECT_EQ(RunTable(table, {true, true, false}, kXenPv),
            (Names{"run always", "always ran", "pc-only unsupported", "probe not-detected"}));
  EXPECT_EQ(RunTable(table, {true, true, true}, kPvhBios),
            (Names{"run always", "always ran", "run pc-only", "pc-only ran", "run probe", "probe ran"}));
}

TEST(PlanRunner, AFirmwareExclusionAppliesWhicheverEntryRan) {
  Table table({{.name = "bda", .exclusions = {OnFirmware(Firmware::kUefi, "no BDA on UEFI")}}});
  EXPECT_EQ(RunTable(table, {true}, Env(BootEntry::kLinux32, Firmware::kUefi)), Names{"bda unsupported"});
  EXPECT_EQ(RunTable(table, {true}, Env(BootEntry::kEfi, Firmware::kUefi)), Names{"bda unsupported"});
  EXPECT_EQ(RunTable(table, {true}, Env(BootEntry::kLinux32, Firmware::kBios)), (Names{"run bda", "bda ran"}));
}

TEST(PlanRunner, ADependencyThatWasNotDetectedSkipsItsDependent) {
  Table table({{.name = "memory-map", .level = INIT_LEVEL_PLATFORM, .detect = true},
               {.name = "initrd", .level = INIT_LEVEL_PLATFORM, .depends = {0}}});
  EXPECT_EQ(RunTable(table, {false, true}, kPvhBios),
            (Names{"memory-map not-detected", "initrd skipped: depends on memory-map, which was not-detected"}));
  EXPECT_EQ(RunTable(table, {true, true}, kPvhBios),
            (Names{"run memory-map", "memory-map ran", "run initrd", "initrd ran"}));
}

TEST(PlanRunner, SkippingIsTransitive) {
  Table table({{.name = "a", .detect = true}, {.name = "b", .depends = {0}}, {.name = "c", .depends = {1}}});
  EXPECT_EQ(RunTable(table, {false, true, true}, kPvhBios),
            (Names{"a not-detected", "b skipped: depends on a, which was not-detected",
                   "c skipped: depends on b, which was skipped"}));
}

TEST(PlanRunner, TheFirstDependencyThatDidNotRunIsNamed) {
  Table table({{.name = "x"}, {.name = "y", .detect = true}, {.name = "z", .detect = true},
               {.name = "user", .depends = {0, 2, 1}}});
  EXPECT_EQ(RunTable(table, {true, false, false, true}, kPvhBios),
            (Names{"run x", "x ran", "y not-detected", "z not-detected",
                   "user skipped: depends on z, which was not-detected"}));
}

TEST(PlanRunner, ADetectHookIsNotAskedWhenADependencyDidNotRun) {
  Table table({{.name = "a", .detect = true}, {.name = "b", .depends = {0}, .detect = true}});
  // b's detect would say yes; it must not matter (and must not be called on missing state).
  EXPECT_EQ(RunTable(table, {false, true}, kPvhBios),
            (Names{"a not-detected", "b skipped: depends on a, which was not-detected"}));
}

TEST(PlanRunner, FinishIfDetectedEndsOnlyItsLevel) {
  Table table({{.name = "fast-clock", .flags = inittab::kFinishIfDetected, .detect = true},
               {.name = "slow-clock"},
               {.name = "late", .level = INIT_LEVEL_LATE}});
  EXPECT_EQ(RunTable(table, {true, true, true}, kPvhBios),
            (Names{"run fast-clock", "fast-clock ran", "slow-clock finished by fast-clock", "run late",
                   "late ran"}));
}

TEST(PlanRunner, ADependencyThatWasFinishedSkipsALaterLevelDependent) {
  Table table({{.name = "fast-clock", .flags = inittab::kFinishIfDetected, .detect = true},
               {.name = "slow-clock"},
               {.name = "report", .level = INIT_LEVEL_LATE, .depends = {1}}});
  EXPECT_EQ(RunTable(table, {true, true, true}, kPvhBios),
            (Names{"run fast-clock", "fast-clock ran", "slow-clock finished by fast-clock",
                   "report skipped: depends on slow-clock, which was finished"}));
}

TEST(PlanRunner, AnEntryOrderedBeforeTheFinishingEntryStillRuns) {
  // 'fast-clock' depends on 'tsc', so 'tsc' comes first and is not finished.
  Table table({{.name = "fast-clock", .depends = {1}, .flags = inittab::kFinishIfDetected, .detect = true},
               {.name = "tsc"},
               {.name = "slow-clock"}});
  EXPECT_EQ(RunTable(table, {true, true, true}, kPvhBios),
            (Names{"run tsc", "tsc ran", "run fast-clock", "fast-clock ran", "slow-clock finished by fast-clock"}));
}

TEST(PlanRunner, FinishIfDetectedDoesNothingWhenNotDetected) {
  Table table({{.name = "fast-clock", .flags = inittab::kFinishIfDetected, .detect = true},
               {.name = "slow-clock"}});
  EXPECT_EQ(RunTable(table, {false, true}, kPvhBios),
            (Names{"fast-clock not-detected", "run slow-clock", "slow-clock ran"}));
}

TEST(PlanRunner, FinishIfDetectedDoesNothingWhereUnsupported) {
  Table table({{.name = "fast-clock",
                .exclusions = {OnEntry(BootEntry::kEfi, "reason")},
                .flags = inittab::kFinishIfDetected},
               {.name = "slow-clock"}});
  EXPECT_EQ(RunTable(table, {true, true}, Env(BootEntry::kEfi, Firmware::kUefi)),
            (Names{"fast-clock unsupported", "run slow-clock", "slow-clock ran"}));
}

}  // namespace

// Per-CPU entries (inittab::kPerCpu): the checks, and the AP's run of the same plan.
namespace {

TEST(PlanChecks, PerCpuEntryAtTheCpuStartLevelIsAnError) {
  Table table({{.name = "late-per-cpu", .level = INIT_LEVEL_LATE, .flags = inittab::kPerCpu}});
  EXPECT_EQ(table.Errors(), Messages{"init entry 'late-per-cpu' is per-CPU at level 70000: the application "
                                     "processors start in level 70000, so per-CPU work must come before it"});
}

TEST(PlanChecks, PerCpuEntryInALevelThatAnEntryFinishesIsAnError) {
  Table table({{.name = "fast-path", .level = INIT_LEVEL_EARLY, .flags = inittab::kFinishIfDetected, .detect = true},
               {.name = "cpu-state", .level = INIT_LEVEL_EARLY, .flags = inittab::kPerCpu}});
  EXPECT_EQ(table.Errors(), Messages{"init entry 'cpu-state' is per-CPU in level 10000, which 'fast-path' ends when "
                                     "detected (finish-if-detected): the boot CPU could end the level where an AP "
                                     "does not"});
}

TEST(PlanChecks, PerCpuEntriesDependingOnEarlierBootCpuWorkAreFine) {
  Table table({{.name = "memory", .level = INIT_LEVEL_EARLY},
               {.name = "features", .level = INIT_LEVEL_EARLY, .flags = inittab::kPerCpu},
               {.name = "tables", .level = INIT_LEVEL_PLATFORM, .depends = {0, 1}, .flags = inittab::kPerCpu},
               {.name = "boot-only", .level = INIT_LEVEL_NORMAL, .depends = {2}}});
  EXPECT_EQ(table.Errors(), Messages{});
}

std::vector<std::string> RunOnAp(const Table& table, std::vector<bool> boot_detected, std::vector<bool> ap_detected,
                                 uint32_t environment) {
  const std::vector<uint32_t> order = table.OrderIndices();
  ScriptedHooks boot{std::move(boot_detected), {}, &table.nodes()};
  std::vector<inittab::InitResult> boot_results(table.Size());
  inittab::RunPlan(table.nodes().data(), order.data(), table.Size(), environment, boot_results.data(), boot);
  ScriptedHooks ap{std::move(ap_detected), {}, &table.nodes()};
  std::vector<inittab::InitResult> ap_results(table.Size(), inittab::InitResult::kSkipped);
  inittab::RunPerCpuPlan(table.nodes().data(), order.data(), table.Size(), environment, boot_results.data(),
                         ap_results.data(), ap);
  return ap.log;
}

TEST(PlanRunner, AnApRunsOnlyThePerCpuEntriesInPlanOrder) {
  Table table({{.name = "memory-map", .level = INIT_LEVEL_PLATFORM},
               {.name = "cr4-shadow", .level = INIT_LEVEL_EARLY, .flags = inittab::kPerCpu},
               {.name = "cpu-features", .level = INIT_LEVEL_EARLY, .flags = inittab::kPerCpu},
               {.name = "nx", .level = INIT_LEVEL_EARLY, .depends = {2}, .flags = inittab::kPerCpu, .detect = true}});
  EXPECT_EQ(RunOnAp(table, {true, true, true, true}, {true, true, true, false}, kPvhBios),
            (Names{"run cr4-shadow", "cr4-shadow ran", "run cpu-features", "cpu-features ran", "nx not-detected"}));
}

TEST(PlanRunner, AnApTakesABootCpuDependencyAsItWasOnTheBootCpu) {
  Table table({{.name = "acpi", .level = INIT_LEVEL_PLATFORM, .detect = true},
               {.name = "apic", .level = INIT_LEVEL_NORMAL, .depends = {0}, .flags = inittab::kPerCpu}});
  EXPECT_EQ(RunOnAp(table, {false, true}, {true, true}, kPvhBios),
            (Names{"apic skipped: depends on acpi, which was not-detected"}));
  EXPECT_EQ(RunOnAp(table, {true, true}, {false, true}, kPvhBios), (Names{"run apic", "apic ran"}));
}

TEST(PlanRunner, AnApSkipsWhatDependsOnItsOwnMissingStep) {
  Table table({{.name = "x2apic", .level = INIT_LEVEL_EARLY, .flags = inittab::kPerCpu, .detect = true},
               {.name = "timer", .level = INIT_LEVEL_EARLY, .depends = {0}, .flags = inittab::kPerCpu}});
  // The boot CPU has it; this AP does not: the AP's trace says so, step by step.
  EXPECT_EQ(RunOnAp(table, {true, true}, {false, true}, kPvhBios),
            (Names{"x2apic not-detected", "timer skipped: depends on x2apic, which was not-detected"}));
}

TEST(PlanRunner, AnExcludedPerCpuEntryIsUnsupportedOnAnApToo) {
  Table table({{.name = "tables", .level = INIT_LEVEL_EARLY, .exclusions = {OnEntry(BootEntry::kXenPv, "Xen's")},
                .flags = inittab::kPerCpu}});
  EXPECT_EQ(RunOnAp(table, {true}, {true}, kXenPv), Names{"tables unsupported"});
}

}  // namespace
