// SPDX-License-Identifier: MIT
#include "image/trace.h"

#include <sstream>

#include <fmt/format.h>

namespace image {
namespace {

const std::string kPrefix = "unientry: ";

bool Starts(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

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
    } else if (key == "status") {
      words >> log.status;
      std::getline(words, log.status_message);
      if (!log.status_message.empty() && log.status_message[0] == ' ') log.status_message.erase(0, 1);
    } else if (key == "init") {
      TraceStep step{};
      std::string level;
      words >> level >> step.name >> step.result;
      if (level.empty() || level.find_first_not_of("0123456789") != std::string::npos || step.result.empty()) continue;
      step.level = static_cast<uint32_t>(std::stoul(level));
      std::getline(words, step.detail);
      if (!step.detail.empty() && step.detail[0] == ' ') step.detail.erase(0, 1);
      log.trace.push_back(step);
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

bool BootEntryFromName(const std::string& name, bootabi::BootEntry& entry) {
  for (uint32_t e = 0; e < bootabi::kBootEntryCount; ++e) {
    if (name == bootabi::BootEntryName(static_cast<bootabi::BootEntry>(e))) {
      entry = static_cast<bootabi::BootEntry>(e);
      return true;
    }
  }
  return false;
}

std::vector<std::string> CompareTraceWithPlan(const InitTable& table, const std::vector<uint32_t>& order,
                                              bootabi::BootEntry environment, const std::vector<TraceStep>& trace) {
  std::vector<std::string> differences;
  const size_t steps = std::max(order.size(), trace.size());
  for (size_t i = 0; i < steps; ++i) {
    if (i >= trace.size()) {
      differences.push_back(fmt::format("step {}: the plan has '{}', the boot ended its trace before it", i + 1,
                                        table.entries()[order[i]].name));
      continue;
    }
    const TraceStep& step = trace[i];
    if (i >= order.size()) {
      differences.push_back(fmt::format("step {}: the boot ran '{}', which is not in the plan", i + 1, step.name));
      continue;
    }
    const InitTableEntry& planned = table.entries()[order[i]];
    if (step.name != planned.name || step.level != planned.level) {
      differences.push_back(fmt::format("step {}: the plan has '{}' (level {}), the boot has '{}' (level {})", i + 1,
                                        planned.name, planned.level, step.name, step.level));
      continue;
    }
    const char* reason = inittab::ExclusionReason(table.nodes()[order[i]], environment);
    std::string allowed;
    if (reason != nullptr) {
      if (step.result != "unsupported") allowed = "unsupported (excluded)";
    } else if (step.result == "unsupported") {
      allowed = planned.detect != 0 ? "ran or not-detected" : "ran";
    } else if (step.result == "not-detected" && planned.detect == 0) {
      allowed = "ran (it has no detect hook)";
    } else if (step.result != "ran" && step.result != "not-detected" && step.result != "finished") {
      allowed = "ran, not-detected or finished";
    }
    if (!allowed.empty()) {
      differences.push_back(fmt::format("step {}: '{}' {}, the plan for {} allows {}", i + 1, step.name, step.result,
                                        bootabi::BootEntryName(environment), allowed));
    }
  }
  return differences;
}

}  // namespace image
