// SPDX-License-Identifier: MIT
#include "image/tables.h"

#include <cxxabi.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <map>
#include <regex>
#include <set>

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

std::vector<DeclaredEntry> ReadDeclaredEntries(const ElfImage& image) {
  static const std::regex kLabel(R"(^linktab entry (?:'([^']*)' )?of table ([A-Za-z0-9_]+) level ([0-9]{1,9}) \((.*), #[0-9]+\)$)");
  std::vector<DeclaredEntry> declared;
  for (const Symbol& symbol : image.symbols()) {
    if (symbol.name.rfind("linktab entry ", 0) != 0) continue;
    std::smatch match;
    if (!std::regex_match(symbol.name, match, kLabel)) {
      throw ImageError(fmt::format("{}: linktab census symbol '{}': expected \"linktab entry ['NAME' ]of table "
                                   "TABLE level LEVEL (FILE:LINE, #N)\"",
                                   image.path(), symbol.name));
    }
    declared.push_back(DeclaredEntry{match[2].str(), match[1].str(), static_cast<uint32_t>(std::stoul(match[3].str())),
                                     match[4].str(), symbol.value});
  }
  std::sort(declared.begin(), declared.end(), [](const auto& a, const auto& b) { return a.record < b.record; });
  return declared;
}

namespace {

std::string Describe(const DeclaredEntry& entry) {
  return entry.name.empty() ? fmt::format("an entry of table {} at level {} ({})", entry.table, entry.level, entry.where)
                            : fmt::format("{} entry '{}' at level {} ({})", entry.table, entry.name, entry.level,
                                          entry.where);
}

// A C++ symbol as its source spells it (gTestLost for _ZL9gTestLost); other names as they are.
std::string Demangled(const std::string& name) {
  int status = 0;
  std::unique_ptr<char, void (*)(void*)> text(abi::__cxa_demangle(name.c_str(), nullptr, nullptr, &status), std::free);
  return status == 0 && text != nullptr ? std::string(text.get()) : name;
}

// Symbols (other than table markers) inside [start, end): what names bytes no table covers.
std::string SymbolsWithin(const ElfImage& image, uint64_t start, uint64_t end) {
  std::set<std::string> names;
  for (const Symbol& symbol : image.symbols()) {
    if (symbol.value >= start && symbol.value < end && symbol.name.rfind("linktab_", 0) != 0) {
      names.insert(Demangled(symbol.name));
    }
  }
  std::string list;
  for (const auto& name : names) list += (list.empty() ? "" : ", ") + name;
  return list;
}

}  // namespace

std::vector<std::string> CheckDeclaredEntries(const ElfImage& image, const std::vector<LinkerTable>& tables,
                                              const std::vector<DeclaredEntry>& declared,
                                              const std::vector<std::pair<std::string, uint32_t>>& init_entries) {
  std::vector<std::string> errors;
  std::map<std::string, const LinkerTable*> by_name;
  for (const LinkerTable& table : tables) by_name[table.name] = &table;
  std::map<std::string, std::vector<const DeclaredEntry*>> per_table;
  for (const DeclaredEntry& entry : declared) {
    if (by_name.count(entry.table) == 0) {
      errors.push_back(fmt::format("{} is declared, but the image has no table {} (no LINKTAB_DEFINE({}) was linked)",
                                   Describe(entry), entry.table, entry.table));
      continue;
    }
    per_table[entry.table].push_back(&entry);
  }

  // The init table is matched entry by entry: by name, then the level the census records.
  std::map<std::string, uint32_t> init_levels;
  for (const auto& [name, level] : init_entries) init_levels.emplace(name, level);
  std::set<std::string> declared_init;
  for (const DeclaredEntry* entry : per_table["init"]) {
    if (entry->name.empty()) continue;
    declared_init.insert(entry->name);
    const auto found = init_levels.find(entry->name);
    if (found == init_levels.end()) {
      errors.push_back(fmt::format("{} is declared but not in the init table: the linker did not collect its "
                                   "section (.linktab.init.{}): a linker script without "
                                   "KEEP(*(SORT_BY_NAME(.linktab.*))), or one that discards it",
                                   Describe(*entry), entry->level));
    } else if (found->second != entry->level) {
      errors.push_back(fmt::format("{} is declared at level {}, but its table entry says level {}", Describe(*entry),
                                   entry->level, found->second));
    }
  }
  for (const auto& [name, level] : init_entries) {
    if (declared_init.count(name) == 0) {
      errors.push_back(fmt::format("init entry '{}' (level {}) is in the init table but no object declared it with "
                                   "INIT_ENTRY: an entry placed in a linktab section by hand",
                                   name, level));
    }
  }

  // Every other table by count.
  for (const LinkerTable& table : tables) {
    const size_t count = per_table.count(table.name) != 0 ? per_table[table.name].size() : 0;
    if (table.name == "init" || count == table.count) continue;
    std::string list;
    for (const DeclaredEntry* entry : per_table[table.name]) list += "\n    " + Describe(*entry);
    errors.push_back(fmt::format("table {}: the objects declared {} entr{}, the table holds {}{}", table.name, count,
                                 count == 1 ? "y" : "ies", table.count, list));
  }

  // Bytes of the .linktab output section outside every table: entries of a table no marker
  // brackets (a section named .linktab.<typo>.<level>, placed by hand).
  for (const Section& section : image.sections()) {
    if (section.name != ".linktab") continue;
    std::vector<std::pair<uint64_t, uint64_t>> covered;
    for (const LinkerTable& table : tables) covered.emplace_back(table.start, table.end);
    std::sort(covered.begin(), covered.end());
    uint64_t at = section.address;
    const uint64_t end = section.address + section.size;
    covered.emplace_back(end, end);
    for (const auto& [start, stop] : covered) {
      // A gap without a symbol is alignment padding between two tables.
      const uint64_t gap_end = std::min(start, end);
      const std::string symbols = start > at && at < end ? SymbolsWithin(image, at, gap_end) : "";
      if (!symbols.empty()) {
        errors.push_back(fmt::format("{:#x}-{:#x} ({} bytes) of .linktab belong to no table ({}): an entry "
                                     "in a section no LINKTAB_DEFINE brackets",
                                     at, gap_end, gap_end - at, symbols));
      }
      at = std::max(at, stop);
    }
  }
  return errors;
}

}  // namespace image
