// SPDX-License-Identifier: MIT
// Addresses of a kernel image as function + offset and source line, from its symbols and DWARF
// (elfutils libdw), for crash reports.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace image {

class Symbolizer {
 public:
  /// Reads `path`; a file libdw cannot open gives a symbolizer that knows nothing.
  explicit Symbolizer(const std::string& path);
  ~Symbolizer();
  Symbolizer(const Symbolizer&) = delete;
  Symbolizer& operator=(const Symbolizer&) = delete;

  /// "CommonStart+0x2c (kernel/common/start.cc:27)", "CommonStart+0x2c" without line
  /// information, "" for an address outside every symbol.
  std::string Describe(uint64_t address) const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

/// The crash report line with its rip= address symbolized, or "" when it has none.
std::string SymbolizeCrashLine(const Symbolizer& symbolizer, const std::string& line);

}  // namespace image
