// SPDX-License-Identifier: MIT
#include <cstdio>

#include "command.h"

namespace {

int Greet(int argc, char** argv) {
  std::printf("hello, %s\n", argc > 0 ? argv[0] : "world");
  return 0;
}

}  // namespace

LINKTAB_ENTRY(commands, COMMAND_LEVEL_EXTRA) Command kGreet{"greet", "greet NAME", Greet};
