// SPDX-License-Identifier: MIT
// Platforms: what the kernel runs on (bare metal, KVM, Xen, QEMU TCG, ...), chosen once on
// the common path from a linker table of descriptors, in the spirit of Linux's
// x86_hyper_init/x86_init ops. Each descriptor's detect() returns a priority (0: not this
// platform); the highest wins; bare metal answers 1, so there is always a platform.
//
// Adding a platform: define a Platform with PLATFORM_ENTRY in a new file under
// kernel/platform/ and add the file to kernel/CMakeLists.txt. Init entries that only make
// sense on it use detect() with platform::Current(), and depend on gPlatformInit.
#pragma once

#include <cstdint>

#include "common/console.h"
#include "inittab/init-entry.h"
#include "linktab/linktab.h"
#include "platform/hypervisor.h"

namespace platform {

struct Platform {
  const char* name;
  uint32_t (*detect)();     // priority; 0 when this is not the platform
  void (*init_platform)();  // once selected, from the "platform" init entry; may be null
  void (*banner)(console::Line& line);  // appends details to the report line; may be null
};

/// The selected platform; valid after SelectPlatform().
const Platform& Current();
/// What the hypervisor leaves said; valid after SelectPlatform().
const HypervisorInfo& Hypervisor();

/// Detects the hypervisor, asks every platform's detect(), keeps the highest priority and
/// records the result in the boot descriptor. Called once, before the init table runs.
void SelectPlatform();

}  // namespace platform

LINKTAB_DECLARE(::platform::Platform, platforms, 10000);
#define PLATFORM_ENTRY LINKTAB_ENTRY(platforms, 10000)

/// "The platform is selected and initialised": depend on it for platform-specific init work.
extern const inittab::InitEntry gPlatformInit;
