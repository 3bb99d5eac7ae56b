// SPDX-License-Identifier: MIT
// Recoverable errors as values: what was wrong, in which field, what was expected and what
// was found. Usable freestanding (no allocation, no exceptions) and hosted.
#pragma once

#include <cstdint>

namespace base {

struct Error {
  const char* what = "";     // what is wrong, e.g. "bad magic"
  const char* field = "";    // where, e.g. "hvm_start_info.magic"
  int64_t index = -1;        // element index within field, -1 when not an array element
  bool has_values = false;   // whether expected/got are meaningful
  uint64_t expected = 0;
  uint64_t got = 0;
  const char* name = "";     // a name the message is about (an init entry), or ""
  const char* other = "";    // a second name (a dependency), or ""
  // Two address ranges that must not overlap and do (a module and the kernel): the item's is
  // [expected, got), the other's [other_start, other_end).
  bool has_ranges = false;
  uint64_t other_start = 0, other_end = 0;
};

constexpr Error MakeError(const char* what, const char* field) { return Error{what, field}; }

constexpr Error MakeError(const char* what, const char* field, uint64_t expected, uint64_t got) {
  Error error{what, field};
  error.has_values = true;
  error.expected = expected;
  error.got = got;
  return error;
}

/// "`field`: `what`: S-E and S-E", the ranges with inclusive ends as the boot report prints
/// them: an item at [start, end) that overlaps [other_start, other_end).
constexpr Error MakeOverlapError(const char* what, const char* field, uint64_t start, uint64_t end,
                                 uint64_t other_start, uint64_t other_end) {
  Error error{what, field};
  error.has_ranges = true;
  error.expected = start;
  error.got = end;
  error.other_start = other_start;
  error.other_end = other_end;
  return error;
}

constexpr Error AtIndex(Error error, int64_t index) {
  error.index = index;
  return error;
}

/// Writes "field[index]: what: expected E, got G" or "...: what: S-E and S-E" (parts that are empty are left out) to any
/// sink with Append(const char*), AppendHex(uint64_t) and AppendDecimal(uint64_t).
template <typename Sink>
void Describe(const Error& error, Sink& out) {
  if (error.field[0] != '\0') {
    out.Append(error.field);
    if (error.index >= 0) {
      out.Append("[");
      out.AppendDecimal(static_cast<uint64_t>(error.index));
      out.Append("]");
    }
    out.Append(": ");
  }
  out.Append(error.what);
  if (error.name[0] != '\0') {
    out.Append(" '");
    out.Append(error.name);
    out.Append("'");
  }
  if (error.other[0] != '\0') {
    out.Append(" -> '");
    out.Append(error.other);
    out.Append("'");
  }
  if (error.has_values) {
    out.Append(": expected ");
    out.AppendHex(error.expected);
    out.Append(", got ");
    out.AppendHex(error.got);
  }
  if (error.has_ranges) {
    out.Append(": ");
    out.AppendHex(error.expected);
    out.Append("-");
    out.AppendHex(error.got - 1);
    out.Append(" and ");
    out.AppendHex(error.other_start);
    out.Append("-");
    out.AppendHex(error.other_end - 1);
  }
}

}  // namespace base
