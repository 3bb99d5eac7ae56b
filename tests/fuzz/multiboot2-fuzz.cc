// SPDX-License-Identifier: MIT
// Fuzzes Multiboot 2 information -> boot_params: the tag list at fuzz::kBase.
#include "abi/multiboot2.h"
#include "bootinfo/multiboot.h"
#include "fuzz-support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  fuzz::FuzzConverter(data, size, [](const auto& memory, const auto& handoff, auto& scratch) {
    return bootinfo::ConvertMultiboot2(memory, bootabi::multiboot2::kBootloaderMagic, fuzz::kBase, handoff, scratch);
  });
  return 0;
}
