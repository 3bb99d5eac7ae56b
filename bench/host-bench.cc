// SPDX-License-Identifier: MIT
// Host-side speed of the code every boot runs: the PVH converter with a QEMU-sized input, the
// E820 sanitiser at full table size, and the init plan check and sort.
#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <vector>

#include "abi/hvm-start-info.h"
#include "bootinfo/pvh.h"
#include "inittab/plan.h"
#include "support/fake-memory.h"

namespace {

void BM_ConvertPvhQ35(benchmark::State& state) {
  testing_support::FakeMemory memory;
  const std::vector<bootabi::hvm_memmap_table_entry> map = {
      {0, 0x9fc00, 1, 0},          {0x9fc00, 0x400, 2, 0},        {0xf0000, 0x10000, 2, 0},
      {0x100000, 0x7ee0000, 1, 0}, {0x7fe0000, 0x20000, 2, 0},    {0xb0000000, 0x10000000, 2, 0},
      {0xfed1c000, 0x4000, 2, 0},  {0xfffc0000, 0x40000, 2, 0},   {0xfd00000000, 0x300000000, 2, 0}};
  bootabi::hvm_start_info info{};
  info.magic = bootabi::kHvmStartMagic;
  info.version = 1;
  info.cmdline_paddr = memory.PlaceString("console=ttyS0 unientry.note=\"two words\" last");
  info.memmap_paddr = memory.PlaceArray(map);
  info.memmap_entries = static_cast<uint32_t>(map.size());
  const uint64_t address = memory.Place(info);
  auto params = std::make_unique<bootabi::boot_params>();
  auto descriptor = std::make_unique<bootabi::boot_descriptor>();
  auto command_line = std::make_unique<char[]>(bootabi::kCommandLineSize);
  auto scratch = std::make_unique<bootinfo::E820Scratch>();
  const bootinfo::Handoff handoff{params.get(), descriptor.get(), command_line.get(),
                                  bootabi::kCommandLineSize, 0x5000, 0x6000};
  for (auto _ : state) {
    auto result = bootinfo::ConvertPvh(memory.View(), address, handoff, *scratch);
    benchmark::DoNotOptimize(result);
  }
}
BENCHMARK(BM_ConvertPvhQ35);

void BM_SanitizeE820(benchmark::State& state) {
  const auto count = static_cast<uint32_t>(state.range(0));
  std::vector<bootabi::boot_e820_entry> input;
  for (uint32_t i = 0; i < count; ++i) input.push_back({(count - i) * 0x3000ull, 0x2000, 1 + i % 3});
  auto scratch = std::make_unique<bootinfo::E820Scratch>();
  std::vector<bootabi::boot_e820_entry> work;
  for (auto _ : state) {
    work = input;
    benchmark::DoNotOptimize(bootinfo::SanitizeE820(work.data(), count, count, *scratch));
  }
}
BENCHMARK(BM_SanitizeE820)->Arg(9)->Arg(128);

void BM_PlanCheckAndSort(benchmark::State& state) {
  const auto count = static_cast<uint32_t>(state.range(0));
  std::vector<std::string> names;
  std::vector<uint32_t> dependencies(count);
  std::vector<inittab::PlanNode> nodes(count);
  for (uint32_t i = 0; i < count; ++i) names.push_back("entry-" + std::to_string(i));
  for (uint32_t i = 0; i < count; ++i) {
    dependencies[i] = i == 0 ? 0 : i - 1;  // a chain, listed in reverse: the worst case
    nodes[count - 1 - i] = inittab::PlanNode{.name = names[i].c_str(), .level = 50000, .has_run = true,
                                             .depends = &dependencies[i], .depend_count = i == 0 ? 0u : 1u};
  }
  for (uint32_t i = 0; i < count; ++i) {
    if (nodes[count - 1 - i].depend_count != 0) dependencies[i] = count - i;  // index of entry i-1
  }
  std::vector<inittab::PlanError> errors(8);
  std::vector<uint32_t> order(count), remaining(count);
  std::unique_ptr<bool[]> placed(new bool[count]);
  inittab::PlanError cycle;
  for (auto _ : state) {
    benchmark::DoNotOptimize(inittab::CheckNodes(nodes.data(), count, errors.data(), 8));
    benchmark::DoNotOptimize(
        inittab::SortNodes(nodes.data(), count, order.data(), {remaining.data(), placed.get()}, &cycle));
  }
}
BENCHMARK(BM_PlanCheckAndSort)->Arg(16)->Arg(128);

}  // namespace
