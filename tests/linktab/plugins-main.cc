// SPDX-License-Identifier: MIT
// Prints the plugins table: "plugins: 2 (alpha beta)" when the archive's entries were linked.
#include <cstdio>
#include <string>

#include "plugins.h"

LINKTAB_DEFINE(plugins);

int main() {
  std::string names;
  size_t count = 0;
  for (const Plugin& plugin : linktab::Entries<LINKTAB_TABLE(plugins)>()) {
    names += (names.empty() ? "" : " ") + std::string(plugin.name);
    ++count;
  }
  std::printf("plugins: %zu (%s)\n", count, names.c_str());
  return 0;
}
