// SPDX-License-Identifier: MIT
// unientry::Print: the format of include/unientry/print.h, written straight to the console.
#include "common/console.h"
#include "unientry/print.h"

namespace {

struct Spec {
  bool alternate = false;  // '#': 0x before hex
  bool zero = false;       // '0': pad with zeros
  uint32_t width = 0;
  char type = 0;  // 0, 'x', 'X', 'd', 's', 'c', 'p'
};

// Parses the text between '{' and '}' (exclusive); false when it is not a spec we know.
bool ParseSpec(const char* begin, const char* end, Spec& spec) {
  if (begin == end) return true;
  if (*begin != ':') return false;
  ++begin;
  if (begin != end && *begin == '#') spec.alternate = true, ++begin;
  if (begin != end && *begin == '0') spec.zero = true, ++begin;
  for (; begin != end && *begin >= '0' && *begin <= '9'; ++begin) {
    spec.width = spec.width * 10 + static_cast<uint32_t>(*begin - '0');
    if (spec.width > 64) return false;
  }
  if (begin != end) spec.type = *begin++;
  return begin == end;
}

void Pad(uint32_t length, const Spec& spec) {
  for (uint32_t i = length; i < spec.width; ++i) console::WriteChar(spec.zero ? '0' : ' ');
}

void WriteText(const char* text, size_t size, const Spec& spec) {
  Pad(static_cast<uint32_t>(size), spec);
  for (size_t i = 0; i < size; ++i) console::WriteChar(text[i]);
}

void WriteNumber(uint64_t value, bool negative, uint32_t base, bool upper, const Spec& spec) {
  char digits[24];
  uint32_t count = 0;
  const char* alphabet = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  do {
    digits[count++] = alphabet[value % base];
    value /= base;
  } while (value != 0);
  const uint32_t prefix = (negative ? 1 : 0) + (base == 16 && spec.alternate ? 2 : 0);
  // Zero padding goes between the sign or 0x and the digits; spaces go before them.
  if (!spec.zero) Pad(count + prefix, spec);
  if (negative) console::WriteChar('-');
  if (base == 16 && spec.alternate) console::Write(upper ? "0X" : "0x");
  if (spec.zero) Pad(count + prefix, spec);
  while (count > 0) console::WriteChar(digits[--count]);
}

void WriteArgument(const unientry::FormatArgument& argument, Spec spec) {
  using Kind = unientry::FormatArgument::Kind;
  const bool hex = spec.type == 'x' || spec.type == 'X' || spec.type == 'p';
  switch (argument.kind) {
    case Kind::kString: return WriteText(argument.string.data, argument.string.size, spec);
    case Kind::kChar: {
      const char c = static_cast<char>(argument.unsigned_value);
      if (spec.type == 'c' || spec.type == 0 || spec.type == 's') return WriteText(&c, 1, spec);
      return WriteNumber(argument.unsigned_value, false, hex ? 16 : 10, spec.type == 'X', spec);
    }
    case Kind::kBool:
      if (spec.type == 0 || spec.type == 's') {
        return argument.unsigned_value != 0 ? WriteText("true", 4, spec) : WriteText("false", 5, spec);
      }
      return WriteNumber(argument.unsigned_value, false, hex ? 16 : 10, spec.type == 'X', spec);
    case Kind::kPointer:
      spec.alternate = true;
      return WriteNumber(argument.unsigned_value, false, 16, spec.type == 'X', spec);
    case Kind::kSigned: {
      if (hex) return WriteNumber(static_cast<uint64_t>(argument.signed_value), false, 16, spec.type == 'X', spec);
      const bool negative = argument.signed_value < 0;
      // -(INT64_MIN) overflows: negate in unsigned arithmetic.
      const uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(argument.signed_value)
                                          : static_cast<uint64_t>(argument.signed_value);
      return WriteNumber(magnitude, negative, 10, false, spec);
    }
    case Kind::kUnsigned:
      return WriteNumber(argument.unsigned_value, false, hex ? 16 : 10, spec.type == 'X', spec);
  }
}

}  // namespace

namespace unientry {

void PrintArguments(const char* format, const FormatArgument* arguments, size_t count) {
  size_t next = 0;
  for (const char* at = format; *at != '\0'; ++at) {
    if (*at == '}' && at[1] == '}') {
      console::WriteChar('}');
      ++at;
      continue;
    }
    if (*at != '{') {
      console::WriteChar(*at);
      continue;
    }
    if (at[1] == '{') {
      console::WriteChar('{');
      ++at;
      continue;
    }
    const char* close = at + 1;
    while (*close != '\0' && *close != '}') ++close;
    Spec spec;
    if (*close == '\0' || !ParseSpec(at + 1, close, spec)) {
      console::WriteChar(*at);  // not a placeholder: print it as text
      continue;
    }
    if (next < count) {
      WriteArgument(arguments[next++], spec);
    } else {
      console::Write("{?}");
    }
    at = close;
  }
}

}  // namespace unientry
