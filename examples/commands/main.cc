// SPDX-License-Identifier: MIT
#include <cstdio>
#include <cstring>

#include "command.h"

LINKTAB_DEFINE(commands);

namespace {

int Help(int, char**) {
  std::puts("commands:");
  for (const Command& command : linktab::Entries<LINKTAB_TABLE(commands)>()) {
    std::printf("  %-6s %s\n", command.name, command.help);
  }
  return 0;
}

}  // namespace

LINKTAB_ENTRY(commands, COMMAND_LEVEL_BUILTIN) Command kHelp{"help", "list the commands", Help};

int main(int argc, char** argv) {
  const char* name = argc > 1 ? argv[1] : "help";
  for (const Command& command : linktab::Entries<LINKTAB_TABLE(commands)>()) {
    if (std::strcmp(command.name, name) == 0) return command.run(argc - 2, argv + 2);
  }
  std::fprintf(stderr, "unknown command '%s'; try 'help'\n", name);
  return 2;
}
