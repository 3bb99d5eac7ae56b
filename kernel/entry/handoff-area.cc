// SPDX-License-Identifier: MIT
#include "entry/handoff-area.h"

#include "base/string-buffer.h"

namespace {

[[gnu::section(".handoff")]] constinit bootabi::boot_params gParams = {};
[[gnu::section(".handoff")]] constinit bootabi::boot_descriptor gDescriptor = {};
[[gnu::section(".handoff")]] constinit char gCommandLine[bootabi::kCommandLineSize] = {};
constinit bootinfo::E820Scratch gScratch = {};

}  // namespace

bootinfo::Handoff HandoffArea() {
  return bootinfo::Handoff{
      .params = &gParams,
      .descriptor = &gDescriptor,
      .command_line = gCommandLine,
      .command_line_capacity = sizeof(gCommandLine),
      .descriptor_address = reinterpret_cast<uint64_t>(&gDescriptor),
      .command_line_address = reinterpret_cast<uint64_t>(gCommandLine),
  };
}

bootinfo::E820Scratch& StubE820Scratch() { return gScratch; }

void RecordTranslationError(const bootinfo::Handoff& handoff, const base::Error& error) {
  base::StringBuffer<bootabi::kBootTranslationErrorSize> message;
  base::Describe(error, message);
  __builtin_memcpy(handoff.descriptor->translation_error, message.c_str(), message.size() + 1);
}
