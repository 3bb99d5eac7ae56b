// SPDX-License-Identifier: MIT
// unientry-inspect: reads a built kernel (elfutils libelf), lists its linker tables, decodes
// its init table, runs the init-plan checks and sort (the library the kernel runs at boot) and
// shows the plan of every boot environment. Exit status: 0 valid, 1 invalid plan (every
// problem named on stderr), 2 unreadable image. The build runs it on every kernel it links.
//
// The --json output is documented in docs/inspect-json.md (schema "unientry-inspect/2").
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "image/elf-image.h"
#include "image/init-table.h"
#include "image/plan.h"
#include "image/relocations.h"
#include "image/seal.h"
#include "image/symbolizer.h"
#include "image/tables.h"
#include "image/trace.h"
#include "matrix/rows.h"

namespace {

using bootabi::BootEntry;

struct Style {
  bool colour;
  std::string Paint(const std::string& text, const char* code) const {
    return colour ? fmt::format("\033[{}m{}\033[0m", code, text) : text;
  }
};

const char* ActionLetter(image::StepAction action) {
  switch (action) {
    case image::StepAction::kRuns: return "R";
    case image::StepAction::kConditional: return "D";
    case image::StepAction::kExcluded: return "x";
  }
  return "?";
}

const char* ActionColour(image::StepAction action) {
  return action == image::StepAction::kExcluded ? "31" : action == image::StepAction::kRuns ? "32" : "33";
}

std::string StepText(const image::PlannedStep& step) {
  switch (step.action) {
    case image::StepAction::kRuns: return "runs";
    case image::StepAction::kExcluded: return "excluded: " + step.reason;
    case image::StepAction::kConditional: break;
  }
  std::string text = "runs if";
  for (size_t i = 0; i < step.conditions.size(); ++i) text += (i == 0 ? " " : ", ") + step.conditions[i];
  return text;
}

std::string FlagNames(uint32_t flags) {
  std::string names;
  if ((flags & inittab::kFinishIfDetected) != 0) names = "finish-if-detected";
  if ((flags & inittab::kPerCpu) != 0) names += names.empty() ? "per-cpu" : ",per-cpu";
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

// One row per entry in plan order, one column per environment: R runs, D runs if its
// conditions hold, x excluded; then every exclusion with its reason.
void PrintDivergence(const image::InitTable& table, const std::vector<uint32_t>& order,
                     const std::vector<uint32_t>& environments, const Style& style) {
  constexpr int kWidth = 10;  // "multiboot1"
  fmt::print("divergence (R runs, D runs if detected and its dependencies ran, x excluded):\n");
  fmt::print("  {:<22}", "");
  for (uint32_t e : environments) fmt::print(" {:>{}}", bootabi::BootEntryName(inittab::kEnvironments[e].entry), kWidth);
  fmt::print("\n  {:<22}", "");
  for (uint32_t e : environments) fmt::print(" {:>{}}", bootabi::FirmwareName(inittab::kEnvironments[e].firmware), kWidth);
  fmt::print("\n");
  std::vector<std::vector<image::PlannedStep>> plans;
  for (uint32_t e : environments) plans.push_back(image::PlanFor(table, order, e));
  std::vector<std::string> reasons;
  for (size_t position = 0; position < order.size(); ++position) {
    fmt::print("  {:<22}", table.entries()[order[position]].name);
    for (size_t column = 0; column < environments.size(); ++column) {
      const image::PlannedStep& step = plans[column][position];
      fmt::print(" {}", style.Paint(fmt::format("{:>{}}", ActionLetter(step.action), kWidth), ActionColour(step.action)));
      if (step.action == image::StepAction::kExcluded) {
        reasons.push_back(fmt::format("  {} on {}: {}", table.entries()[step.node].name,
                                      image::EnvironmentName(environments[column]), step.reason));
      }
    }
    fmt::print("\n");
  }
  fmt::print("exclusions ({}):\n", reasons.size());
  for (const auto& reason : reasons) fmt::print("{}\n", reason);
}

void PrintPlans(const image::InitTable& table, const std::vector<uint32_t>& order,
                const std::vector<uint32_t>& environments, const Style& style) {
  for (uint32_t environment : environments) {
    fmt::print("plan for {}:\n", image::EnvironmentName(environment));
    for (const image::PlannedStep& step : image::PlanFor(table, order, environment)) {
      const auto& entry = table.entries()[step.node];
      fmt::print("  {:5} {:<22} {}\n", entry.level, entry.name, style.Paint(StepText(step), ActionColour(step.action)));
    }
    fmt::print("  then on each application processor, as it starts:\n");
    for (const image::PlannedStep& step : image::PerCpuPlanFor(table, order, environment)) {
      const auto& entry = table.entries()[step.node];
      fmt::print("  {:5} {:<22} {}\n", entry.level, entry.name, style.Paint(StepText(step), ActionColour(step.action)));
    }
  }
}

std::string ExcludedEntryName(const inittab::Exclusion& exclusion) {
  if (exclusion.entry == inittab::kAnyEntry) return "*";
  return exclusion.entry < bootabi::kBootEntryCount ? bootabi::BootEntryName(static_cast<BootEntry>(exclusion.entry))
                                                    : fmt::format("unknown({})", exclusion.entry);
}

std::string ExcludedFirmwareName(const inittab::Exclusion& exclusion) {
  if (exclusion.firmware == inittab::kAnyFirmware) return "*";
  return exclusion.firmware < bootabi::kFirmwareCount
             ? bootabi::FirmwareName(static_cast<bootabi::Firmware>(exclusion.firmware))
             : fmt::format("unknown({})", exclusion.firmware);
}

// The environments a rows file (tests/boot/matrix.tsv) boots, in the order they first appear.
std::vector<uint32_t> EnvironmentsOfRows(const std::string& path) {
  std::vector<uint32_t> environments;
  for (const matrix::Row& row : matrix::ReadRows(path)) {
    const uint32_t environment = image::EnvironmentFromNames(row.entry, row.firmware);
    if (std::find(environments.begin(), environments.end(), environment) == environments.end()) {
      environments.push_back(environment);
    }
  }
  return environments;
}

// The kernel's memory: the image from its load address to the end of the boot stack. Every
// byte needs RAM, and no boot data may lie there (the stubs refuse it); this is the least RAM
// the kernel needs above where it is loaded.
struct KernelMemory {
  uint64_t start, file_end, end;
};

std::optional<KernelMemory> KernelMemoryOf(const image::ElfImage& elf) {
  const auto start = elf.FindSymbol("__kernel_start");
  const auto file_end = elf.FindSymbol("__data_end");
  const auto end = elf.FindSymbol("__kernel_end");
  if (!start || !file_end || !end || end->value < start->value) return std::nullopt;
  return KernelMemory{start->value, file_end->value, end->value};
}

void PrintKernelMemory(const std::string& kernel, const image::ElfImage& elf) {
  const auto memory = KernelMemoryOf(elf);
  if (!memory) return;
  fmt::print("{}: kernel memory {:#x}-{:#x} at its link address: {} KiB of RAM where it is loaded ({} KiB from the "
             "file, the rest .bss, handoff area, scratch and boot stack), with no boot data in it\n",
             kernel, memory->start, memory->end - 1, (memory->end - memory->start + 1023) / 1024,
             (memory->file_end - memory->start + 1023) / 1024);
}

nlohmann::ordered_json ToJson(const std::string& path, const image::ElfImage& elf,
                              const std::vector<image::LinkerTable>& tables, const image::InitTable& table,
                              const image::PlanResult& plan) {
  nlohmann::ordered_json json;
  json["schema"] = "unientry-inspect/2";
  json["image"] = path;
  if (const auto memory = KernelMemoryOf(elf)) {
    json["memory"] = {{"start", memory->start}, {"file_end", memory->file_end}, {"end", memory->end}};
  }
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
    if ((entry.flags & inittab::kPerCpu) != 0) item["flags"].push_back("per-cpu");
    for (uint32_t dependency : entry.depends) {
      item["depends"].push_back(dependency < table.entries().size() ? table.entries()[dependency].name : "");
    }
    for (size_t i = 0; i < entry.exclusions.size(); ++i) {
      const inittab::Exclusion& exclusion = entry.exclusions[i];
      item["exclusions"].push_back({{"entry", ExcludedEntryName(exclusion)},
                                    {"firmware", ExcludedFirmwareName(exclusion)},
                                    {"reason", entry.exclusion_reasons[i]}});
    }
    const auto mask = inittab::SupportMask(table.nodes()[index]);
    for (uint32_t e = 0; e < inittab::kEnvironmentCount; ++e) {
      if ((mask & (1u << e)) != 0) item["supported"].push_back(image::EnvironmentName(e));
    }
    json["init"]["entries"].push_back(item);
  }
  auto add_plans = [&](const char* key, auto plan_for) {
    json["init"][key] = nlohmann::ordered_json::object();
    for (uint32_t e = 0; e < inittab::kEnvironmentCount && plan.errors.empty(); ++e) {
      auto& steps = json["init"][key][image::EnvironmentName(e)];
      steps = nlohmann::ordered_json::array();
      for (const image::PlannedStep& planned : plan_for(table, plan.order, e)) {
        const auto& entry = table.entries()[planned.node];
        nlohmann::ordered_json step{{"name", entry.name}, {"level", entry.level}, {"action", image::StepActionName(planned.action)}};
        if (planned.action == image::StepAction::kExcluded) step["reason"] = planned.reason;
        if (planned.action == image::StepAction::kConditional) step["conditions"] = planned.conditions;
        steps.push_back(step);
      }
    }
  };
  add_plans("plans", image::PlanFor);
  add_plans("per_cpu_plans", image::PerCpuPlanFor);
  return json;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Inspects a built unientry kernel: linker tables, init table, init plans"};
  std::string kernel;
  bool show_tables = false, show_entries = false, show_divergence = false, show_plans = false, json = false;
  bool all = false;
  std::string colour = "auto", rows, seal, crash_log;
  std::vector<std::string> addresses;
  app.add_option("kernel", kernel, "kernel ELF file")->required();
  app.add_option("--seal", seal, "when the plan is valid, write the image with its run order sealed in here "
                                 "(the kernel then confirms it at boot instead of checking again)");
  app.add_option("--symbolize", addresses, "print function and source line of these addresses (0x...)");
  app.add_option("--crash-log", crash_log, "print the crash report of this serial log with its rip symbolized");
  app.add_option("--rows", rows, "show the environments this boot matrix boots (tests/boot/matrix.tsv), "
                                 "not every one the init table knows");
  app.add_flag("--tables", show_tables, "list the linker tables");
  app.add_flag("--entries", show_entries, "decode the init table");
  app.add_flag("--divergence", show_divergence, "one row per init entry, one column per boot environment");
  app.add_flag("--plan", show_plans, "the ordered init plan of every boot environment");
  app.add_flag("--all", all, "all of the above");
  app.add_flag("--json", json, "everything as JSON (schema unientry-inspect/2, docs/inspect-json.md)");
  app.add_option("--colour", colour, "auto (on a terminal), always or never")->check(CLI::IsMember({"auto", "always", "never"}));
  CLI11_PARSE(app, argc, argv);
  const Style style{colour == "always" || (colour == "auto" && isatty(STDOUT_FILENO) == 1)};

  if (!addresses.empty() || !crash_log.empty()) {
    const image::Symbolizer symbolizer(kernel);
    for (const std::string& text : addresses) {
      uint64_t address = 0;
      try {
        address = std::stoull(text, nullptr, 0);
      } catch (const std::exception&) {
        fmt::print(stderr, "error: --symbolize {}: expected an address\n", text);
        return 2;
      }
      const std::string where = symbolizer.Describe(address);
      fmt::print("{:#x} {}\n", address, where.empty() ? "(no symbol)" : where);
    }
    if (!crash_log.empty()) {
      std::ifstream file(crash_log);
      if (!file) {
        fmt::print(stderr, "error: {}: cannot open\n", crash_log);
        return 2;
      }
      std::stringstream text;
      text << file.rdbuf();
      const image::BootLog log = image::ParseBootLog(text.str());
      if (log.crash_lines.empty()) fmt::print("{}: no crash report\n", crash_log);
      for (const auto& line : log.crash_lines) {
        fmt::print("{}\n", line);
        const std::string where = image::SymbolizeCrashLine(symbolizer, line);
        if (!where.empty()) fmt::print("  {}\n", where);
      }
    }
    return 0;
  }

  std::vector<uint32_t> environments;
  try {
    if (!rows.empty()) environments = EnvironmentsOfRows(rows);
  } catch (const std::runtime_error& error) {
    fmt::print(stderr, "error: {}\n", error.what());
    return 2;
  }
  if (rows.empty()) {
    for (uint32_t e = 0; e < inittab::kEnvironmentCount; ++e) environments.push_back(e);
  }

  try {
    const image::ElfImage elf = image::ElfImage::Open(kernel);
    const std::vector<image::LinkerTable> tables = image::ListLinkerTables(elf);
    const image::InitTable table = image::InitTable::Read(elf);
    image::PlanResult plan = image::CheckAndOrder(table);
    // Entries the objects declared against those the tables hold: what the link lost.
    std::vector<std::pair<std::string, uint32_t>> init_entries;
    for (const auto& entry : table.entries()) init_entries.emplace_back(entry.name, entry.level);
    const auto lost = image::CheckDeclaredEntries(elf, tables, image::ReadDeclaredEntries(elf), init_entries);
    plan.errors.insert(plan.errors.begin(), lost.begin(), lost.end());
    if (!lost.empty()) plan.order.clear();
    // What the boot code relocates where a loader put the image elsewhere.
    const image::SelfRelocations relocations = image::CheckSelfRelocations(elf);
    plan.errors.insert(plan.errors.begin(), relocations.errors.begin(), relocations.errors.end());
    if (!relocations.errors.empty()) plan.order.clear();
    // A sealed image must carry the order this check derives.
    bool sealed = false;
    const std::vector<uint32_t> sealed_order = image::ReadSealedOrder(elf, sealed);
    if (sealed && plan.errors.empty() && sealed_order != plan.order) {
      plan.errors.push_back("the image's sealed plan is not the plan its table gives (sealed by another build?)");
      plan.order.clear();
    }
    if (!seal.empty() && plan.errors.empty()) {
      const std::vector<uint8_t> bytes = image::SealedImage(elf, plan.order);
      const std::string temporary = seal + ".tmp";
      std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
      out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
      out.close();
      if (!out || std::rename(temporary.c_str(), seal.c_str()) != 0) {
        fmt::print(stderr, "error: cannot write {}\n", seal);
        return 2;
      }
    }
    if (json) {
      fmt::print("{}\n", ToJson(kernel, elf, tables, table, plan).dump());  // one line: for machines
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
    if (all || show_divergence) PrintDivergence(table, plan.order, environments, style);
    if (all || show_plans) PrintPlans(table, plan.order, environments, style);
    PrintKernelMemory(kernel, elf);
    fmt::print("{}: init plan valid: {} entries, {} boot environments\n", kernel, table.entries().size(),
               inittab::kEnvironmentCount);
    return 0;
  } catch (const image::ImageError& error) {
    fmt::print(stderr, "error: {}\n", error.what());
    return 2;
  }
}
