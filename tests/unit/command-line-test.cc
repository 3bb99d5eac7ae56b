// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "bootinfo/command-line.h"

namespace {

std::string Str(base::StringView view) { return std::string(view.data(), view.size()); }

std::vector<std::string> Words(const char* text) {
  std::vector<std::string> words;
  for (const auto& word : bootinfo::CommandLine(text)) {
    words.push_back(Str(word.key) + (word.has_value ? "=" + Str(word.value) : ""));
  }
  return words;
}

TEST(CommandLine, SplitsOnSpacesAndSkipsRuns) {
  EXPECT_EQ(Words("  a b=1   c= "), (std::vector<std::string>{"a", "b=1", "c="}));
}

TEST(CommandLine, EmptyAndBlankLinesHaveNoWords) {
  EXPECT_TRUE(Words("").empty());
  EXPECT_TRUE(Words("    ").empty());
}

TEST(CommandLine, QuotesGroupSpacesAndAreStrippedFromValues) {
  EXPECT_EQ(Words("a=\"x y\" b"), (std::vector<std::string>{"a=x y", "b"}));
}

TEST(CommandLine, ValueKeepsLaterEqualsSigns) {
  EXPECT_EQ(Words("root=UUID=1234"), (std::vector<std::string>{"root=UUID=1234"}));
}

TEST(CommandLine, FindReturnsTheLastOccurrence) {
  bootinfo::CommandLine line("x=1 y x=2");
  bootinfo::CommandLineWord word;
  ASSERT_NE(line.Find("x", word), nullptr);
  EXPECT_EQ(Str(word.value), "2");
  ASSERT_NE(line.Find("y", word), nullptr);
  EXPECT_FALSE(word.has_value);
  EXPECT_EQ(line.Find("z", word), nullptr);
  EXPECT_EQ(line.WordCount(), 3u);
}

TEST(CommandLine, WorksAtCompileTime) {
  constexpr bootinfo::CommandLine line("a b c");
  static_assert(line.WordCount() == 3);
}

}  // namespace
