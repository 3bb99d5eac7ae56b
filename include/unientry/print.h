// SPDX-License-Identifier: MIT
// Formatted output to the console for a kernel's own text: no "unientry: " prefix, no heap,
// type-safe arguments.
//
//   unientry::Print("{} of {} pages free ({:#x} bytes)\n", free, total, free * 4096);
//
// Placeholders: {} (decimal numbers, strings, characters, true/false, pointers in hex) or
// {:SPEC} with SPEC = [0][WIDTH][x|X|d|s|c|p] and an optional # after the colon for 0x; {{ and
// }} are braces. A placeholder without an argument prints {?}; extra arguments are ignored.
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "base/string-view.h"

namespace unientry {

/// One argument, as the formatter sees it.
struct FormatArgument {
  enum class Kind : uint8_t { kSigned, kUnsigned, kString, kChar, kBool, kPointer } kind;
  union {
    int64_t signed_value;
    uint64_t unsigned_value;
    struct {
      const char* data;
      size_t size;
    } string;
  };
};

namespace detail {
inline FormatArgument Argument(bool value) {
  FormatArgument a{FormatArgument::Kind::kBool, {}};
  a.unsigned_value = value ? 1 : 0;
  return a;
}
inline FormatArgument Argument(char value) {
  FormatArgument a{FormatArgument::Kind::kChar, {}};
  a.unsigned_value = static_cast<unsigned char>(value);
  return a;
}
template <typename T>
  requires(std::is_integral_v<T> && !std::is_same_v<T, bool> && !std::is_same_v<T, char>)
FormatArgument Argument(T value) {
  FormatArgument a{};
  if constexpr (std::is_signed_v<T>) {
    a.kind = FormatArgument::Kind::kSigned;
    a.signed_value = static_cast<int64_t>(value);
  } else {
    a.kind = FormatArgument::Kind::kUnsigned;
    a.unsigned_value = static_cast<uint64_t>(value);
  }
  return a;
}
template <typename T>
  requires std::is_enum_v<T>
FormatArgument Argument(T value) {
  return Argument(static_cast<std::underlying_type_t<T>>(value));
}
inline FormatArgument Argument(const char* value) {
  FormatArgument a{FormatArgument::Kind::kString, {}};
  size_t size = 0;
  if (value != nullptr) {
    while (value[size] != '\0') ++size;
  }
  a.string = {value != nullptr ? value : "(null)", value != nullptr ? size : 6};
  return a;
}
inline FormatArgument Argument(char* value) { return Argument(static_cast<const char*>(value)); }
inline FormatArgument Argument(base::StringView value) {
  FormatArgument a{FormatArgument::Kind::kString, {}};
  a.string = {value.data(), value.size()};
  return a;
}
inline FormatArgument Argument(const void* value) {
  FormatArgument a{FormatArgument::Kind::kPointer, {}};
  a.unsigned_value = reinterpret_cast<uintptr_t>(value);
  return a;
}
}  // namespace detail

/// Writes `format` with `arguments` to the console.
void PrintArguments(const char* format, const FormatArgument* arguments, size_t count);

template <typename... Arguments>
void Print(const char* format, const Arguments&... arguments) {
  if constexpr (sizeof...(Arguments) == 0) {
    PrintArguments(format, nullptr, 0);
  } else {
    const FormatArgument list[] = {detail::Argument(arguments)...};
    PrintArguments(format, list, sizeof...(Arguments));
  }
}

}  // namespace unientry
