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
constinit uint32_t gRemaining[kMaxEntries];
constinit bool gPlaced[kMaxEntries];
constinit inittab::PlanError gErrors[kMaxReportedErrors];
constinit const char* gRunning = nullptr;

class KernelHooks {
 public:
  KernelHooks(const inittab::InitEntry* entries, bootabi::BootEntry environment)
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
      line.Append(" by ").Append(entries_[record.finished_by].name);
    }
    line.End();
    console::Line().Append("cost init:").Append(entry.name).Append(" ").AppendDecimal(arch::ReadTsc());
  }

 private:
  const inittab::InitEntry* entries_;
  bootabi::BootEntry environment_;
};

}  // namespace

const char* RunningInitEntry() { return gRunning; }

void RunInitTable(bootabi::BootEntry environment) {
  const auto table = linktab::Entries<LINKTAB_TABLE(init)>();
  const auto count = static_cast<uint32_t>(table.size());
  const inittab::NodeStorage storage{gNodes, kMaxEntries, gDependencyIndices, kMaxDependencies};
  const auto built = inittab::BuildPlanNodes(table.data(), count, storage);
  if (built.is_error()) FailWithError("init plan", built.error());

  const uint32_t problems = inittab::CheckNodes(gNodes, count, gErrors, kMaxReportedErrors);
  for (uint32_t i = 0; i < problems && i < kMaxReportedErrors; ++i) {
    console::Line line;
    line.Append("plan-error ");
    inittab::DescribePlanError(gErrors[i], gNodes, line);
  }
  if (problems != 0) Fail("init plan invalid");

  inittab::PlanError cycle;
  if (!inittab::SortNodes(gNodes, count, gOrder, {gRemaining, gPlaced}, &cycle)) {
    console::Line line;
    line.Append("plan-error ");
    inittab::DescribePlanError(cycle, gNodes, line);
    line.End();
    Fail("init plan invalid");
  }

  console::Line().Append("plan ").AppendDecimal(count).Append(" entries for ").Append(
      bootabi::BootEntryName(environment));
  console::Line().Append("cost plan ").AppendDecimal(arch::ReadTsc());
  KernelHooks hooks(table.data(), environment);
  inittab::RunPlan(gNodes, gOrder, count, environment, hooks);
}
