// SPDX-License-Identifier: MIT
#include <cstdio>
#include <cstdlib>

#include "command.h"

namespace {

int Sum(int argc, char** argv) {
  long total = 0;
  for (int i = 0; i < argc; ++i) total += std::strtol(argv[i], nullptr, 10);
  std::printf("%ld\n", total);
  return 0;
}

}  // namespace

LINKTAB_ENTRY(commands, COMMAND_LEVEL_EXTRA) Command kSum{"sum", "add the numbers given", Sum};
