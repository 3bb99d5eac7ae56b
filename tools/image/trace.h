// SPDX-License-Identifier: MIT
// A boot's init trace, read from its serial log (docs/serial-format.md), and its comparison
// with the plan the inspector derives from the same image for the same boot environment.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "image/init-table.h"

namespace image {

struct TraceStep {
  uint32_t level;
  std::string name;
  std::string result;  // ran, unsupported, not-detected, finished
  std::string detail;  // the rest of the line (a reason, "by NAME")
};

struct BootLog {
  std::string entry;   // from "unientry: entry NAME"
  std::string status;  // ok, fail, panic, crash; "" when the kernel printed none
  std::string status_message;
  std::vector<TraceStep> trace;
  std::vector<std::string> crash_lines;  // "unientry: crash ..." lines, as printed
  std::vector<std::pair<std::string, uint64_t>> costs;  // "unientry: cost NAME TSC" in order
};

BootLog ParseBootLog(const std::string& text);

/// The differences between a boot's trace and the plan for `environment`: a missing or extra
/// entry, another order, or a result the plan does not allow (ran or not-detected where the
/// entry is excluded, unsupported where it is not, not-detected for an entry without a detect
/// hook). Empty when the boot did what the plan says.
std::vector<std::string> CompareTraceWithPlan(const InitTable& table, const std::vector<uint32_t>& order,
                                              bootabi::BootEntry environment, const std::vector<TraceStep>& trace);

/// The boot entry for a name the kernel prints ("pvh", "xen-pv", ...); false when unknown.
bool BootEntryFromName(const std::string& name, bootabi::BootEntry& entry);

}  // namespace image
