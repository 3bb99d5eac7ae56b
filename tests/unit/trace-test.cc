// SPDX-License-Identifier: MIT
// A boot's trace against the plan: the runner's rules replayed over the trace, on the test
// kernel's real table (test-probe may not be detected; test-after-probe depends on it).
#include <gtest/gtest.h>

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

}  // namespace
