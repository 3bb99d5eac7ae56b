// SPDX-License-Identifier: MIT
#include "matrix/rows.h"

#include <set>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

#include "image/trace.h"
#include "matrix/text-file.h"

namespace matrix {
namespace {

void Expect(const std::string& path, int line, const char* column, const std::string& value,
            const std::set<std::string>& allowed) {
  if (allowed.count(value) != 0) return;
  std::string list;
  for (const auto& item : allowed) list += (list.empty() ? "" : ", ") + item;
  throw std::runtime_error(fmt::format("{}:{}: {}: expected one of {}, got '{}'", path, line, column, list, value));
}

}  // namespace

std::vector<Row> ParseRows(const std::string& text, const std::string& path) {
  std::vector<Row> rows;
  std::set<std::string> names;
  std::istringstream lines(text);
  std::string line;
  for (int number = 1; std::getline(lines, line); ++number) {
    const size_t hash = line.find('#');
    if (hash != std::string::npos) line.erase(hash);
    std::istringstream words(line);
    std::vector<std::string> fields;
    for (std::string word; words >> word;) fields.push_back(word);
    if (fields.empty()) continue;
    if (fields.size() != 7 && fields.size() != 8) {
      throw std::runtime_error(fmt::format("{}:{}: expected 7 or 8 columns (name entry machine image loader firmware "
                                           "speed [cpus=N]), got {}", path, number, fields.size()));
    }
    Row row{fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], fields[6], number};
    if (fields.size() == 8) {
      const std::string& cpus = fields[7];
      if (cpus.rfind("cpus=", 0) != 0 || cpus.size() < 6 || cpus.size() > 8 ||
          cpus.find_first_not_of("0123456789", 5) != std::string::npos || std::stoi(cpus.substr(5)) < 1) {
        throw std::runtime_error(fmt::format("{}:{}: cpus: expected cpus=N with N from 1, got '{}'", path, number, cpus));
      }
      row.cpus = std::stoi(cpus.substr(5));
    }
    Expect(path, number, "entry", row.entry,
           {"pvh", "linux16", "linux32", "linux64", "multiboot1", "multiboot2", "xen-pv", "efi"});
    Expect(path, number, "machine", row.machine, {"q35", "pc", "microvm", "microvm,acpi=off"});
    Expect(path, number, "image", row.image, {"elf", "bzImage", "mb1.bin"});
    Expect(path, number, "firmware", row.firmware, {"bios", "uefi", "none", "xen-pvh", "xen-pv"});
    Expect(path, number, "speed", row.speed, {"fast", "slow"});
    if (image::EnvironmentFromNames(row.entry, row.firmware) == inittab::kNoEnvironment) {
      throw std::runtime_error(fmt::format("{}:{}: entry {} on firmware {} is not a boot environment "
                                           "(lib/inittab/include/inittab/environment.h)",
                                           path, number, row.entry, row.firmware));
    }
    if (!names.insert(row.name).second) {
      throw std::runtime_error(fmt::format("{}:{}: row name '{}' used twice", path, number, row.name));
    }
    rows.push_back(row);
  }
  return rows;
}

std::vector<Row> ReadRows(const std::string& path) { return ParseRows(ReadTextFile(path), path); }

}  // namespace matrix
