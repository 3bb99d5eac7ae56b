// SPDX-License-Identifier: MIT
// Host-side speed of the code every boot runs: the PVH converter with a QEMU-sized input, the
// E820 sanitiser at full table size, the init plan check and sort, and the frame allocator
// (its setup over a firmware-sized map, and allocate/free pairs).
#include <benchmark/benchmark.h>

#include <memory>
#include <random>
#include <string>
#include <vector>

#include "abi/hvm-start-info.h"
#include "bootinfo/pvh.h"
#include "acpi/madt.h"
#include "acpi/tables.h"
#include "frames/frame-allocator.h"
#include "support/acpi-builder.h"
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
BENCHMARK(BM_SanitizeE820)->Arg(9)->Arg(128)->Arg(512);

// An init table of `count` entries over the four init levels, as the kernel would have it.
struct BenchTable {
  std::vector<std::string> names;
  std::vector<std::vector<uint32_t>> dependencies;
  std::vector<inittab::PlanNode> nodes;
  std::vector<uint32_t> indices;  // every dependency list in one array, as the kernel keeps them

  std::vector<char> strings;      // every name in one array, as .rodata holds them

  void Finish() {
    const auto count = static_cast<uint32_t>(names.size());
    for (const auto& list : dependencies) indices.insert(indices.end(), list.begin(), list.end());
    std::vector<size_t> offsets;
    for (const auto& name : names) {
      offsets.push_back(strings.size());
      strings.insert(strings.end(), name.begin(), name.end());
      strings.push_back('\0');
    }
    uint32_t used = 0;
    for (uint32_t i = 0; i < count; ++i) {
      nodes[i].name = strings.data() + offsets[i];
      nodes[i].has_run = true;
      nodes[i].depends = indices.data() + used;
      nodes[i].depend_count = static_cast<uint32_t>(dependencies[i].size());
      used += nodes[i].depend_count;
    }
  }
};

// A chain in one level, listed in reverse (each entry depends on the one after it): every
// placement makes exactly one more entry ready, the worst case for a scan-based sort.
BenchTable Chain(uint32_t count) {
  BenchTable table{std::vector<std::string>(count), std::vector<std::vector<uint32_t>>(count),
                   std::vector<inittab::PlanNode>(count), {}, {}};
  for (uint32_t i = 0; i < count; ++i) {
    table.names[i] = "chain-" + std::to_string(i);
    table.nodes[i].level = INIT_LEVEL_NORMAL;
    if (i + 1 < count) table.dependencies[i] = {i + 1};
  }
  table.Finish();
  return table;
}

// A random DAG over the four levels: each entry depends on up to four entries of the same or an
// earlier level placed before it in a random rank order (so no cycle), about 2.5 per entry.
BenchTable RandomDag(uint32_t count) {
  std::mt19937 random(count);
  const uint32_t levels[] = {INIT_LEVEL_EARLY, INIT_LEVEL_PLATFORM, INIT_LEVEL_NORMAL, INIT_LEVEL_LATE};
  BenchTable table{std::vector<std::string>(count), std::vector<std::vector<uint32_t>>(count),
                   std::vector<inittab::PlanNode>(count), {}, {}};
  std::vector<uint32_t> rank(count);
  for (uint32_t i = 0; i < count; ++i) {
    table.names[i] = "entry-" + std::to_string(random());  // unordered names, as a real table has
    table.nodes[i].level = levels[random() % 4];
    rank[i] = random();
  }
  for (uint32_t i = 0; i < count; ++i) {
    for (int tries = 0; tries < 5; ++tries) {
      const uint32_t other = random() % count;
      if (other != i && rank[other] < rank[i] && table.nodes[other].level <= table.nodes[i].level) {
        table.dependencies[i].push_back(other);
      }
    }
  }
  table.Finish();
  return table;
}

// The checks and the sort the kernel runs at boot and unientry-inspect at build time.
void CheckAndSort(benchmark::State& state, const BenchTable& table) {
  const auto count = static_cast<uint32_t>(table.nodes.size());
  std::vector<uint32_t> words(inittab::PlanScratchWords(count, inittab::CountDependencies(table.nodes.data(), count)));
  const inittab::PlanScratch scratch{words.data(), words.size()};
  std::vector<inittab::PlanError> errors(8);
  std::vector<uint32_t> order(count);
  inittab::PlanError error;
  for (auto _ : state) {
    if (inittab::CheckNodes(table.nodes.data(), count, scratch, errors.data(), 8) != 0 ||
        !inittab::SortNodes(table.nodes.data(), count, scratch, order.data(), &error)) {
      state.SkipWithError("the benchmark's table is invalid");
      break;
    }
    benchmark::DoNotOptimize(order.data());
  }
  state.counters["entries"] = count;
  state.counters["dependencies"] = static_cast<double>(inittab::CountDependencies(table.nodes.data(), count));
}

void BM_PlanCheckAndSort(benchmark::State& state) {
  CheckAndSort(state, Chain(static_cast<uint32_t>(state.range(0))));
}
BENCHMARK(BM_PlanCheckAndSort)->Arg(16)->Arg(128)->Arg(1000)->Arg(10000)->Unit(benchmark::kMicrosecond);

void BM_PlanCheckAndSortRandomDag(benchmark::State& state) {
  CheckAndSort(state, RandomDag(static_cast<uint32_t>(state.range(0))));
}
BENCHMARK(BM_PlanCheckAndSortRandomDag)->Arg(16)->Arg(128)->Arg(1000)->Arg(10000)->Unit(benchmark::kMicrosecond);

// A UEFI-like map of `count` usable ranges over 16 GiB, holes between them.
std::vector<frames::FreeRange> UsableRanges(uint32_t count) {
  std::vector<frames::FreeRange> ranges;
  const uint64_t span = (uint64_t{16} << 30) / count;
  for (uint32_t i = 0; i < count; ++i) ranges.push_back({i * span + 0x3000, span - 0x5000});
  return ranges;
}

void BM_FrameAllocatorInit(benchmark::State& state) {
  const auto ranges = UsableRanges(static_cast<uint32_t>(state.range(0)));
  std::vector<uint64_t> storage(frames::FrameAllocator::MetadataBytes(ranges.data(), static_cast<uint32_t>(ranges.size())) / 8 + 1);
  frames::FrameAllocator allocator;
  for (auto _ : state) {
    benchmark::DoNotOptimize(allocator.Init(ranges.data(), static_cast<uint32_t>(ranges.size()), storage.data(), storage.size() * 8));
  }
  state.counters["frames"] = static_cast<double>(allocator.TotalFrames());
}
BENCHMARK(BM_FrameAllocatorInit)->Arg(128)->Unit(benchmark::kMicrosecond);

// 1,000,000 allocate/free pairs per iteration: one frame at a time, with half of a 128-range
// map already allocated (the search starts from each range's hint).
void BM_FrameAllocatorMillionPairs(benchmark::State& state) {
  const auto ranges = UsableRanges(128);
  std::vector<uint64_t> storage(frames::FrameAllocator::MetadataBytes(ranges.data(), 128) / 8 + 1);
  frames::FrameAllocator allocator;
  (void)allocator.Init(ranges.data(), 128, storage.data(), storage.size() * 8);
  for (uint64_t i = 0; i < allocator.TotalFrames() / 2; i += 64) (void)allocator.Allocate({.count = 64});
  for (auto _ : state) {
    for (int i = 0; i < 1000000; ++i) {
      const auto frame = allocator.Allocate();
      benchmark::DoNotOptimize(frame);
      (void)allocator.Free(frame.value());
    }
  }
  state.SetItemsProcessed(state.iterations() * 1000000);
}
BENCHMARK(BM_FrameAllocatorMillionPairs)->Unit(benchmark::kMillisecond);

// Contiguous 2 MiB-aligned runs of 512 frames from the top, freed again.
void BM_FrameAllocatorAlignedRun(benchmark::State& state) {
  const auto ranges = UsableRanges(128);
  std::vector<uint64_t> storage(frames::FrameAllocator::MetadataBytes(ranges.data(), 128) / 8 + 1);
  frames::FrameAllocator allocator;
  (void)allocator.Init(ranges.data(), 128, storage.data(), storage.size() * 8);
  for (auto _ : state) {
    const auto run = allocator.Allocate({.count = 512, .alignment = 0x200000, .highest = true});
    benchmark::DoNotOptimize(run);
    (void)allocator.Free(run.value(), 512);
  }
}
BENCHMARK(BM_FrameAllocatorAlignedRun);

// A MADT of `count` x2APIC processors, 4 I/O APICs and 16 overrides behind an XSDT of 30
// tables (a large server's shape): the root table walk with its checksums, then the MADT.
void BM_AcpiTablesAndMadt(benchmark::State& state) {
  const uint32_t cpus = static_cast<uint32_t>(state.range(0));
  std::vector<uint8_t> payload;
  testing_support::AppendBytes(payload, uint32_t{0xfee00000});
  testing_support::AppendBytes(payload, uint32_t{1});
  for (uint32_t i = 0; i < cpus; ++i) {
    payload.insert(payload.end(), {bootabi::kAcpiMadtLocalX2Apic, 16, 0, 0});
    testing_support::AppendBytes(payload, i);
    testing_support::AppendBytes(payload, uint32_t{1});
    testing_support::AppendBytes(payload, i);
  }
  for (uint32_t i = 0; i < 4; ++i) {
    payload.insert(payload.end(), {bootabi::kAcpiMadtIoApic, 12, static_cast<uint8_t>(i), 0});
    testing_support::AppendBytes(payload, uint32_t{0xfec00000 + i * 0x1000});
    testing_support::AppendBytes(payload, i * 24);
  }
  for (uint8_t i = 0; i < 16; ++i) {
    payload.insert(payload.end(), {bootabi::kAcpiMadtInterruptSourceOverride, 10, 0, i});
    testing_support::AppendBytes(payload, uint32_t{i});
    testing_support::AppendBytes(payload, uint16_t{0});
  }
  testing_support::FakeMemory memory(0x100000, 0x100000);
  std::vector<uint8_t> entries;
  const std::vector<uint8_t> madt = testing_support::MakeTable("APIC", payload);
  testing_support::AppendBytes(entries, memory.PlaceBytes(madt.data(), madt.size(), 16));
  for (int i = 0; i < 29; ++i) {
    const std::vector<uint8_t> other = testing_support::MakeTable("SSDT", std::vector<uint8_t>(512, 0x5a));
    testing_support::AppendBytes(entries, memory.PlaceBytes(other.data(), other.size(), 16));
  }
  const std::vector<uint8_t> xsdt = testing_support::MakeTable("XSDT", entries);
  const std::vector<uint8_t> rsdp = testing_support::MakeRsdp(2, 0, memory.PlaceBytes(xsdt.data(), xsdt.size(), 16));
  const uint64_t rsdp_address = memory.PlaceBytes(rsdp.data(), rsdp.size(), 16);
  static acpi::Madt parsed;
  for (auto _ : state) {
    const auto tables = acpi::ReadTables(memory.View(), rsdp_address);
    benchmark::DoNotOptimize(acpi::ParseMadt(memory.View(), acpi::Find(tables.value(), "APIC"), parsed));
  }
  state.counters["cpus"] = parsed.cpu_count;
}
BENCHMARK(BM_AcpiTablesAndMadt)->Arg(4)->Arg(256)->Unit(benchmark::kMicrosecond);

}  // namespace
