// SPDX-License-Identifier: MIT
// The formatter behind unientry::Print: fmt's placeholder syntax, a subset of its specs, no
// heap. One parser serves the compile-time check of a format string (unientry/print.h) and the
// run-time writer, so what compiles is exactly what prints.
//
//   placeholder := '{' [':' [align] ['#'] ['0'] [width] [type]] '}'      '{{' and '}}' are braces
//   align       := '<' (left) | '>' (right)   default: text left, numbers right, as in fmt
//   '#'         := 0x / 0X before hexadecimal (types x, X; pointers always have it)
//   '0'         := pad numbers with zeros after the sign or 0x; not with an align
//   width       := 1..255 characters, a minimum
//   type        := integers d x X | char c d x X | bool s d x X | string s | pointer p x X
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "base/string-view.h"

namespace base {

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

enum class FormatError : uint8_t {
  kNone,
  kUnclosedPlaceholder,   // '{' without its '}'
  kUnmatchedCloseBrace,   // '}' that is not '}}'
  kBadSpec,               // the text between '{' and '}' is not the grammar above
  kWidthTooLarge,         // width above kMaxFormatWidth
  kTypeNotForArgument,    // e.g. {:x} for a string, {:s} for an integer
  kAlternateNeedsHex,     // '#' without x or X
  kZeroPadNeedsNumber,    // '0' for text
  kZeroPadWithAlign,      // '0' and an explicit align
  kMissingArgument,       // more placeholders than arguments
  kExtraArgument,         // more arguments than placeholders
};

inline constexpr uint32_t kMaxFormatWidth = 255;

constexpr const char* FormatErrorName(FormatError error) {
  switch (error) {
    case FormatError::kNone: return "no error";
    case FormatError::kUnclosedPlaceholder: return "'{' without its '}' (write '{{' for a brace)";
    case FormatError::kUnmatchedCloseBrace: return "'}' without its '{' (write '}}' for a brace)";
    case FormatError::kBadSpec: return "not a format spec: {:[<>][#][0][width][type]}";
    case FormatError::kWidthTooLarge: return "width above 255";
    case FormatError::kTypeNotForArgument: return "the spec's type does not fit the argument";
    case FormatError::kAlternateNeedsHex: return "'#' needs type x or X";
    case FormatError::kZeroPadNeedsNumber: return "'0' pads numbers, not text";
    case FormatError::kZeroPadWithAlign: return "'0' and an align together";
    case FormatError::kMissingArgument: return "a placeholder without an argument";
    case FormatError::kExtraArgument: return "an argument without a placeholder";
  }
  return "unknown format error";
}

struct FormatSpec {
  char align = 0;          // 0 (the argument's default), '<' or '>'
  bool alternate = false;  // '#'
  bool zero = false;       // '0'
  uint32_t width = 0;
  char type = 0;  // 0 or one of d x X c s p
};

/// Parses the text between '{' and '}' (exclusive).
constexpr FormatError ParseFormatSpec(const char* begin, const char* end, FormatSpec& spec) {
  if (begin == end) return FormatError::kNone;
  if (*begin != ':') return FormatError::kBadSpec;
  ++begin;
  if (begin != end && (*begin == '<' || *begin == '>')) spec.align = *begin++;
  if (begin != end && *begin == '#') spec.alternate = true, ++begin;
  if (begin != end && *begin == '0') spec.zero = true, ++begin;
  for (; begin != end && *begin >= '0' && *begin <= '9'; ++begin) {
    spec.width = spec.width * 10 + static_cast<uint32_t>(*begin - '0');
    if (spec.width > kMaxFormatWidth) return FormatError::kWidthTooLarge;
  }
  if (begin != end) {
    const char type = *begin++;
    if (type != 'd' && type != 'x' && type != 'X' && type != 'c' && type != 's' && type != 'p') {
      return FormatError::kBadSpec;
    }
    spec.type = type;
  }
  if (begin != end) return FormatError::kBadSpec;
  if (spec.zero && spec.align != 0) return FormatError::kZeroPadWithAlign;
  return FormatError::kNone;
}

/// How an argument of `kind` is written under `spec`.
struct FormatRendering {
  bool text = false;  // as characters (strings, c, true/false), else as a number
  uint32_t base = 10;
  bool upper = false;
  bool prefix = false;  // 0x
};

/// Checks `spec` against the argument's kind and says how to write it.
constexpr FormatError RenderingFor(const FormatSpec& spec, FormatArgument::Kind kind, FormatRendering& out) {
  using Kind = FormatArgument::Kind;
  const char t = spec.type;
  const bool hex = t == 'x' || t == 'X';
  bool fits = false;
  switch (kind) {
    case Kind::kSigned:
    case Kind::kUnsigned: fits = t == 0 || t == 'd' || hex; break;
    case Kind::kChar: fits = t == 0 || t == 'c' || t == 'd' || hex; out.text = t == 0 || t == 'c'; break;
    case Kind::kBool: fits = t == 0 || t == 's' || t == 'd' || hex; out.text = t == 0 || t == 's'; break;
    case Kind::kString: fits = t == 0 || t == 's'; out.text = true; break;
    case Kind::kPointer: fits = t == 0 || t == 'p' || hex; break;
  }
  if (!fits) return FormatError::kTypeNotForArgument;
  if (kind == Kind::kPointer) {
    out.base = 16, out.prefix = true;
  } else if (hex) {
    out.base = 16;
  }
  out.upper = t == 'X';
  if (spec.alternate) {
    if (!hex) return FormatError::kAlternateNeedsHex;
    out.prefix = true;
  }
  if (spec.zero && out.text) return FormatError::kZeroPadNeedsNumber;
  return FormatError::kNone;
}

/// Walks `format`, calling visitor.Text(data, size) for literal text and
/// visitor.Placeholder(spec, index) for each placeholder (returning a FormatError); stops at
/// the first error, where *stopped then points (the text before it has been visited).
template <typename Visitor>
constexpr FormatError WalkFormat(const char* format, Visitor& visitor, const char** stopped = nullptr) {
  size_t index = 0;
  const char* text = format;
  const char* at = format;
  auto flush = [&](const char* end) {
    if (end != text) visitor.Text(text, static_cast<size_t>(end - text));
  };
  auto fail = [&](const char* where, FormatError error) {
    if (stopped != nullptr) *stopped = where;
    return error;
  };
  while (*at != '\0') {
    if (*at == '}') {
      if (at[1] != '}') return flush(at), fail(at, FormatError::kUnmatchedCloseBrace);
      flush(at + 1);  // one brace
      text = at += 2;
      continue;
    }
    if (*at != '{') {
      ++at;
      continue;
    }
    if (at[1] == '{') {
      flush(at + 1);
      text = at += 2;
      continue;
    }
    flush(at);
    const char* close = at + 1;
    while (*close != '\0' && *close != '}' && *close != '{') ++close;
    if (*close != '}') return fail(at, FormatError::kUnclosedPlaceholder);
    FormatSpec spec;
    FormatError error = ParseFormatSpec(at + 1, close, spec);
    if (error == FormatError::kNone) error = visitor.Placeholder(spec, index++);
    if (error != FormatError::kNone) return fail(at, error);
    text = at = close + 1;
  }
  flush(at);
  return FormatError::kNone;
}

/// Checks `format` against the kinds of its arguments (all of the compile-time check).
template <size_t N>
constexpr FormatError CheckFormat(const char* format, const FormatArgument::Kind (&kinds)[N], size_t count) {
  struct Checker {
    const FormatArgument::Kind* kinds;
    size_t count;
    size_t used = 0;
    constexpr void Text(const char*, size_t) {}
    constexpr FormatError Placeholder(const FormatSpec& spec, size_t index) {
      if (index >= count) return FormatError::kMissingArgument;
      used = index + 1;
      FormatRendering rendering;
      return RenderingFor(spec, kinds[index], rendering);
    }
  } checker{kinds, count};
  if (const FormatError error = WalkFormat(format, checker); error != FormatError::kNone) return error;
  return checker.used < count ? FormatError::kExtraArgument : FormatError::kNone;
}

namespace format_detail {
template <typename>
inline constexpr bool kUnsupported = false;
}  // namespace format_detail

/// The kind a C++ type formats as: bool, char, integers and enums (their underlying type),
/// C strings and StringView, other pointers. Anything else fails to compile, naming the type.
template <typename T>
consteval FormatArgument::Kind FormatKindOf() {
  using Kind = FormatArgument::Kind;
  using D = std::remove_cv_t<std::decay_t<T>>;
  if constexpr (std::is_same_v<D, bool>) {
    return Kind::kBool;
  } else if constexpr (std::is_same_v<D, char>) {
    return Kind::kChar;
  } else if constexpr (std::is_enum_v<D>) {
    return FormatKindOf<std::underlying_type_t<D>>();
  } else if constexpr (std::is_integral_v<D>) {
    return std::is_signed_v<D> ? Kind::kSigned : Kind::kUnsigned;
  } else if constexpr (std::is_same_v<D, const char*> || std::is_same_v<D, char*> || std::is_same_v<D, StringView>) {
    return Kind::kString;
  } else if constexpr (std::is_pointer_v<D>) {
    return Kind::kPointer;
  } else {
    static_assert(format_detail::kUnsupported<T>, "this type cannot be formatted");
    return Kind::kPointer;
  }
}

/// `value` as the formatter's argument.
template <typename T>
constexpr FormatArgument MakeFormatArgument(const T& value) {
  using Kind = FormatArgument::Kind;
  using D = std::remove_cv_t<std::decay_t<T>>;
  constexpr Kind kind = FormatKindOf<T>();
  FormatArgument argument{kind, {}};
  if constexpr (std::is_enum_v<D>) {
    return MakeFormatArgument(static_cast<std::underlying_type_t<D>>(value));
  } else if constexpr (kind == Kind::kString) {
    const StringView view = std::is_same_v<D, StringView> ? StringView(value)
                            : value != nullptr          ? StringView(value)
                                                        : StringView("(null)");
    argument.string = {view.data(), view.size()};
  } else if constexpr (kind == Kind::kPointer) {
    argument.unsigned_value = reinterpret_cast<uintptr_t>(value);
  } else if constexpr (kind == Kind::kSigned) {
    argument.signed_value = static_cast<int64_t>(value);
  } else if constexpr (kind == Kind::kChar) {
    argument.unsigned_value = static_cast<unsigned char>(value);
  } else {
    argument.unsigned_value = static_cast<uint64_t>(value);
  }
  return argument;
}

/// Writes `format` with `arguments` to `sink` (sink.Write(data, size)). Formats that the
/// compile-time check would refuse still print, visibly: the bad part as text, a missing
/// argument as {?}, and the rest of the string after an unclosed brace as it is.
template <typename Sink>
void FormatTo(Sink& sink, const char* format, const FormatArgument* arguments, size_t count) {
  struct Writer {
    Sink& sink;
    const FormatArgument* arguments;
    size_t count;

    void Text(const char* data, size_t size) { sink.Write(data, size); }
    void Pad(uint32_t length, uint32_t width, char fill) {
      for (uint32_t i = length; i < width; ++i) sink.Write(&fill, 1);
    }
    FormatError Placeholder(const FormatSpec& spec, size_t index) {
      if (index >= count) return Text("{?}", 3), FormatError::kNone;
      const FormatArgument& argument = arguments[index];
      FormatRendering how;
      if (RenderingFor(spec, argument.kind, how) != FormatError::kNone) return Text("{!}", 3), FormatError::kNone;
      if (how.text) return WriteText(argument, spec), FormatError::kNone;
      WriteNumber(argument, spec, how);
      return FormatError::kNone;
    }
    void WriteText(const FormatArgument& argument, const FormatSpec& spec) {
      using Kind = FormatArgument::Kind;
      char c = 0;
      StringView text;
      if (argument.kind == Kind::kString) {
        text = StringView(argument.string.data, argument.string.size);
      } else if (argument.kind == Kind::kBool) {
        text = argument.unsigned_value != 0 ? StringView("true") : StringView("false");
      } else {
        c = static_cast<char>(argument.unsigned_value);
        text = StringView(&c, 1);
      }
      const uint32_t length = text.size() > kMaxFormatWidth ? kMaxFormatWidth : static_cast<uint32_t>(text.size());
      if (spec.align == '>') Pad(length, spec.width, ' ');
      sink.Write(text.data(), text.size());
      if (spec.align != '>') Pad(length, spec.width, ' ');
    }
    void WriteNumber(const FormatArgument& argument, const FormatSpec& spec, const FormatRendering& how) {
      uint64_t value = argument.unsigned_value;
      bool negative = false;
      if (argument.kind == FormatArgument::Kind::kSigned && how.base == 10 && argument.signed_value < 0) {
        negative = true;
        value = 0 - static_cast<uint64_t>(argument.signed_value);  // -(INT64_MIN) overflows in int64_t
      }
      char digits[24];
      uint32_t count_digits = 0;
      const char* alphabet = how.upper ? "0123456789ABCDEF" : "0123456789abcdef";
      do {
        digits[count_digits++] = alphabet[value % how.base];
        value /= how.base;
      } while (value != 0);
      const uint32_t length = count_digits + (negative ? 1 : 0) + (how.prefix ? 2 : 0);
      // Zeros go between the sign or 0x and the digits; spaces outside them.
      if (!spec.zero && spec.align != '<') Pad(length, spec.width, ' ');
      if (negative) sink.Write("-", 1);
      if (how.prefix) sink.Write(how.upper ? "0X" : "0x", 2);
      if (spec.zero) Pad(length, spec.width, '0');
      while (count_digits > 0) sink.Write(&digits[--count_digits], 1);
      if (spec.align == '<') Pad(length, spec.width, ' ');
    }
  } writer{sink, arguments, count};
  const char* stopped = nullptr;
  if (WalkFormat(format, writer, &stopped) != FormatError::kNone) {
    // Only a malformed brace stops the walk (the writer accepts every placeholder): the text
    // before it is written; write the rest as it is.
    size_t size = 0;
    while (stopped[size] != '\0') ++size;
    sink.Write(stopped, size);
  }
}

}  // namespace base
