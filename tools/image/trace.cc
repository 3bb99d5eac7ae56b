// SPDX-License-Identifier: MIT
#include "image/trace.h"

#include <map>
#include <sstream>

#include <fmt/format.h>

#include "image/plan.h"
#include "inittab/runner.h"

namespace image {
namespace {

const std::string kPrefix = "unientry: ";

bool Starts(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

// "init LEVEL NAME RESULT [detail]" or "init-summary ENTRY/FIRMWARE plan=0xHASH results=LETTERS",
// after the key. `log` (the boot CPU's) also takes the environment from a summary.
void ParseInitLine(const std::string& key, std::istringstream& words, std::vector<TraceStep>& trace,
                   bool& has_summary, uint32_t& summary_plan, std::string& summary_results, BootLog* log) {
  if (key == "init") {
    TraceStep step{};
    std::string level;
    words >> level >> step.name >> step.result;
    if (!step.result.empty() && step.result.back() == ':') step.result.pop_back();  // "skipped: ..."
    if (level.empty() || level.find_first_not_of("0123456789") != std::string::npos || step.result.empty()) return;
    step.level = static_cast<uint32_t>(std::stoul(level));
    std::getline(words, step.detail);
    if (!step.detail.empty() && step.detail[0] == ' ') step.detail.erase(0, 1);
    trace.push_back(step);
    return;
  }
  std::string environment, plan, results;
  words >> environment >> plan >> results;
  const size_t slash = environment.find('/');
  if (slash != std::string::npos && plan.rfind("plan=0x", 0) == 0 && results.rfind("results=", 0) == 0) {
    if (log != nullptr && log->entry.empty()) log->entry = environment.substr(0, slash);
    if (log != nullptr && log->firmware.empty()) log->firmware = environment.substr(slash + 1);
    has_summary = true;
    summary_plan = static_cast<uint32_t>(std::stoul(plan.substr(7, 8), nullptr, 16));
    summary_results = results.substr(8);
  }
}

}  // namespace

BootLog ParseBootLog(const std::string& text) {
  BootLog log;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (Starts(line, "(d0) ")) line.erase(0, 5);  // Xen's prefix for a PVH dom0's lines
    if (!Starts(line, kPrefix)) continue;
    const std::string body = line.substr(kPrefix.size());
    std::istringstream words(body);
    std::string key;
    words >> key;
    if (key == "entry") {
      words >> log.entry;
    } else if (key == "firmware") {
      words >> log.firmware;
    } else if (key == "status") {
      words >> log.status;
      std::getline(words, log.status_message);
      if (!log.status_message.empty() && log.status_message[0] == ' ') log.status_message.erase(0, 1);
    } else if (key == "init" || key == "init-summary") {
      ParseInitLine(key, words, log.trace, log.has_summary, log.summary_plan, log.summary_results, &log);
    } else if (key == "cpu") {
      // An AP's line: "cpu N init ..." or "cpu N init-summary ..." (others are its messages).
      std::string index, inner;
      words >> index >> inner;
      if (index.empty() || index.find_first_not_of("0123456789") != std::string::npos) continue;
      if (inner != "init" && inner != "init-summary") continue;
      CpuTrace& cpu = log.cpus[static_cast<uint32_t>(std::stoul(index))];
      ParseInitLine(inner, words, cpu.trace, cpu.has_summary, cpu.summary_plan, cpu.summary_results, nullptr);
    } else if (key == "smp") {
      std::string online;
      words >> online;
      if (online.rfind("online=", 0) == 0 && online.size() > 7 &&
          online.find_first_not_of("0123456789", 7) == std::string::npos) {
        log.cpus_online = static_cast<int64_t>(std::stoul(online.substr(7)));
      }
    } else if (key == "test") {
      TestStep test;
      words >> test.name >> test.result;
      std::getline(words, test.message);
      if (!test.message.empty() && test.message[0] == ' ') test.message.erase(0, 1);
      log.tests.push_back(test);
    } else if (key == "test-summary") {
      log.test_guest = true;
    } else if (key == "crash") {
      log.crash_lines.push_back(line);
    } else if (key == "cost") {
      std::string name, value;
      words >> name >> value;
      if (!value.empty() && value.find_first_not_of("0123456789") == std::string::npos) {
        log.costs.emplace_back(name, std::stoull(value));
      }
    }
  }
  return log;
}

namespace {

// The value of an enum 0..count-1 whose `Name` function gives `name`.
template <typename Enum>
bool FromName(const std::string& name, uint32_t count, const char* (*name_of)(Enum), Enum& value) {
  for (uint32_t i = 0; i < count; ++i) {
    if (name == name_of(static_cast<Enum>(i))) {
      value = static_cast<Enum>(i);
      return true;
    }
  }
  return false;
}

const char* EntryName(bootabi::BootEntry entry) { return bootabi::BootEntryName(entry); }
const char* FirmwareNameOf(bootabi::Firmware firmware) { return bootabi::FirmwareName(firmware); }

}  // namespace

bool BootEntryFromName(const std::string& name, bootabi::BootEntry& entry) {
  return FromName(name, bootabi::kBootEntryCount, EntryName, entry);
}

bool FirmwareFromName(const std::string& name, bootabi::Firmware& firmware) {
  return FromName(name, bootabi::kFirmwareCount, FirmwareNameOf, firmware);
}

uint32_t EnvironmentFromNames(const std::string& entry_name, const std::string& firmware_name) {
  bootabi::BootEntry entry;
  bootabi::Firmware firmware;
  if (!BootEntryFromName(entry_name, entry) || !FirmwareFromName(firmware_name, firmware)) {
    return inittab::kNoEnvironment;
  }
  return inittab::EnvironmentIndex(entry, firmware);
}

std::string EnvironmentName(uint32_t environment) {
  StringSink sink;
  inittab::AppendEnvironmentName(sink, environment);
  return sink.text;
}

namespace {

using Results = std::map<uint32_t, std::string>;  // node -> its result in a trace

// The runner's rules replayed over `trace` (RunPlan's, or RunPerCpuPlan's when `boot` gives
// the boot CPU's results for the dependencies that are not per-CPU).
std::vector<std::string> CompareSteps(const InitTable& table, const std::vector<uint32_t>& order, uint32_t environment,
                                      const std::vector<TraceStep>& trace, const Results* boot) {
  std::vector<std::string> differences;
  const auto& entries = table.entries();
  std::map<uint32_t, std::string> results;             // node -> its result in this trace
  std::map<uint32_t, std::string> finished_levels;     // level -> the entry that finished it
  const size_t steps = std::max(order.size(), trace.size());
  for (size_t i = 0; i < steps; ++i) {
    if (i >= trace.size()) {
      differences.push_back(fmt::format("step {}: the plan has '{}', the boot ended its trace before it", i + 1,
                                        entries[order[i]].name));
      continue;
    }
    const TraceStep& step = trace[i];
    if (i >= order.size()) {
      differences.push_back(fmt::format("step {}: the boot ran '{}', which is not in the plan", i + 1, step.name));
      continue;
    }
    const uint32_t node = order[i];
    const InitTableEntry& planned = entries[node];
    if (step.name != planned.name || step.level != planned.level) {
      differences.push_back(fmt::format("step {}: the plan has '{}' (level {}), the boot has '{}' (level {})", i + 1,
                                        planned.name, planned.level, step.name, step.level));
      continue;
    }
    results[node] = step.result;

    // What the runner's rules give for this step, from what the trace says came before it.
    std::string expected, expected_detail;
    const char* reason = inittab::ExclusionReason(table.nodes()[node], environment);
    const auto finished = finished_levels.find(planned.level);
    std::string blocked_by, blocked_result;
    for (uint32_t dependency : planned.depends) {
      const Results& source =
          boot != nullptr && (entries[dependency].flags & inittab::kPerCpu) == 0 ? *boot : results;
      const auto found = source.find(dependency);
      const std::string result = found == source.end() ? "(not in the trace)" : found->second;
      if (result != "ran") {
        blocked_by = entries[dependency].name;
        blocked_result = result;
        break;
      }
    }
    if (reason != nullptr) {
      expected = "unsupported";
    } else if (finished != finished_levels.end()) {
      expected = "finished";
      expected_detail = "by " + finished->second;
    } else if (!blocked_by.empty()) {
      expected = "skipped";
      expected_detail = fmt::format("depends on {}, which was {}", blocked_by, blocked_result);
    } else if (planned.detect != 0) {
      expected = step.result == "not-detected" ? "not-detected" : "ran";
    } else {
      expected = "ran";
    }
    const bool check_detail = !expected_detail.empty() && !(step.detail.empty() && step.from_summary);
    if (step.result != expected || (check_detail && step.detail != expected_detail)) {
      const std::string want = expected_detail.empty() ? expected : expected + " (" + expected_detail + ")";
      const std::string got = step.detail.empty() ? step.result : step.result + " (" + step.detail + ")";
      differences.push_back(fmt::format("step {}: '{}' {}, the plan for {} gives {}{}", i + 1, step.name, got,
                                        EnvironmentName(environment), want,
                                        expected == "ran" && planned.detect != 0 ? " or not-detected" : ""));
    }
    if (step.result == "ran" && (planned.flags & inittab::kFinishIfDetected) != 0) {
      finished_levels[planned.level] = planned.name;
    }
  }
  return differences;
}

}  // namespace

std::vector<std::string> CompareTraceWithPlan(const InitTable& table, const std::vector<uint32_t>& order,
                                              uint32_t environment, const std::vector<TraceStep>& trace) {
  return CompareSteps(table, order, environment, trace, nullptr);
}

uint32_t PlanHash(const std::vector<uint32_t>& order) {
  uint32_t hash = inittab::kPlanHashSeed;
  for (uint32_t index : order) hash = inittab::PlanHashStep(hash, index);
  return hash;
}

namespace {

// A summary letter's result (inittab::InitResultLetter's inverse).
const std::map<char, std::string> kNames = {
    {'r', "ran"}, {'u', "unsupported"}, {'n', "not-detected"}, {'f', "finished"}, {'s', "skipped"}};

std::vector<std::string> CompareSummary(const InitTable& table, const std::vector<uint32_t>& order, uint32_t environment,
                                        bool has_summary, uint32_t summary_plan, const std::string& summary_results,
                                        const std::vector<TraceStep>& trace, const Results* boot) {
  std::vector<std::string> differences;
  if (!has_summary) {
    differences.push_back("no init-summary line");
    return differences;
  }
  if (summary_plan != PlanHash(order)) {
    differences.push_back(fmt::format("init-summary: plan {:#010x}, the image's plan is {:#010x} (another order or "
                                      "another kernel)",
                                      summary_plan, PlanHash(order)));
    return differences;
  }
  std::vector<TraceStep> rebuilt;
  for (size_t i = 0; i < summary_results.size() && i < order.size(); ++i) {
    const auto name = kNames.find(summary_results[i]);
    const InitTableEntry& entry = table.entries()[order[i]];
    rebuilt.push_back(TraceStep{entry.level, entry.name, name == kNames.end() ? std::string(1, summary_results[i])
                                                                              : name->second, "", true});
  }
  if (summary_results.size() != order.size()) {
    differences.push_back(fmt::format("init-summary: {} results for a plan of {} entries", summary_results.size(),
                                      order.size()));
  }
  if (trace.empty()) {
    const auto replayed = CompareSteps(table, order, environment, rebuilt, boot);
    differences.insert(differences.end(), replayed.begin(), replayed.end());
    return differences;
  }
  for (size_t i = 0; i < rebuilt.size() && i < trace.size(); ++i) {
    if (rebuilt[i].result != trace[i].result) {
      differences.push_back(fmt::format("init-summary: step {} '{}' says {}, the trace says {}", i + 1, rebuilt[i].name,
                                        rebuilt[i].result, trace[i].result));
    }
  }
  return differences;
}

}  // namespace

std::vector<std::string> CompareSummaryWithPlan(const InitTable& table, const std::vector<uint32_t>& order,
                                                uint32_t environment, const BootLog& log) {
  return CompareSummary(table, order, environment, log.has_summary, log.summary_plan, log.summary_results, log.trace,
                        nullptr);
}

std::vector<std::string> CompareCpuTraceWithPlan(const InitTable& table, const std::vector<uint32_t>& order,
                                                 uint32_t environment, const BootLog& boot, uint32_t cpu) {
  std::vector<std::string> differences;
  const auto found = boot.cpus.find(cpu);
  if (found == boot.cpus.end()) {
    differences.push_back(fmt::format("cpu {}: no trace", cpu));
    return differences;
  }
  const CpuTrace& trace = found->second;
  // The boot CPU's results, from its trace or, on a quiet boot, its summary's letters.
  Results boot_results;
  for (size_t i = 0; i < order.size(); ++i) {
    if (i < boot.trace.size()) {
      boot_results[order[i]] = boot.trace[i].result;
    } else if (i < boot.summary_results.size()) {
      const auto name = kNames.find(boot.summary_results[i]);
      if (name != kNames.end()) boot_results[order[i]] = name->second;
    }
  }
  const std::vector<uint32_t> per_cpu = PerCpuOrder(table, order);
  std::vector<std::string> found_differences;
  if (!trace.trace.empty()) found_differences = CompareSteps(table, per_cpu, environment, trace.trace, &boot_results);
  const auto summary = CompareSummary(table, per_cpu, environment, trace.has_summary, trace.summary_plan,
                                      trace.summary_results, trace.trace, &boot_results);
  found_differences.insert(found_differences.end(), summary.begin(), summary.end());
  for (const std::string& difference : found_differences) differences.push_back(fmt::format("cpu {}: {}", cpu, difference));
  return differences;
}

}  // namespace image
