// SPDX-License-Identifier: MIT
// Fuzzes hvm_start_info -> boot_params. The input is guest memory at fuzz::kBase with the
// start info at its first byte; every pointer inside is the fuzzer's choice.
#include "bootinfo/pvh.h"
#include "fuzz-support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  fuzz::FuzzConverter(data, size, [](const auto& memory, const auto& handoff, auto& scratch) {
    return bootinfo::ConvertPvh(memory, fuzz::kBase, handoff, scratch);
  });
  return 0;
}
