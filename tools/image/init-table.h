// SPDX-License-Identifier: MIT
// The init table of a built kernel, decoded from its ELF file into the same PlanNodes the
// kernel builds at boot, so the host runs the very checks and sort the kernel runs.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "image/elf-image.h"
#include "inittab/plan.h"

namespace image {

struct InitTableEntry {
  uint64_t address;
  std::string name;
  uint32_t level;
  uint32_t flags;
  uint64_t detect;  // function addresses; 0 = none
  uint64_t run;
  std::vector<uint32_t> depends;  // indices; an index >= count means "outside the table"
  std::vector<std::string> exclusion_reasons;
  std::vector<inittab::Exclusion> exclusions;  // reasons point into exclusion_reasons
  std::vector<bool> exclusion_has_reason;
};

class InitTable {
 public:
  /// Reads the table between the linktab markers linktab_init_start and linktab_init_end.
  static InitTable Read(const ElfImage& image);

  const std::vector<InitTableEntry>& entries() const { return entries_; }
  const std::vector<inittab::PlanNode>& nodes() const { return nodes_; }
  uint64_t start_address() const { return start_; }

  InitTable() = default;
  InitTable(const InitTable&) = delete;
  InitTable& operator=(const InitTable&) = delete;
  InitTable(InitTable&&) = default;

 private:
  void BuildNodes();

  uint64_t start_ = 0;
  std::vector<InitTableEntry> entries_;
  std::vector<inittab::PlanNode> nodes_;
};

}  // namespace image
