// SPDX-License-Identifier: MIT
// base/format.h: what unientry::Print writes, and which formats its compile-time check refuses.
#include "base/format.h"

#include <gtest/gtest.h>

#include <climits>
#include <cstdint>
#include <string>

namespace {

using base::FormatError;
using Kind = base::FormatArgument::Kind;

struct StringSink {
  std::string text;
  void Write(const char* data, size_t size) { text.append(data, size); }
};

template <typename... Arguments>
std::string Format(const char* format, const Arguments&... arguments) {
  StringSink sink;
  if constexpr (sizeof...(Arguments) == 0) {
    base::FormatTo(sink, format, nullptr, 0);
  } else {
    const base::FormatArgument list[] = {base::MakeFormatArgument(arguments)...};
    base::FormatTo(sink, format, list, sizeof...(Arguments));
  }
  return sink.text;
}

// What the compile-time check of unientry::Print computes, here as a value.
template <typename... Arguments>
constexpr FormatError Check(const char* format) {
  constexpr Kind kinds[sizeof...(Arguments) + 1] = {base::FormatKindOf<Arguments>()..., Kind::kBool};
  return base::CheckFormat(format, kinds, sizeof...(Arguments));
}

enum class Colour : uint8_t { kRed = 3 };

TEST(Format, DefaultsFollowTheArgumentType) {
  EXPECT_EQ(Format("{} {} {} {} {}", 42, -7, 'c', true, "text"), "42 -7 c true text");
  EXPECT_EQ(Format("{}", uint64_t{UINT64_MAX}), "18446744073709551615");
  EXPECT_EQ(Format("{}", int64_t{INT64_MIN}), "-9223372036854775808");
  EXPECT_EQ(Format("{}", Colour::kRed), "3");
  EXPECT_EQ(Format("{}", base::StringView("view", 2)), "vi");
  EXPECT_EQ(Format("{}", static_cast<const char*>(nullptr)), "(null)");
  EXPECT_EQ(Format("{}", reinterpret_cast<const void*>(0x1000)), "0x1000");
}

TEST(Format, HexadecimalAndAlternate) {
  EXPECT_EQ(Format("{:x} {:X} {:#x} {:#X}", 255, 255, 255, 255), "ff FF 0xff 0XFF");
  EXPECT_EQ(Format("{:#018x}", uint64_t{0x1000}), "0x0000000000001000");
  EXPECT_EQ(Format("{:x}", -1), "ffffffffffffffff");  // the two's complement, as 64 bits
  EXPECT_EQ(Format("{:x} {:d}", 'A', true), "41 1");
  EXPECT_EQ(Format("{:p} {:X}", reinterpret_cast<const void*>(0xab), reinterpret_cast<const void*>(0xab)), "0xab 0XAB");
}

TEST(Format, WidthAlignsTextLeftAndNumbersRightAsFmtDoes) {
  EXPECT_EQ(Format("[{:6}] [{:6}]", "ab", 12), "[ab    ] [    12]");
  EXPECT_EQ(Format("[{:>6}] [{:<6}]", "ab", 12), "[    ab] [12    ]");
  EXPECT_EQ(Format("[{:06}] [{:06}]", -12, 12), "[-00012] [000012]");
  EXPECT_EQ(Format("[{:#08x}]", 0xab), "[0x0000ab]");
  EXPECT_EQ(Format("[{:2}]", "longer"), "[longer]");  // a minimum, never a cut
  EXPECT_EQ(Format("[{:<3c}]", 'z'), "[z  ]");
}

TEST(Format, BracesAndPlainText) {
  EXPECT_EQ(Format("{{}} {{{}}}", 1), "{} {1}");
  EXPECT_EQ(Format("no placeholders"), "no placeholders");
  EXPECT_EQ(Format(""), "");
}

TEST(Format, TheCheckAcceptsWhatPrints) {
  static_assert(Check<int, const char*, char, bool, const void*>("{:#x} {:s} {:c} {:s} {:p}") == FormatError::kNone);
  static_assert(Check<>("{{}}") == FormatError::kNone);
  static_assert(Check<uint64_t>("{:#>18X}") == FormatError::kBadSpec);  // the align comes first, as in fmt
  static_assert(Check<uint64_t>("{:<#18X}") == FormatError::kNone);
}

TEST(Format, TheCheckRefusesEachMistake) {
  static_assert(Check<int>("{") == FormatError::kUnclosedPlaceholder);
  static_assert(Check<int>("{:x") == FormatError::kUnclosedPlaceholder);
  static_assert(Check<>("}") == FormatError::kUnmatchedCloseBrace);
  static_assert(Check<int>("{:q}") == FormatError::kBadSpec);
  static_assert(Check<int>("{:08.3}") == FormatError::kBadSpec);
  static_assert(Check<int>("{0}") == FormatError::kBadSpec);  // no positional arguments
  static_assert(Check<int>("{:256}") == FormatError::kWidthTooLarge);
  static_assert(Check<const char*>("{:x}") == FormatError::kTypeNotForArgument);
  static_assert(Check<int>("{:s}") == FormatError::kTypeNotForArgument);
  static_assert(Check<int>("{:c}") == FormatError::kTypeNotForArgument);
  static_assert(Check<const void*>("{:d}") == FormatError::kTypeNotForArgument);
  static_assert(Check<int>("{:#}") == FormatError::kAlternateNeedsHex);
  static_assert(Check<int>("{:#d}") == FormatError::kAlternateNeedsHex);
  static_assert(Check<const char*>("{:08}") == FormatError::kZeroPadNeedsNumber);
  static_assert(Check<bool>("{:05}") == FormatError::kZeroPadNeedsNumber);
  static_assert(Check<int>("{:<08}") == FormatError::kZeroPadWithAlign);
  static_assert(Check<int, int>("{}") == FormatError::kExtraArgument);
  static_assert(Check<int>("{} {}") == FormatError::kMissingArgument);
  static_assert(Check<>("{}") == FormatError::kMissingArgument);
  EXPECT_STREQ(base::FormatErrorName(FormatError::kMissingArgument), "a placeholder without an argument");
}

TEST(Format, UncheckedFormatsPrintTheirMistakesVisibly) {
  EXPECT_EQ(Format("a {} b {}", 1), "a 1 b {?}");
  EXPECT_EQ(Format("{:x} then {}", "text", 2), "{!} then 2");
  EXPECT_EQ(Format("ok {} then {:q} {}", 1, 2, 3), "ok 1 then {:q} {}");
  EXPECT_EQ(Format("open { brace", 1), "open { brace");
  EXPECT_EQ(Format("close } brace"), "close } brace");
}

}  // namespace
