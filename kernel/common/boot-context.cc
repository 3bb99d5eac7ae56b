// SPDX-License-Identifier: MIT
#include "common/boot-context.h"

#include "arch/x86/identity-map.h"
#include "base/string-buffer.h"
#include "base/string.h"
#include "common/console.h"
#include "common/exit.h"

constinit BootContext gBoot;

namespace {

// The common path reads only what the identity map covers.
bool Mapped(uint64_t address, uint64_t size) {
  return address != 0 && address < arch::kIdentityMappedBytes &&
         size <= arch::kIdentityMappedBytes - address;
}

const abi::boot_descriptor& CheckDescriptor(const abi::boot_params& params) {
  const uint64_t address = params.hdr.hardware_subarch_data;
  if (!Mapped(address, sizeof(abi::boot_descriptor))) {
    FailWithError("handoff", base::MakeError("no unientry descriptor",
                                             "boot_params.hdr.hardware_subarch_data",
                                             arch::kIdentityMappedBytes, address));
  }
  const auto& descriptor = *reinterpret_cast<const abi::boot_descriptor*>(address);
  if (descriptor.magic != abi::kBootDescriptorMagic) {
    FailWithError("handoff", base::MakeError("bad magic", "boot_descriptor.magic",
                                             abi::kBootDescriptorMagic, descriptor.magic));
  }
  if (descriptor.version != abi::kBootDescriptorVersion ||
      descriptor.size < sizeof(abi::boot_descriptor)) {
    FailWithError("handoff", base::MakeError("unsupported descriptor version",
                                             "boot_descriptor.version",
                                             abi::kBootDescriptorVersion, descriptor.version));
  }
  if (descriptor.entry >= abi::kBootEntryCount) {
    FailWithError("handoff", base::MakeError("unknown boot entry", "boot_descriptor.entry",
                                             abi::kBootEntryCount - 1, descriptor.entry));
  }
  return descriptor;
}

base::StringView CommandLineOf(const abi::boot_params& params) {
  const uint64_t address = abi::CommandLineAddress(params);
  if (address == 0) return {};
  if (!Mapped(address, 1)) {
    FailWithError("handoff", base::MakeError("command line outside the identity map",
                                             "boot_params.hdr.cmd_line_ptr",
                                             arch::kIdentityMappedBytes, address));
  }
  const char* text = reinterpret_cast<const char*>(address);
  size_t length = 0;
  while (length < abi::kCommandLineSize && text[length] != '\0') ++length;
  return base::StringView(text, length);
}

}  // namespace

void AcceptHandoff(const abi::boot_params* params) {
  if (params == nullptr || !Mapped(reinterpret_cast<uint64_t>(params), sizeof(*params))) {
    FailWithError("handoff", base::MakeError("boot_params outside the identity map", "rsi",
                                             arch::kIdentityMappedBytes,
                                             reinterpret_cast<uint64_t>(params)));
  }
  if (params->hdr.header != abi::kSetupHeaderMagic) {
    FailWithError("handoff", base::MakeError("bad setup header magic", "boot_params.hdr.header",
                                             abi::kSetupHeaderMagic, params->hdr.header));
  }
  if (params->hdr.hardware_subarch >= abi::kHardwareSubarchCount) {
    FailWithError("handoff", base::MakeError("unknown hardware subarch",
                                             "boot_params.hdr.hardware_subarch",
                                             abi::kHardwareSubarchCount - 1,
                                             params->hdr.hardware_subarch));
  }
  const abi::boot_descriptor& descriptor = CheckDescriptor(*params);
  gBoot.params = params;
  gBoot.descriptor = &descriptor;
  gBoot.entry = static_cast<abi::BootEntry>(descriptor.entry);
  console::Line().Append("entry ").Append(abi::BootEntryName(gBoot.entry));

  if (descriptor.translation_error[0] != '\0') {
    base::StringBuffer<abi::kBootTranslationErrorSize + 32> message;
    message.Append(abi::BootEntryName(gBoot.entry));
    message.Append(" stub: ");
    char error[abi::kBootTranslationErrorSize];
    base::CopyBoundedString(error, sizeof(error), descriptor.translation_error, sizeof(error));
    message.Append(error);
    Fail(message.c_str());
  }
  gBoot.command_line = CommandLineOf(*params);
}
