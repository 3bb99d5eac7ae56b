// SPDX-License-Identifier: MIT
// unientry-inspect: reads a built kernel (elfutils libelf), lists its linker tables, decodes
// its init table, runs the init-plan checks and sort (the library the kernel runs at boot) and
// shows the plan of every boot environment. Exit status: 0 valid, 1 invalid plan (every
// problem named on stderr), 2 unreadable image. The build runs it on every kernel it links.
//
// The --json output is documented in docs/inspect-json.md (schema "unientry-inspect/1").
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "image/elf-image.h"
#include "image/init-table.h"
#include "image/plan.h"
#include "image/tables.h"

namespace {

using bootabi::BootEntry;

struct Style {
  bool colour;
  std::string Paint(const std::string& text, const char* code) const {
    return colour ? fmt::format("\033[{}m{}\033[0m", code, text) : text;
  }
};

enum class Action { kRuns, kRunsIfDetected, kExcluded };

Action ActionOf(const image::InitTableEntry& entry, const inittab::PlanNode& node, BootEntry environment) {
  if (inittab::ExclusionReason(node, environment) != nullptr) return Action::kExcluded;
  return entry.detect != 0 ? Action::kRunsIfDetected : Action::kRuns;
}

const char* ActionName(Action action) {
  switch (action) {
    case Action::kRuns: return "runs";
    case Action::kRunsIfDetected: return "runs-if-detected";
    case Action::kExcluded: return "excluded";
  }
  return "?";
}

std::string FlagNames(uint32_t flags) {
  std::string names;
  if ((flags & inittab::kFinishIfDetected) != 0) names = "finish-if-detected";
  if ((flags & ~inittab::kKnownFlags) != 0) names += fmt::format("{}unknown({:#x})", names.empty() ? "" : ",", flags & ~inittab::kKnownFlags);
  return names.empty() ? "-" : names;
}

std::string DependencyNames(const image::InitTable& table, const image::InitTableEntry& entry) {
  std::string names;
  for (uint32_t index : entry.depends) {
    if (!names.empty()) names += ",";
    names += index < table.entries().size() ? table.entries()[index].name : fmt::format("#{}", index);
  }
  return names.empty() ? "-" : names;
}

void PrintTables(const std::vector<image::LinkerTable>& tables) {
  fmt::print("linker tables:\n");
  for (const auto& table : tables) {
    fmt::print("  {:<12} {:>4} bytes x {:<4} at {:#x}\n", table.name, table.entry_size, table.count, table.start);
  }
}

void PrintEntries(const image::InitTable& table) {
  fmt::print("init table ({} entries, table order):\n", table.entries().size());
  fmt::print("  {:<5} {:<22} {:<6} {:<28} {}\n", "LEVEL", "NAME", "DETECT", "DEPENDS ON", "FLAGS");
  for (const auto& entry : table.entries()) {
    fmt::print("  {:<5} {:<22} {:<6} {:<28} {}\n", entry.level, entry.name, entry.detect != 0 ? "yes" : "-",
               DependencyNames(table, entry), FlagNames(entry.flags));
  }
}

// One row per entry in plan order, one column per environment: R runs, D runs if detected,
// x excluded; then every exclusion with its reason.
void PrintDivergence(const image::InitTable& table, const std::vector<uint32_t>& order, const Style& style) {
  fmt::print("divergence (R runs, D runs if detected, x excluded):\n  {:<22}", "");
  for (uint32_t e = 0; e < bootabi::kBootEntryCount; ++e) fmt::print(" {:>10}", bootabi::BootEntryName(static_cast<BootEntry>(e)));
  fmt::print("\n");
  std::vector<std::string> reasons;
  for (uint32_t index : order) {
    const auto& entry = table.entries()[index];
    fmt::print("  {:<22}", entry.name);
    for (uint32_t e = 0; e < bootabi::kBootEntryCount; ++e) {
      const auto environment = static_cast<BootEntry>(e);
      const Action action = ActionOf(entry, table.nodes()[index], environment);
      const std::string cell = fmt::format("{:>10}", action == Action::kRuns ? "R" : action == Action::kRunsIfDetected ? "D" : "x");
      fmt::print(" {}", style.Paint(cell, action == Action::kExcluded ? "31" : action == Action::kRuns ? "32" : "33"));
      if (action == Action::kExcluded) {
        reasons.push_back(fmt::format("  {} on {}: {}", entry.name, bootabi::BootEntryName(environment),
                                      inittab::ExclusionReason(table.nodes()[index], environment)));
      }
    }
    fmt::print("\n");
  }
  fmt::print("exclusions ({}):\n", reasons.size());
  for (const auto& reason : reasons) fmt::print("{}\n", reason);
}

void PrintPlans(const image::InitTable& table, const std::vector<uint32_t>& order, const Style& style) {
  for (uint32_t e = 0; e < bootabi::kBootEntryCount; ++e) {
    const auto environment = static_cast<BootEntry>(e);
    fmt::print("plan for {}:\n", bootabi::BootEntryName(environment));
    for (uint32_t index : order) {
      const auto& entry = table.entries()[index];
      const Action action = ActionOf(entry, table.nodes()[index], environment);
      std::string text = ActionName(action);
      if (action == Action::kExcluded) text += fmt::format(": {}", inittab::ExclusionReason(table.nodes()[index], environment));
      fmt::print("  {:5} {:<22} {}\n", entry.level, entry.name,
                 style.Paint(text, action == Action::kExcluded ? "31" : action == Action::kRuns ? "32" : "33"));
    }
  }
}

nlohmann::ordered_json ToJson(const std::string& path, const std::vector<image::LinkerTable>& tables,
                      const image::InitTable& table, const image::PlanResult& plan) {
  nlohmann::ordered_json json;
  json["schema"] = "unientry-inspect/1";
  json["image"] = path;
  for (const auto& t : tables) {
    json["tables"].push_back({{"name", t.name}, {"entry_size", t.entry_size}, {"count", t.count}, {"start", t.start}});
  }
  json["init"]["valid"] = plan.errors.empty();
  json["init"]["errors"] = plan.errors;
  json["init"]["entries"] = nlohmann::ordered_json::array();
  for (size_t index = 0; index < table.entries().size(); ++index) {
    const auto& entry = table.entries()[index];
    nlohmann::ordered_json item{{"name", entry.name}, {"level", entry.level}, {"detect", entry.detect != 0},
                        {"flags", nlohmann::ordered_json::array()}, {"depends", nlohmann::ordered_json::array()},
                        {"exclusions", nlohmann::ordered_json::array()}, {"supported", nlohmann::ordered_json::array()}};
    if ((entry.flags & inittab::kFinishIfDetected) != 0) item["flags"].push_back("finish-if-detected");
    for (uint32_t dependency : entry.depends) {
      item["depends"].push_back(dependency < table.entries().size() ? table.entries()[dependency].name : "");
    }
    for (size_t i = 0; i < entry.exclusions.size(); ++i) {
      const auto environment = static_cast<uint32_t>(entry.exclusions[i].environment);
      item["exclusions"].push_back(
          {{"environment", environment < bootabi::kBootEntryCount ? bootabi::BootEntryName(entry.exclusions[i].environment) : "unknown"},
           {"reason", entry.exclusion_reasons[i]}});
    }
    const auto mask = inittab::SupportMask(table.nodes()[index]);
    for (uint32_t e = 0; e < bootabi::kBootEntryCount; ++e) {
      if ((mask & (1u << e)) != 0) item["supported"].push_back(bootabi::BootEntryName(static_cast<BootEntry>(e)));
    }
    json["init"]["entries"].push_back(item);
  }
  json["init"]["plans"] = nlohmann::ordered_json::object();
  for (uint32_t e = 0; e < bootabi::kBootEntryCount && plan.errors.empty(); ++e) {
    const auto environment = static_cast<BootEntry>(e);
    auto& steps = json["init"]["plans"][bootabi::BootEntryName(environment)];
    steps = nlohmann::ordered_json::array();
    for (uint32_t index : plan.order) {
      const auto& entry = table.entries()[index];
      const Action action = ActionOf(entry, table.nodes()[index], environment);
      nlohmann::ordered_json step{{"name", entry.name}, {"level", entry.level}, {"action", ActionName(action)}};
      if (action == Action::kExcluded) step["reason"] = inittab::ExclusionReason(table.nodes()[index], environment);
      steps.push_back(step);
    }
  }
  return json;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Inspects a built unientry kernel: linker tables, init table, init plans"};
  std::string kernel;
  bool show_tables = false, show_entries = false, show_divergence = false, show_plans = false, json = false;
  bool all = false;
  std::string colour = "auto";
  app.add_option("kernel", kernel, "kernel ELF file")->required();
  app.add_flag("--tables", show_tables, "list the linker tables");
  app.add_flag("--entries", show_entries, "decode the init table");
  app.add_flag("--divergence", show_divergence, "one row per init entry, one column per boot environment");
  app.add_flag("--plan", show_plans, "the ordered init plan of every boot environment");
  app.add_flag("--all", all, "all of the above");
  app.add_flag("--json", json, "everything as JSON (schema unientry-inspect/1, docs/inspect-json.md)");
  app.add_option("--colour", colour, "auto (on a terminal), always or never")->check(CLI::IsMember({"auto", "always", "never"}));
  CLI11_PARSE(app, argc, argv);
  const Style style{colour == "always" || (colour == "auto" && isatty(STDOUT_FILENO) == 1)};

  try {
    const image::ElfImage elf = image::ElfImage::Open(kernel);
    const std::vector<image::LinkerTable> tables = image::ListLinkerTables(elf);
    const image::InitTable table = image::InitTable::Read(elf);
    const image::PlanResult plan = image::CheckAndOrder(table);
    if (json) {
      fmt::print("{}\n", ToJson(kernel, tables, table, plan).dump());  // one line: for machines
      return plan.errors.empty() ? 0 : 1;
    }
    if (!plan.errors.empty()) {
      for (const std::string& error : plan.errors) fmt::print(stderr, "{}: error: {}\n", kernel, error);
      fmt::print(stderr, "{}: init plan invalid ({} problem{})\n", kernel, plan.errors.size(),
                 plan.errors.size() == 1 ? "" : "s");
      return 1;
    }
    if (all || show_tables) PrintTables(tables);
    if (all || show_entries) PrintEntries(table);
    if (all || show_divergence) PrintDivergence(table, plan.order, style);
    if (all || show_plans) PrintPlans(table, plan.order, style);
    fmt::print("{}: init plan valid: {} entries, {} boot environments\n", kernel, table.entries().size(),
               bootabi::kBootEntryCount);
    return 0;
  } catch (const image::ImageError& error) {
    fmt::print(stderr, "error: {}\n", error.what());
    return 2;
  }
}
