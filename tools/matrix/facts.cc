// SPDX-License-Identifier: MIT
#include "matrix/facts.h"

#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

#include "matrix/text-file.h"

namespace matrix {
namespace {

constexpr const char* kNotReported = "(not reported)";

size_t FactIndex(const std::string& name) {
  for (size_t i = 0; i < std::size(kFactNames); ++i) {
    if (name == kFactNames[i]) return i;
  }
  return std::size(kFactNames);
}

bool StartsWith(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

// The report quotes the command line with backslash escapes (docs/serial-format.md).
std::string Unquote(const std::string& quoted) {
  std::string text;
  for (size_t i = 1; i + 1 < quoted.size(); ++i) {
    if (quoted[i] == '\\' && i + 2 < quoted.size()) ++i;
    text += quoted[i];
  }
  return text;
}

// The value after "key=" in a report line's words, or "".
std::string Field(const std::string& line, const std::string& key) {
  std::istringstream words(line);
  for (std::string word; words >> word;) {
    if (StartsWith(word, key + "=")) return word.substr(key.size() + 1);
  }
  return "";
}

}  // namespace

const std::string& Facts::Get(const std::string& name) const { return values.at(FactIndex(name)); }

std::string CommandLineWithoutLoaderWords(const std::string& command_line) {
  std::istringstream stream(command_line);
  std::vector<std::string> words;
  for (std::string word; stream >> word;) words.push_back(word);
  std::string kept;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    const bool path = word.find('/') != std::string::npos || word.find('\\') != std::string::npos;
    if (i == 0 && (StartsWith(word, "BOOT_IMAGE=") || (path && word.find('=') == std::string::npos))) continue;
    if (StartsWith(word, "initrd=")) continue;
    kept += (kept.empty() ? "" : " ") + word;
  }
  return kept;
}

Facts ParseFacts(const std::string& serial_log) {
  Facts facts;
  facts.values.assign(std::size(kFactNames), kNotReported);
  auto set = [&facts](const char* name, const std::string& value) { facts.values[FactIndex(name)] = value; };
  std::string modules;
  bool any_report = false;
  std::istringstream lines(serial_log);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (StartsWith(line, "unientry: firmware ")) set("firmware", line.substr(19));
    if (!StartsWith(line, "unientry: report ")) continue;
    any_report = true;
    const std::string report = line.substr(17);
    if (StartsWith(report, "memory-total ")) set("ram", Field(report, "ram"));
    if (StartsWith(report, "rsdp ")) set("rsdp", report == "rsdp none" ? "none" : "present");
    if (StartsWith(report, "initrd ")) set("initrd", report == "initrd none" ? "none" : Field(report, "size"));
    if (StartsWith(report, "module ")) modules += (modules.empty() ? "" : ",") + Field(report, "size");
    if (StartsWith(report, "cmdline ")) {
      const std::string quoted = report.substr(8);
      const size_t end = quoted.rfind('"');
      set("cmdline", "\"" + CommandLineWithoutLoaderWords(Unquote(quoted.substr(0, end + 1))) + "\"");
    }
    if (StartsWith(report, "framebuffer ")) set("framebuffer", "present");
    if (StartsWith(report, "cpus ")) set("cpus", Field(report, "enabled"));
  }
  // Absent lines mean none once the report ran (modules and a framebuffer print nothing).
  if (any_report) {
    set("modules", modules.empty() ? "none" : modules);
    if (facts.Get("framebuffer") == kNotReported) set("framebuffer", "none");
    if (facts.Get("cpus") == kNotReported) set("cpus", "none");
  }
  return facts;
}

std::vector<DeclaredDifference> ParseDeclaredDifferences(const std::string& text, const std::string& path) {
  std::vector<DeclaredDifference> declared;
  std::istringstream lines(text);
  std::string line;
  for (int number = 1; std::getline(lines, line); ++number) {
    const size_t hash = line.find('#');
    if (hash != std::string::npos) line.erase(hash);
    std::istringstream words(line);
    DeclaredDifference difference;
    difference.line = number;
    if (!(words >> difference.fact)) continue;
    if (FactIndex(difference.fact) == std::size(kFactNames)) {
      std::string list;
      for (const char* name : kFactNames) list += (list.empty() ? "" : ", ") + std::string(name);
      throw std::runtime_error(fmt::format("{}:{}: fact: expected one of {}, got '{}'", path, number, list,
                                           difference.fact));
    }
    if (!(words >> difference.rows)) {
      throw std::runtime_error(fmt::format("{}:{}: expected FACT ROWS-REGEX REASON, got no rows", path, number));
    }
    try {
      difference.pattern = std::regex(difference.rows);
    } catch (const std::regex_error& error) {
      throw std::runtime_error(fmt::format("{}:{}: rows: not a regular expression: {}", path, number, error.what()));
    }
    std::getline(words >> std::ws, difference.reason);
    while (!difference.reason.empty() && std::isspace(static_cast<unsigned char>(difference.reason.back()))) {
      difference.reason.pop_back();
    }
    if (difference.reason.empty()) {
      throw std::runtime_error(fmt::format("{}:{}: a difference needs its reason after the rows", path, number));
    }
    declared.push_back(std::move(difference));
  }
  return declared;
}

std::vector<DeclaredDifference> ReadDeclaredDifferences(const std::string& path) {
  return ParseDeclaredDifferences(ReadTextFile(path), path);
}

std::vector<FactsDifference> CompareFacts(const std::vector<FactsBoot>& boots,
                                          const std::vector<DeclaredDifference>& declared) {
  auto declaration = [&declared](const std::string& fact, const std::string& row) -> const DeclaredDifference* {
    for (const auto& difference : declared) {
      if (difference.fact == fact && std::regex_search(row, difference.pattern)) return &difference;
    }
    return nullptr;
  };
  std::vector<FactsDifference> differences;
  for (size_t i = 0; i < boots.size(); ++i) {
    for (const char* fact : kFactNames) {
      // The group's reference for this fact: its first boot that no declaration exempts.
      size_t reference = boots.size();
      for (size_t j = 0; j < boots.size() && reference == boots.size(); ++j) {
        if (boots[j].group == boots[i].group && declaration(fact, boots[j].row) == nullptr) reference = j;
      }
      if (reference == boots.size() || reference == i) continue;
      const std::string& here = boots[i].facts.Get(fact);
      const std::string& there = boots[reference].facts.Get(fact);
      if (here == there) continue;
      differences.push_back({i, fmt::format("{}: {} here, {} on {} ({})", fact, here, there, boots[reference].row,
                                            boots[i].group),
                             declaration(fact, boots[i].row)});
    }
  }
  return differences;
}

}  // namespace matrix
