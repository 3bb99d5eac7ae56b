// SPDX-License-Identifier: MIT
#include "bootinfo/handoff.h"

#include "base/string.h"

namespace bootinfo {

void BeginHandoff(const Handoff& handoff, bootabi::BootEntry entry, uint64_t original_info_address) {
  __builtin_memset(handoff.params, 0, sizeof(*handoff.params));
  __builtin_memset(handoff.descriptor, 0, sizeof(*handoff.descriptor));
  handoff.command_line[0] = '\0';

  bootabi::boot_params& params = *handoff.params;
  params.hdr.boot_flag = bootabi::kBootFlag;
  params.hdr.header = bootabi::kSetupHeaderMagic;
  params.hdr.version = 0x020f;  // the protocol level whose fields the stubs fill
  params.hdr.type_of_loader = static_cast<uint8_t>(bootabi::LoaderType::kUndefined) << 4;
  params.hdr.cmdline_size = static_cast<uint32_t>(handoff.command_line_capacity - 1);
  params.hdr.hardware_subarch = static_cast<uint32_t>(bootabi::HardwareSubarch::kPc);
  params.hdr.hardware_subarch_data = handoff.descriptor_address;
  bootabi::SetCommandLineAddress(params, handoff.command_line_address);

  bootabi::boot_descriptor& descriptor = *handoff.descriptor;
  descriptor.magic = bootabi::kBootDescriptorMagic;
  descriptor.version = bootabi::kBootDescriptorVersion;
  descriptor.size = sizeof(bootabi::boot_descriptor);
  descriptor.entry = static_cast<uint8_t>(entry);
  descriptor.original_info_paddr = original_info_address;
}

base::Result<> CopyCommandLine(const PhysicalMemory& memory, uint64_t address, size_t max_length,
                               const Handoff& handoff, const char* field) {
  if (address == 0) return base::Ok{};
  uint64_t readable = memory.ReadableFrom(address);
  if (readable == 0) {
    return base::MakeError("outside readable memory", field, memory.base() + memory.size(), address);
  }
  size_t capacity = handoff.command_line_capacity;
  if (max_length + 1 < capacity) capacity = max_length + 1;
  // Reading up to the capacity is enough to tell "too long" from "unterminated".
  if (readable > capacity) readable = capacity;
  const base::CopyResult copy = base::CopyBoundedString(
      handoff.command_line, capacity, reinterpret_cast<const char*>(memory.At(address)), readable);
  if (copy.status == base::CopyStatus::kUnterminated) {
    handoff.command_line[0] = '\0';
    return base::MakeError("not NUL-terminated before the end of readable memory", field,
                           memory.base() + memory.size(), address + readable);
  }
  handoff.descriptor->cmdline_truncated = copy.status == base::CopyStatus::kTruncated ? 1 : 0;
  return base::Ok{};
}

}  // namespace bootinfo
