// SPDX-License-Identifier: MIT
// Fuzzes Multiboot 1 information -> boot_params: the multiboot_info at fuzz::kBase.
#include "abi/multiboot1.h"
#include "bootinfo/multiboot.h"
#include "fuzz-support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  fuzz::FuzzConverter(data, size, [](const auto& memory, const auto& handoff, auto& scratch) {
    return bootinfo::ConvertMultiboot1(memory, bootabi::multiboot1::kBootloaderMagic, fuzz::kBase, handoff, scratch);
  });
  return 0;
}
