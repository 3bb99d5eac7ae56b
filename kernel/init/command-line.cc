// SPDX-License-Identifier: MIT
#include "init/command-line.h"

#include "common/boot-context.h"
#include "common/console.h"

namespace command_line {
namespace {

constinit bootinfo::CommandLine gCommandLine{base::StringView()};

void Parse() {
  gCommandLine = bootinfo::CommandLine(gBoot.command_line);
  console::Line().Append("cmdline words=").AppendDecimal(gCommandLine.WordCount());
}

}  // namespace

const bootinfo::CommandLine& Current() { return gCommandLine; }

bool Lookup(base::StringView key, base::StringView& value) {
  bootinfo::CommandLineWord word;
  if (gCommandLine.Find(key, word) == nullptr) return false;
  value = word.value;
  return true;
}

}  // namespace command_line

INIT_ENTRY(gCommandLineInit, "command-line", INIT_LEVEL_PLATFORM, .run = command_line::Parse);
