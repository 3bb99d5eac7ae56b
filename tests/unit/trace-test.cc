// SPDX-License-Identifier: MIT
// A boot's trace against the plan: the runner's rules replayed over the trace, on the test
// kernel's real table (test-probe may not be detected; test-after-probe depends on it).
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "image/elf-image.h"
#include "image/init-table.h"
#include "image/plan.h"
#include "image/trace.h"
#include "inittab/runner.h"

namespace {

class TraceTest : public ::testing::Test {
 protected:
  TraceTest()
      : elf_(image::ElfImage::Open(UNIENTRY_TEST_TABLES_ELF)), table_(image::InitTable::Read(elf_)),
        plan_(image::CheckAndOrder(table_)) {}

  // A trace in plan order: every entry "ran" (or "unsupported" where excluded), except those
  // given in `results` as {result, detail}.
  std::vector<image::TraceStep> Trace(uint32_t environment,
                                      const std::map<std::string, std::pair<std::string, std::string>>& results) {
    std::vector<image::TraceStep> trace;
    for (uint32_t node : plan_.order) {
      const auto& entry = table_.entries()[node];
      image::TraceStep step{entry.level, entry.name, "ran", ""};
      if (inittab::ExclusionReason(table_.nodes()[node], environment) != nullptr) step.result = "unsupported";
      if (const auto found = results.find(entry.name); found != results.end()) {
        step.result = found->second.first;
        step.detail = found->second.second;
      }
      trace.push_back(step);
    }
    return trace;
  }

  std::vector<std::string> Compare(uint32_t environment, const std::vector<image::TraceStep>& trace) {
    return image::CompareTraceWithPlan(table_, plan_.order, environment, trace);
  }

  const uint32_t pvh_bios_ = image::EnvironmentFromNames("pvh", "bios");
  const uint32_t pvh_none_ = image::EnvironmentFromNames("pvh", "none");
  image::ElfImage elf_;
  image::InitTable table_;
  image::PlanResult plan_;
};

TEST_F(TraceTest, ADependencyNotDetectedAndItsDependentSkippedMatchesThePlan) {
  ASSERT_TRUE(plan_.errors.empty());
  EXPECT_EQ(Compare(pvh_bios_, Trace(pvh_bios_, {{"test-probe", {"not-detected", ""}},
                                                  {"test-after-probe",
                                                   {"skipped", "depends on test-probe, which was not-detected"}}})),
            std::vector<std::string>{});
  EXPECT_EQ(Compare(pvh_bios_, Trace(pvh_bios_, {})), std::vector<std::string>{});
}

TEST_F(TraceTest, ADependentThatRanAfterItsDependencyWasNotDetectedDiverges) {
  const auto differences = Compare(pvh_bios_, Trace(pvh_bios_, {{"test-probe", {"not-detected", ""}}}));
  ASSERT_EQ(differences.size(), 1u);
  EXPECT_NE(differences[0].find("'test-after-probe' ran, the plan for pvh/bios gives skipped (depends on "
                                "test-probe, which was not-detected)"),
            std::string::npos)
      << differences[0];
}

TEST_F(TraceTest, ASkipThatNamesTheWrongCauseDiverges) {
  const auto differences = Compare(
      pvh_bios_, Trace(pvh_bios_, {{"test-probe", {"not-detected", ""}},
                                   {"test-after-probe", {"skipped", "depends on memory-map, which was finished"}}}));
  ASSERT_EQ(differences.size(), 1u);
  EXPECT_NE(differences[0].find("gives skipped (depends on test-probe, which was not-detected)"), std::string::npos)
      << differences[0];
}

TEST_F(TraceTest, ASkipWhereTheDependencyRanDiverges) {
  const auto differences = Compare(
      pvh_bios_, Trace(pvh_bios_, {{"test-after-probe", {"skipped", "depends on test-probe, which was ran"}}}));
  ASSERT_EQ(differences.size(), 1u);
  EXPECT_NE(differences[0].find("the plan for pvh/bios gives ran"), std::string::npos) << differences[0];
}

TEST_F(TraceTest, AnEntryExcludedByFirmwareMustBeUnsupported) {
  // bios-data-area is excluded on firmware none: running it there is a divergence.
  const auto differences = Compare(pvh_none_, Trace(pvh_none_, {{"bios-data-area", {"ran", ""}}}));
  ASSERT_EQ(differences.size(), 1u);
  EXPECT_NE(differences[0].find("'bios-data-area' ran, the plan for pvh/none gives unsupported"), std::string::npos)
      << differences[0];
}

TEST_F(TraceTest, AMissingStepDiverges) {
  auto trace = Trace(pvh_bios_, {});
  trace.pop_back();
  const auto differences = Compare(pvh_bios_, trace);
  ASSERT_EQ(differences.size(), 1u);
  EXPECT_NE(differences[0].find("the boot ended its trace before it"), std::string::npos);
}

// A quiet boot's summary: the plan hash and one letter per entry, replayed like a trace.
TEST_F(TraceTest, ASummaryIsCheckedAgainstThePlan) {
  image::BootLog log;
  log.has_summary = true;
  log.summary_plan = image::PlanHash(plan_.order);
  std::string letters;
  for (uint32_t node : plan_.order) {
    const auto& entry = table_.entries()[node];
    letters += inittab::ExclusionReason(table_.nodes()[node], pvh_bios_) != nullptr ? 'u'
               : entry.name == "test-probe"                                   ? 'n'
               : entry.name == "test-after-probe"                             ? 's'
                                                                               : 'r';
  }
  log.summary_results = letters;
  EXPECT_EQ(image::CompareSummaryWithPlan(table_, plan_.order, pvh_bios_, log), std::vector<std::string>{});

  // test-after-probe "ran" although test-probe was not detected.
  log.summary_results[letters.find('s')] = 'r';
  const auto ran = image::CompareSummaryWithPlan(table_, plan_.order, pvh_bios_, log);
  ASSERT_EQ(ran.size(), 1u);
  EXPECT_NE(ran[0].find("'test-after-probe' ran, the plan for pvh/bios gives skipped"), std::string::npos) << ran[0];

  log.summary_results = letters;
  log.summary_plan ^= 1;  // another order
  const auto other = image::CompareSummaryWithPlan(table_, plan_.order, pvh_bios_, log);
  ASSERT_EQ(other.size(), 1u);
  EXPECT_NE(other[0].find("init-summary: plan"), std::string::npos);

  log.summary_plan ^= 1;
  log.summary_results.pop_back();
  EXPECT_FALSE(image::CompareSummaryWithPlan(table_, plan_.order, pvh_bios_, log).empty());
}

TEST(BootLog, ParsesTheInitSummary) {
  const image::BootLog log =
      image::ParseBootLog("unientry: init-summary linux32/uefi plan=0x0a1b2c3d results=rrus\nunientry: status ok\n");
  EXPECT_TRUE(log.has_summary);
  EXPECT_EQ(log.entry, "linux32");
  EXPECT_EQ(log.firmware, "uefi");
  EXPECT_EQ(log.summary_plan, 0x0a1b2c3du);
  EXPECT_EQ(log.summary_results, "rrus");
}

TEST(BootLog, ParsesFirmwareAndSkippedLines) {
  const image::BootLog log = image::ParseBootLog(
      "unientry: entry linux32\nunientry: firmware uefi\n"
      "unientry: init 50000 b skipped: depends on a, which was not-detected\nunientry: status ok\n");
  EXPECT_EQ(log.entry, "linux32");
  EXPECT_EQ(log.firmware, "uefi");
  ASSERT_EQ(log.trace.size(), 1u);
  EXPECT_EQ(log.trace[0].result, "skipped");
  EXPECT_EQ(log.trace[0].detail, "depends on a, which was not-detected");
}

// An AP's trace (unientry: cpu N init ...) against the per-CPU plan: the per-CPU entries of
// the same order, checked by the same rules, with the boot CPU's results for its dependencies.
class CpuTraceTest : public TraceTest {
 protected:
  // The boot CPU's trace (as Trace gives it) and CPU 1's: every per-CPU step "ran" except those
  // in `ap_results`, and without those in `ap_missing`.
  image::BootLog Log(const std::map<std::string, std::pair<std::string, std::string>>& ap_results,
                     const std::vector<std::string>& ap_missing = {}) {
    image::BootLog log;
    log.trace = Trace(pvh_bios_, {});
    image::CpuTrace& cpu = log.cpus[1];
    for (const image::TraceStep& step : Trace(pvh_bios_, ap_results)) {
      const auto node = NodeNamed(step.name);
      if ((table_.entries()[node].flags & inittab::kPerCpu) == 0) continue;
      if (std::find(ap_missing.begin(), ap_missing.end(), step.name) != ap_missing.end()) continue;
      cpu.trace.push_back(step);
    }
    cpu.has_summary = true;
    cpu.summary_plan = image::PlanHash(image::PerCpuOrder(table_, plan_.order));
    for (const image::TraceStep& step : cpu.trace) cpu.summary_results += step.result == "ran" ? 'r' : step.result[0];
    return log;
  }
  uint32_t NodeNamed(const std::string& name) const {
    for (uint32_t i = 0; i < table_.entries().size(); ++i) {
      if (table_.entries()[i].name == name) return i;
    }
    return 0;
  }
  std::vector<std::string> CompareCpu(const image::BootLog& log) {
    return image::CompareCpuTraceWithPlan(table_, plan_.order, pvh_bios_, log, 1);
  }
};

TEST_F(CpuTraceTest, AnApThatRanThePerCpuPlanMatches) {
  ASSERT_FALSE(image::PerCpuOrder(table_, plan_.order).empty()) << "the table has per-CPU entries";
  EXPECT_EQ(CompareCpu(Log({})), std::vector<std::string>{});
}

TEST_F(CpuTraceTest, AStepThatRanOnTheBootCpuButNotOnAnApIsAFailure) {
  // The seed's regression, on an AP: cr4-shadow missing from its path.
  const auto differences = CompareCpu(Log({}, {"cr4-shadow"}));
  ASSERT_FALSE(differences.empty());
  EXPECT_NE(differences[0].find("cpu 1: step 2: the plan has 'cr4-shadow'"), std::string::npos) << differences[0];
}

TEST_F(CpuTraceTest, AnApThatSkipsWhatItMustRunDiverges) {
  const auto differences =
      CompareCpu(Log({{"cr4-shadow", {"skipped", "depends on cpu-features, which was not-detected"}}}));
  ASSERT_FALSE(differences.empty());
  EXPECT_NE(differences[0].find("'cr4-shadow' skipped"), std::string::npos) << differences[0];
}

TEST_F(CpuTraceTest, AnApWithoutATraceOrSummaryIsReported) {
  image::BootLog log = Log({});
  log.cpus.clear();
  EXPECT_EQ(CompareCpu(log), std::vector<std::string>{"cpu 1: no trace"});
  log = Log({});
  log.cpus[1].summary_plan ^= 1;
  const auto differences = CompareCpu(log);
  ASSERT_EQ(differences.size(), 1u);
  EXPECT_NE(differences[0].find("cpu 1: init-summary: plan"), std::string::npos) << differences[0];
}

TEST(BootLog, ParsesAnApsTraceAndTheOnlineCount) {
  const image::BootLog log = image::ParseBootLog(
      "unientry: cpu 2 cpu vendor=AuthenticAMD family=0xf\n"
      "unientry: cpu 2 init 10000 cpu-features ran\n"
      "unientry: cpu 2 init 10000 nx not-detected\n"
      "unientry: cpu 2 init-summary pvh/bios plan=0x011ff8d1 results=rn\n"
      "unientry: init 10000 cpu-features ran\n"
      "unientry: smp online=3 started=2 listed=3\n");
  ASSERT_EQ(log.cpus.count(2), 1u);
  const image::CpuTrace& cpu = log.cpus.at(2);
  ASSERT_EQ(cpu.trace.size(), 2u);
  EXPECT_EQ(cpu.trace[1].name, "nx");
  EXPECT_EQ(cpu.trace[1].result, "not-detected");
  EXPECT_TRUE(cpu.has_summary);
  EXPECT_EQ(cpu.summary_plan, 0x011ff8d1u);
  EXPECT_EQ(cpu.summary_results, "rn");
  ASSERT_EQ(log.trace.size(), 1u);  // the boot CPU's own
  EXPECT_EQ(log.cpus_online, 3);
  EXPECT_TRUE(log.entry.empty());  // an AP's summary does not name the boot
}

}  // namespace
