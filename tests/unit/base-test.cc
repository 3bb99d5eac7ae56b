// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <string>

#include "base/error.h"
#include "base/result.h"
#include "base/string-buffer.h"
#include "base/string.h"

namespace {

TEST(CopyBoundedString, CopiesAStringThatFits) {
  char out[8];
  const auto result = base::CopyBoundedString(out, sizeof(out), "abc", 100);
  EXPECT_EQ(result.status, base::CopyStatus::kComplete);
  EXPECT_EQ(result.length, 3u);
  EXPECT_STREQ(out, "abc");
}

TEST(CopyBoundedString, TruncatesToTheCapacityAndTerminates) {
  char out[4];
  const auto result = base::CopyBoundedString(out, sizeof(out), "abcdef", 100);
  EXPECT_EQ(result.status, base::CopyStatus::kTruncated);
  EXPECT_STREQ(out, "abc");
}

TEST(CopyBoundedString, ExactFitIsComplete) {
  char out[4];
  EXPECT_EQ(base::CopyBoundedString(out, sizeof(out), "abc", 4).status, base::CopyStatus::kComplete);
}

TEST(CopyBoundedString, StopsAtTheReadableEnd) {
  char out[8];
  const char source[3] = {'a', 'b', 'c'};  // no NUL
  const auto result = base::CopyBoundedString(out, sizeof(out), source, sizeof(source));
  EXPECT_EQ(result.status, base::CopyStatus::kUnterminated);
  EXPECT_STREQ(out, "abc");
}

TEST(StringBuffer, FormatsNumbersAndTruncates) {
  base::StringBuffer<16> text;
  text.AppendDecimal(0);
  text.Append(" ");
  text.AppendHex(0x1f);
  text.Append(" ");
  text.AppendHexPadded(0x1f, 4);
  EXPECT_STREQ(text.c_str(), "0 0x1f 0x001f");
  text.Append("overflowing");
  EXPECT_TRUE(text.truncated());
  EXPECT_EQ(text.size(), 15u);
}

TEST(Error, DescribeNamesFieldIndexAndValues) {
  base::StringBuffer<128> text;
  base::Describe(base::AtIndex(base::MakeError("bad size", "table.entry", 24, 16), 3), text);
  EXPECT_STREQ(text.c_str(), "table.entry[3]: bad size: expected 0x18, got 0x10");
}

base::Result<int> Half(int value) {
  if (value % 2 != 0) return base::MakeError("odd", "value", 0, static_cast<uint64_t>(value));
  return value / 2;
}

base::Result<int> Quarter(int value) {
  const int half = TRY(Half(value));
  return TRY(Half(half));
}

TEST(Result, TryPropagatesTheFirstError) {
  EXPECT_EQ(Quarter(8).value(), 2);
  EXPECT_TRUE(Quarter(6).is_error());
  EXPECT_EQ(Quarter(6).error().got, 3u);
}

}  // namespace
