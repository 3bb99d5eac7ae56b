// SPDX-License-Identifier: MIT
// What the common path knows about this boot: boot_params and our descriptor, nothing else.
// (Architecture rule: after the entry stub, no code reads a loader's own structures.)
#pragma once

#include "abi/boot-descriptor.h"
#include "abi/boot-params.h"
#include "base/string-view.h"

struct BootContext {
  const bootabi::boot_params* params = nullptr;
  bootabi::boot_descriptor* descriptor = nullptr;  // the common path adds the platform it found
  bootabi::BootEntry entry = bootabi::BootEntry::kPvh;
  bootabi::Firmware firmware = bootabi::Firmware::kNone;
  base::StringView command_line;
};

extern constinit BootContext gBoot;

/// boot_params.hdr.hardware_subarch, or PC when `params` is not readable; for choosing the
/// platform before AcceptHandoff can print what is wrong.
uint32_t PeekHardwareSubarch(const bootabi::boot_params* params);

/// Validates what the stub handed over and fills gBoot; stops the boot with a message naming
/// the field when boot_params or the descriptor are unusable or the stub reported an error.
void AcceptHandoff(const bootabi::boot_params* params);
