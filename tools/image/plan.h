// SPDX-License-Identifier: MIT
// Runs the init-plan library on a table read from an image: the checks, then the sort.
#pragma once

#include <string>
#include <vector>

#include "image/init-table.h"

namespace image {

struct PlanResult {
  std::vector<std::string> errors;  // one sentence per problem, naming the entries
  std::vector<uint32_t> order;      // entry indices in run order; empty when errors exist
};

PlanResult CheckAndOrder(const InitTable& table);

/// Adapts std::string to the Append/AppendHex/AppendDecimal sink the libraries write to.
struct StringSink {
  std::string text;
  void Append(const char* part) { text += part; }
  void AppendChar(char c) { text += c; }
  void AppendDecimal(uint64_t value) { text += std::to_string(value); }
  void AppendHex(uint64_t value);
};

}  // namespace image
