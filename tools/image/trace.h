// SPDX-License-Identifier: MIT
// A boot's init trace, read from its serial log (docs/serial-format.md), and its comparison
// with the plan the inspector derives from the same image for the same boot environment.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "image/init-table.h"

namespace image {

struct TraceStep {
  uint32_t level;
  std::string name;
  std::string result;  // ran, unsupported, not-detected, finished, skipped
  std::string detail;  // the rest of the line (a reason, "by NAME", "depends on NAME, which was RESULT")
  bool from_summary = false;  // rebuilt from an init-summary line, which carries no details
};

/// One test of a test guest (include/unientry/test.h): "unientry: test NAME RESULT ["MESSAGE"]".
struct TestStep {
  std::string name;
  std::string result;   // SUCCESS, SKIP, FAILURE, ERROR
  std::string message;  // as printed, quotes included; "" when none
};

/// One application processor's run of the per-CPU plan: "unientry: cpu N init ..." lines and
/// its "unientry: cpu N init-summary ..." line.
struct CpuTrace {
  std::vector<TraceStep> trace;
  bool has_summary = false;
  uint32_t summary_plan = 0;
  std::string summary_results;
};

struct BootLog {
  std::string entry;     // from "unientry: entry NAME"
  std::string firmware;  // from "unientry: firmware NAME"
  std::string status;  // ok, fail, panic, crash; "" when the kernel printed none
  std::string status_message;
  std::vector<TraceStep> trace;
  std::vector<std::string> crash_lines;  // "unientry: crash ..." lines, as printed
  std::vector<std::pair<std::string, uint64_t>> costs;  // "unientry: cost NAME TSC" in order
  // "unientry: init-summary ENTRY/FIRMWARE plan=0xHASH results=LETTERS"
  bool has_summary = false;
  uint32_t summary_plan = 0;
  std::string summary_results;
  bool test_guest = false;       // a "unientry: test-summary ..." line was printed
  std::vector<TestStep> tests;
  std::map<uint32_t, CpuTrace> cpus;  // each AP's trace, by its index (1..)
  int64_t cpus_online = -1;           // "unientry: smp online=N ..."; -1 when it printed none
};

BootLog ParseBootLog(const std::string& text);

/// The differences between a boot's trace and the plan for `environment` (an index into
/// inittab::kEnvironments): a missing or extra entry, another order, or a result the plan's
/// rules do not give. The rules are the runner's (inittab/runner.h), replayed over the trace
/// itself: an excluded entry must be unsupported; once an entry with finish-if-detected ran,
/// the rest of its level must be finished by it; an entry with a dependency that did not run
/// must be skipped naming that dependency and its result; otherwise ran, or not-detected for
/// an entry with a detect hook. Empty when the boot did what the plan says.
std::vector<std::string> CompareTraceWithPlan(const InitTable& table, const std::vector<uint32_t>& order,
                                              uint32_t environment, const std::vector<TraceStep>& trace);

/// The same for application processor `cpu`'s trace, against the per-CPU plan (PerCpuPlanFor):
/// the per-CPU entries in order, a dependency on a boot-CPU entry counting as what the boot
/// CPU's trace (`boot`) says; and its summary line, when it printed one.
std::vector<std::string> CompareCpuTraceWithPlan(const InitTable& table, const std::vector<uint32_t>& order,
                                                 uint32_t environment, const BootLog& boot, uint32_t cpu);

/// The plan hash the kernel prints in its init summary, for `order` (inittab/runner.h).
uint32_t PlanHash(const std::vector<uint32_t>& order);

/// The summary line against the plan: its hash must be the plan's, its letters (one per entry)
/// what the runner's rules give; and where the boot also printed its trace, the two agree.
/// A quiet boot prints only the summary; its trace is rebuilt from the letters.
std::vector<std::string> CompareSummaryWithPlan(const InitTable& table, const std::vector<uint32_t>& order,
                                                uint32_t environment, const BootLog& log);

/// The boot entry for a name the kernel prints ("pvh", "xen-pv", ...); false when unknown.
bool BootEntryFromName(const std::string& name, bootabi::BootEntry& entry);
/// The firmware for a name the kernel prints ("bios", "uefi", ...); false when unknown.
bool FirmwareFromName(const std::string& name, bootabi::Firmware& firmware);
/// The index in inittab::kEnvironments of "entry/firmware" names, or inittab::kNoEnvironment.
uint32_t EnvironmentFromNames(const std::string& entry, const std::string& firmware);
/// "linux32/uefi"
std::string EnvironmentName(uint32_t environment);

}  // namespace image
