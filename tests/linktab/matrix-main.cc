// SPDX-License-Identifier: MIT
// One cell of the linktab compiler/linker matrix: exits 0 when every table reads back right.
#include <cstdio>
#include <string>

#include "table.h"

int main(int argc, char** argv) {
  const bool link_order_kept = argc > 1 && std::string(argv[1]) == "--link-order";
  int failures = 0;
  auto expect = [&](const std::string& what, const std::string& got, const std::string& expected) {
    if (got == expected) return;
    std::printf("FAIL %s: expected '%s', got '%s'\n", what.c_str(), expected.c_str(), got.c_str());
    ++failures;
  };
  expect("item levels", ItemLevels(), kExpectedItemLevels);
  if (link_order_kept) expect("item link order", ItemOrder(), kExpectedItemLinkOrder);
  expect("flags via std::span", FlagsThroughSpan(), "1 2");
  expect("empty table size", std::to_string(NothingCount()), "0");
  expect("large entries contiguous", BigsAreContiguous() ? "yes" : "no", "yes");
  return failures == 0 ? 0 : 1;
}
