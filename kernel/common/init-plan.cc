// SPDX-License-Identifier: MIT
#include "common/init-plan.h"

#include "arch/x86/cpu.h"
#include "common/console.h"
#include "common/exit.h"
#include "inittab/runner.h"
#include "inittab/table-nodes.h"

LINKTAB_DEFINE(init);

namespace {

constexpr uint32_t kMaxEntries = 256;
constexpr uint32_t kMaxDependencies = 1024;
constexpr uint32_t kMaxReportedErrors = 16;

// Run-time state lives here, beside the const table (the table itself is never written).
constinit inittab::PlanNode gNodes[kMaxEntries];
constinit uint32_t gDependencyIndices[kMaxDependencies];
constinit uint32_t gOrder[kMaxEntries];
constinit uint32_t gScratch[inittab::PlanScratchWords(kMaxEntries, kMaxDependencies)];
constinit inittab::InitResult gResults[kMaxEntries];
constinit inittab::PlanError gErrors[kMaxReportedErrors];
constinit const char* gRunning = nullptr;

class KernelHooks {
 public:
  KernelHooks(const inittab::InitEntry* entries, uint32_t environment)
      : entries_(entries), environment_(environment) {}

  bool Detect(uint32_t index) { return entries_[index].detect(); }
  void Run(uint32_t index) {
    gRunning = entries_[index].name;
    entries_[index].run();
    gRunning = nullptr;
  }
  void Record(const inittab::TraceRecord& record) {
    const inittab::InitEntry& entry = entries_[record.node];
    console::Line line;
    line.Append("init ").AppendDecimal(entry.level).Append(" ").Append(entry.name).Append(" ");
    line.Append(inittab::InitResultName(record.result));
    if (record.result == inittab::InitResult::kUnsupported) {
      line.Append(" ").AppendQuoted(inittab::ExclusionReason(gNodes[record.node], environment_));
    } else if (record.result == inittab::InitResult::kFinished) {
      line.Append(" by ").Append(entries_[record.cause].name);
    } else if (record.result == inittab::InitResult::kSkipped) {
      // "skipped: depends on memory-map, which was not-detected" (docs/serial-format.md)
      line.Append(": depends on ").Append(entries_[record.cause].name).Append(", which was ");
      line.Append(inittab::InitResultName(record.cause_result));
    }
    line.End();
    console::Line().Append("cost init:").Append(entry.name).Append(" ").AppendDecimal(arch::ReadTsc());
  }

 private:
  const inittab::InitEntry* entries_;
  uint32_t environment_;
};

}  // namespace

const char* RunningInitEntry() { return gRunning; }

void RunInitTable(bootabi::BootEntry entry, bootabi::Firmware firmware) {
  const uint32_t environment = inittab::EnvironmentIndex(entry, firmware);
  if (environment == inittab::kNoEnvironment) {
    console::Line line;
    line.Append("plan-error no boot environment ").Append(bootabi::BootEntryName(entry)).Append("/");
    line.Append(bootabi::FirmwareName(firmware)).Append(" (inittab/environment.h)");
    line.End();
    Fail("unknown boot environment");
  }
  const auto table = linktab::Entries<LINKTAB_TABLE(init)>();
  const auto count = static_cast<uint32_t>(table.size());
  const inittab::NodeStorage storage{gNodes, kMaxEntries, gDependencyIndices, kMaxDependencies};
  const auto built = inittab::BuildPlanNodes(table.data(), count, storage);
  if (built.is_error()) FailWithError("init plan", built.error());

  const inittab::PlanScratch scratch{gScratch, sizeof(gScratch) / sizeof(gScratch[0])};
  const uint32_t problems = inittab::CheckNodes(gNodes, count, scratch, gErrors, kMaxReportedErrors);
  for (uint32_t i = 0; i < problems && i < kMaxReportedErrors; ++i) {
    console::Line line;
    line.Append("plan-error ");
    inittab::DescribePlanError(gErrors[i], gNodes, line);
  }
  if (problems != 0) Fail("init plan invalid");

  inittab::PlanError cycle;
  if (!inittab::SortNodes(gNodes, count, scratch, gOrder, &cycle)) {
    console::Line line;
    line.Append("plan-error ");
    inittab::DescribePlanError(cycle, gNodes, line);
    line.End();
    Fail("init plan invalid");
  }

  {
    console::Line line;
    line.Append("plan ").AppendDecimal(count).Append(" entries for ");
    inittab::AppendEnvironmentName(line, environment);
  }
  console::Line().Append("cost plan ").AppendDecimal(arch::ReadTsc());
  KernelHooks hooks(table.data(), environment);
  inittab::RunPlan(gNodes, gOrder, count, environment, gResults, hooks);
}
