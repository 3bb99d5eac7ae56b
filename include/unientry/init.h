// SPDX-License-Identifier: MIT
// A kernel's own init work: entries of the framework's init table, checked at build time and
// at boot with the framework's (docs/kernel-authors.md).
//
//   void CountPages() { ... unientry::Boot().memory_map ... }
//   INIT_ENTRY(gMyPagesInit, "my-pages", INIT_LEVEL_NORMAL, .run = CountPages,
//              .depends = inittab::DependsOn<gMemoryMapInit>());
#pragma once

#include "inittab/init-entry.h"

// The framework's entries a kernel's entry may depend on.
extern const inittab::InitEntry gCpuFeaturesInit;  // "cpu-features", level INIT_LEVEL_EARLY
extern const inittab::InitEntry gCr4ShadowInit;    // "cr4-shadow", level INIT_LEVEL_EARLY
extern const inittab::InitEntry gPlatformInit;     // "platform", level INIT_LEVEL_EARLY
extern const inittab::InitEntry gCommandLineInit;  // "command-line", level INIT_LEVEL_PLATFORM
extern const inittab::InitEntry gMemoryMapInit;    // "memory-map", level INIT_LEVEL_PLATFORM: Boot().memory_map
extern const inittab::InitEntry gIdentityMapInit;  // "identity-map", level INIT_LEVEL_PLATFORM: all RAM mapped
extern const inittab::InitEntry gFramesInit;       // "frames", level INIT_LEVEL_PLATFORM: AllocateFrames
extern const inittab::InitEntry gAcpiInit;         // "acpi", level INIT_LEVEL_PLATFORM: AcpiMadt, AcpiHpet
extern const inittab::InitEntry gTimerInit;        // "timer", level INIT_LEVEL_NORMAL: the clock, StartTimer
extern const inittab::InitEntry gIoApicInit;       // "io-apic", level INIT_LEVEL_NORMAL: RouteIsaIrq
