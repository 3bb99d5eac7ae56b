// SPDX-License-Identifier: MIT
// unientry-initcheck: the build-time gate. Reads a linked kernel, runs the init-plan checks
// and sort (the same library the kernel runs at boot) and fails with a message naming the
// entries when the plan is invalid. With --plan, prints the plan of every boot environment.
#include <cstdio>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "image/elf-image.h"
#include "image/init-table.h"
#include "image/plan.h"

namespace {

void PrintPlan(const image::InitTable& table, const std::vector<uint32_t>& order) {
  const auto& entries = table.entries();
  const auto& nodes = table.nodes();
  for (uint32_t environment = 0; environment < bootabi::kBootEntryCount; ++environment) {
    const auto boot_entry = static_cast<bootabi::BootEntry>(environment);
    fmt::print("environment {}\n", bootabi::BootEntryName(boot_entry));
    for (uint32_t index : order) {
      const char* reason = inittab::ExclusionReason(nodes[index], boot_entry);
      std::string action = reason != nullptr        ? fmt::format("excluded: {}", reason)
                           : entries[index].detect ? "runs if detected"
                                                    : "runs";
      fmt::print("  {:5} {:24} {}\n", entries[index].level, entries[index].name, action);
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Checks the init plan of a built unientry kernel"};
  std::string kernel;
  bool print_plan = false;
  app.add_option("kernel", kernel, "kernel ELF file")->required();
  app.add_flag("--plan", print_plan, "print the ordered plan of every boot environment");
  CLI11_PARSE(app, argc, argv);

  try {
    const image::ElfImage elf = image::ElfImage::Open(kernel);
    const image::InitTable table = image::InitTable::Read(elf);
    const image::PlanResult plan = image::CheckAndOrder(table);
    if (!plan.errors.empty()) {
      for (const std::string& error : plan.errors) fmt::print(stderr, "{}: error: {}\n", kernel, error);
      fmt::print(stderr, "{}: init plan invalid ({} problem{})\n", kernel, plan.errors.size(),
                 plan.errors.size() == 1 ? "" : "s");
      return 1;
    }
    if (print_plan) {
      PrintPlan(table, plan.order);
    } else {
      fmt::print("{}: init plan valid: {} entries, {} boot environments\n", kernel,
                 table.entries().size(), bootabi::kBootEntryCount);
    }
    return 0;
  } catch (const image::ImageError& error) {
    fmt::print(stderr, "error: {}\n", error.what());
    return 2;
  }
}
