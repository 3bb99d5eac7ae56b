// SPDX-License-Identifier: MIT
#include "init/command-line.h"

#include "common/boot-context.h"
#include "common/console.h"

namespace command_line {
namespace {

constinit bootinfo::CommandLine gCommandLine{base::StringView()};

// The words, split once: detect hooks look keys up on every boot, and each lookup would
// otherwise split the whole line again. A longer line than this is looked up by splitting.
constexpr uint32_t kMaxKeptWords = 64;
[[gnu::section(".scratch")]] constinit bootinfo::CommandLineWord gWords[kMaxKeptWords] = {};  // [0, gWordCount)
constinit uint32_t gWordCount = 0;
constinit bool gAllKept = false;

void Parse() {
  gCommandLine = bootinfo::CommandLine(gBoot.command_line);
  uint32_t words = 0;
  for (const bootinfo::CommandLineWord& word : gCommandLine) {
    if (words < kMaxKeptWords) gWords[words] = word;
    ++words;
  }
  gWordCount = words < kMaxKeptWords ? words : kMaxKeptWords;
  gAllKept = words <= kMaxKeptWords;
  console::Line().Append("cmdline words=").AppendDecimal(words);
}

}  // namespace

const bootinfo::CommandLine& Current() { return gCommandLine; }

bool Lookup(base::StringView key, base::StringView& value) {
  if (gAllKept) {
    for (uint32_t i = gWordCount; i-- > 0;) {  // the last word with the key wins
      if (gWords[i].key == key) {
        value = gWords[i].value;
        return true;
      }
    }
    return false;
  }
  bootinfo::CommandLineWord word;
  if (gCommandLine.Find(key, word) == nullptr) return false;
  value = word.value;
  return true;
}

}  // namespace command_line

INIT_ENTRY(gCommandLineInit, "command-line", INIT_LEVEL_PLATFORM, .run = command_line::Parse);
