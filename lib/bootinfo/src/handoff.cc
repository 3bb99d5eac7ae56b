// SPDX-License-Identifier: MIT
#include "bootinfo/handoff.h"

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

}  // namespace bootinfo
