// SPDX-License-Identifier: MIT
#include "image/tables.h"

#include <algorithm>

#include <fmt/format.h>

namespace image {

std::vector<LinkerTable> ListLinkerTables(const ElfImage& image) {
  const std::string prefix = "linktab_", suffix = "_start";
  std::vector<LinkerTable> tables;
  for (const Symbol& symbol : image.symbols()) {
    const std::string& name = symbol.name;
    if (name.size() <= prefix.size() + suffix.size() || name.rfind(prefix, 0) != 0 ||
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) {
      continue;
    }
    const std::string table = name.substr(prefix.size(), name.size() - prefix.size() - suffix.size());
    const auto end = image.FindSymbol(prefix + table + "_end");
    const auto size = image.FindSymbol(prefix + table + "_entry_size");
    if (!end || !size) {
      throw ImageError(fmt::format("{}: linker table {}: expected symbols {}_end and {}_entry_size next to {}",
                                   image.path(), table, prefix + table, prefix + table, name));
    }
    const uint32_t entry_size = image.ReadU32(size->value, "linktab_" + table + "_entry_size");
    if (entry_size == 0 || end->value < symbol.value || (end->value - symbol.value) % entry_size != 0) {
      throw ImageError(fmt::format("{}: linker table {} spans [{:#x}, {:#x}): expected a multiple of its "
                                   "entry size {}",
                                   image.path(), table, symbol.value, end->value, entry_size));
    }
    tables.push_back(LinkerTable{table, symbol.value, end->value, entry_size,
                                 (end->value - symbol.value) / entry_size});
  }
  std::sort(tables.begin(), tables.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return tables;
}

}  // namespace image
