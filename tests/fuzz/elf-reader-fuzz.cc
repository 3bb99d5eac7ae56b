// SPDX-License-Identifier: MIT
// Fuzzes the image reader the inspector and the build gate use: any bytes as a kernel ELF.
// Every outcome must be a result or an ImageError, never a crash or a sanitizer report.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "image/elf-image.h"
#include "image/init-table.h"
#include "image/plan.h"
#include "image/tables.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    const image::ElfImage elf = image::ElfImage::FromBytes(std::vector<uint8_t>(data, data + size), "fuzz.elf");
    const auto tables = image::ListLinkerTables(elf);
    const auto declared = image::ReadDeclaredEntries(elf);
    const image::InitTable table = image::InitTable::Read(elf);
    image::CheckAndOrder(table);
    std::vector<std::pair<std::string, uint32_t>> init_entries;
    for (const auto& entry : table.entries()) init_entries.emplace_back(entry.name, entry.level);
    image::CheckDeclaredEntries(elf, tables, declared, init_entries);
  } catch (const image::ImageError&) {
  }
  return 0;
}
