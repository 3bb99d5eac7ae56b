// SPDX-License-Identifier: MIT
// linktab example: a command-line program whose subcommands register themselves from their
// own files. main.cc knows none of them by name.
#pragma once

#include "linktab/linktab.h"

struct Command {
  const char* name;
  const char* help;
  int (*run)(int argc, char** argv);
};

// Two levels: built-in commands list first in `help`, then the rest.
#define COMMAND_LEVEL_BUILTIN 10000
#define COMMAND_LEVEL_EXTRA 20000
LINKTAB_DECLARE(Command, commands, COMMAND_LEVEL_BUILTIN, COMMAND_LEVEL_EXTRA);
