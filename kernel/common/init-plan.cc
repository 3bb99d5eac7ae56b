// SPDX-License-Identifier: MIT
#include "common/init-plan.h"

#include "arch/x86/cpu.h"
#include "common/boot-context.h"
#include "common/console.h"
#include "common/cost.h"
#include "common/exit.h"
#include "common/per-cpu.h"
#include "inittab/plan-seal.h"
#include "inittab/runner.h"
#include "inittab/table-nodes.h"

LINKTAB_DEFINE(init);

namespace {

constexpr uint32_t kMaxEntries = 256;
static_assert(kMaxEntries <= inittab::kPlanSealMaxEntries, "a sealed order holds every entry");
constexpr uint32_t kMaxDependencies = 1024;
constexpr uint32_t kMaxReportedErrors = 16;

// Run-time state lives here, beside the const table (the table itself is never written). Each
// array is written before it is read, so it lives in .scratch, which nothing clears.
[[gnu::section(".scratch")]] constinit inittab::PlanNode gNodes[kMaxEntries];
[[gnu::section(".scratch")]] constinit uint32_t gDependencyIndices[kMaxDependencies];
[[gnu::section(".scratch")]] constinit uint32_t gOrder[kMaxEntries];
[[gnu::section(".scratch")]] constinit uint32_t gScratch[inittab::PlanScratchWords(kMaxEntries, kMaxDependencies)];
[[gnu::section(".scratch")]] constinit inittab::InitResult gResults[kMaxEntries];
[[gnu::section(".scratch")]] constinit inittab::PlanError gErrors[kMaxReportedErrors];
constinit uint32_t gCount = 0, gEnvironment = inittab::kNoEnvironment;  // for the APs' runs
static_assert(kMaxEntries == percpu::kMaxInitEntries, "a CPU's trace holds every entry");

// Filled in by unientry-inspect --seal when the build's check passed (inittab/plan-seal.h);
// zero in an image that never passed it. Read through a laundered pointer: the compiler must
// not fold the zeros it sees here.
[[gnu::used, gnu::section(".rodata.init_plan_seal")]] constinit const inittab::PlanSeal gPlanSeal
    __asm__(UNIENTRY_PLAN_SEAL_SYMBOL) = {};

class KernelHooks {
 public:
  KernelHooks(const inittab::InitEntry* entries, uint32_t environment)
      : entries_(entries), environment_(environment) {}

  bool Detect(uint32_t index) { return entries_[index].detect(); }
  void Run(uint32_t index) {
    percpu::Cpu& cpu = percpu::ThisCpu();
    cpu.running_init_entry = entries_[index].name;
    entries_[index].run();
    cpu.running_init_entry = nullptr;
  }
  void Record(const inittab::TraceRecord& record) {
    if (console::Quiet()) return;  // the summary line stands for the trace
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
    if (!console::Quiet() && percpu::ThisCpu().index == 0) {
      console::Line().Append("cost init:").Append(entry.name).Append(" ").AppendDecimal(arch::ReadTsc());
    }
  }

 private:
  const inittab::InitEntry* entries_;
  uint32_t environment_;
};

// One line that stands for the whole trace (docs/serial-format.md): a hash of the plan (the
// run order) and one letter per result, so that a quiet boot is still checked against the plan.
// An AP's covers the per-CPU entries only, in the same order (console::Line names the CPU).
void PrintSummary(uint32_t count, const inittab::InitResult* results_of, bool per_cpu_only) {
  uint32_t hash = inittab::kPlanHashSeed;
  char results[kMaxEntries + 1];
  uint32_t letters = 0;
  for (uint32_t position = 0; position < count; ++position) {
    if (per_cpu_only && (gNodes[gOrder[position]].flags & inittab::kPerCpu) == 0) continue;
    hash = inittab::PlanHashStep(hash, gOrder[position]);
    results[letters++] = inittab::InitResultLetter(results_of[gOrder[position]]);
  }
  results[letters] = '\0';
  console::Line line(console::Importance::kAlways);
  line.Append("init-summary ").Append(bootabi::BootEntryName(gBoot.entry)).Append("/");
  line.Append(bootabi::FirmwareName(gBoot.firmware)).Append(" plan=").AppendHexPadded(hash, 8).Append(" results=");
  line.Append(results);
}

// An image the build did not seal: every check and the sort, here and now.
void CheckAndSort(uint32_t count) {
  const inittab::PlanScratch scratch{gScratch, sizeof(gScratch) / sizeof(gScratch[0])};
  const uint32_t problems = inittab::CheckNodes(gNodes, count, scratch, gErrors, kMaxReportedErrors);
  for (uint32_t i = 0; i < problems && i < kMaxReportedErrors; ++i) {
    console::Line line(console::Importance::kAlways);
    line.Append("plan-error ");
    inittab::DescribePlanError(gErrors[i], gNodes, line);
  }
  if (problems != 0) Fail("init plan invalid");

  inittab::PlanError cycle;
  if (!inittab::SortNodes(gNodes, count, scratch, gOrder, &cycle)) {
    console::Line line(console::Importance::kAlways);
    line.Append("plan-error ");
    inittab::DescribePlanError(cycle, gNodes, line);
    line.End();
    Fail("init plan invalid");
  }
}

}  // namespace

const char* RunningInitEntry() { return percpu::CpuCount() == 0 ? nullptr : percpu::ThisCpu().running_init_entry; }

void RunInitTable(bootabi::BootEntry entry, bootabi::Firmware firmware) {
  const uint32_t environment = inittab::EnvironmentIndex(entry, firmware);
  if (environment == inittab::kNoEnvironment) {
    console::Line line(console::Importance::kAlways);
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

  const inittab::PlanSeal& seal = *linktab::HideProvenance(&gPlanSeal);
  const bool sealed = seal.magic == inittab::kPlanSealMagic && seal.count == count && count <= kMaxEntries;
  if (sealed) {
    // The build ran every check and the sort on this very table: confirm its order fits.
    inittab::PlanError error;
    if (!inittab::VerifyOrder(gNodes, count, seal.order, gScratch, &error)) {
      console::Line line(console::Importance::kAlways);
      line.Append("plan-error ");
      inittab::DescribePlanError(error, gNodes, line);
      line.End();
      Fail("init plan invalid");
    }
    for (uint32_t i = 0; i < count; ++i) gOrder[i] = seal.order[i];
  } else {
    CheckAndSort(count);
  }
  if (!console::Quiet()) {
    console::Line line;
    line.Append("plan ").AppendDecimal(count).Append(" entries for ");
    inittab::AppendEnvironmentName(line, environment);
    line.Append(sealed ? ", sealed by the build" : ", checked at boot");
  }
  PrintCost("plan", arch::ReadTsc());
  gCount = count;
  gEnvironment = environment;
  KernelHooks hooks(table.data(), environment);
  inittab::RunPlan(gNodes, gOrder, count, environment, gResults, hooks);
  PrintSummary(count, gResults, false);
}

void RunPerCpuInitTable() {
  const auto table = linktab::Entries<LINKTAB_TABLE(init)>();
  percpu::Cpu& cpu = percpu::ThisCpu();
  KernelHooks hooks(table.data(), gEnvironment);
  inittab::RunPerCpuPlan(gNodes, gOrder, gCount, gEnvironment, gResults, cpu.init_results, hooks);
  PrintSummary(gCount, cpu.init_results, true);
}

bool InitEntryRanHere(const inittab::InitEntry& entry) {
  const auto table = linktab::Entries<LINKTAB_TABLE(init)>();
  const auto index = &entry - table.data();
  if (index < 0 || static_cast<uint64_t>(index) >= gCount) return false;
  const percpu::Cpu& cpu = percpu::ThisCpu();
  const bool own = cpu.index != 0 && (gNodes[index].flags & inittab::kPerCpu) != 0;
  return (own ? cpu.init_results[index] : gResults[index]) == inittab::InitResult::kRan;
}
