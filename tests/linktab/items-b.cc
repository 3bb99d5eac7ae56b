// SPDX-License-Identifier: MIT
#include <algorithm>
#include <span>
#include <vector>

#include "table.h"

LINKTAB_ENTRY(items, ITEM_LEVEL_SECOND) Item kB2{"b2", ITEM_LEVEL_SECOND, nullptr};
LINKTAB_ENTRY(items, ITEM_LEVEL_FIRST) Item kB1{"b1", ITEM_LEVEL_FIRST, nullptr};
LINKTAB_ENTRY(flags, 10000) Flag kFlag2{2};
LINKTAB_ENTRY(bigs, 10000) Big kBig3{"third"};

std::string ItemOrder() {
  std::string order;
  for (const Item& item : linktab::Entries<LINKTAB_TABLE(items)>()) {
    if (!order.empty()) order += " ";
    order += item.name;
  }
  return order;
}

std::string ItemLevels() {
  std::string text;
  std::vector<std::string> group;
  int level = 0;
  auto flush = [&] {
    std::sort(group.begin(), group.end());
    if (!text.empty()) text += " | ";
    for (size_t i = 0; i < group.size(); ++i) text += (i ? " " : "") + group[i];
    group.clear();
  };
  for (const Item& item : linktab::Entries<LINKTAB_TABLE(items)>()) {
    if (item.level < level) return "";
    if (item.level != level && !group.empty()) flush();
    level = item.level;
    group.push_back(item.name);
  }
  if (!group.empty()) flush();
  return text;
}

std::string FlagsThroughSpan() {
  const std::span<const Flag> flags(linktab::Entries<LINKTAB_TABLE(flags)>());
  std::string values;
  for (const Flag& flag : flags) {
    if (!values.empty()) values += " ";
    values += std::to_string(flag.value);
  }
  return values;
}

size_t NothingCount() { return linktab::Entries<LINKTAB_TABLE(nothing)>().size(); }

bool BigsAreContiguous() {
  const auto bigs = linktab::Entries<LINKTAB_TABLE(bigs)>();
  return bigs.size() == 3 &&
         reinterpret_cast<const char*>(bigs.end()) - reinterpret_cast<const char*>(bigs.begin()) ==
             static_cast<ptrdiff_t>(3 * sizeof(Big));
}
