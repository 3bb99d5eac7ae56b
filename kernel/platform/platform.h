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

#include "abi/e820.h"
#include "common/console.h"
#include "common/time-source.h"
#include "inittab/init-entry.h"
#include "linktab/linktab.h"
#include "platform/hypervisor.h"

namespace platform {

/// Masking, unmasking and waiting for interrupts where cli, sti and hlt are not the way (a Xen
/// PV kernel runs in ring 3: its "interrupts off" is the event mask Xen reads).
struct InterruptControl {
  void (*enable)() = nullptr;
  void (*disable)() = nullptr;
  void (*wait)() = nullptr;  // enable, wait for one, disable again
};

/// A platform's hooks. Every hook may be null: the PC's own way is then used (COM1 for the
/// console, nothing to initialise, no memory map beyond what the entry handed over).
struct Platform {
  const char* name = nullptr;
  uint32_t (*detect)() = nullptr;     // priority; 0 when this is not the platform
  void (*init_platform)() = nullptr;  // once selected, from the "platform" init entry
  void (*banner)(console::Line& line) = nullptr;  // appends details to the report line
  console::Backend console = {};      // where the console writes, when it is not COM1
  /// Fills `table` (capacity entries) with the platform's memory map, returns the count; used
  /// by the memory-map init entry when the entry handed over none (Xen PVH start info v0).
  uint32_t (*memory_map)(bootabi::boot_e820_entry* table, uint32_t capacity) = nullptr;
  /// Installs exception handling instead of lgdt/lidt (Xen PV: set_trap_table).
  void (*install_descriptor_tables)() = nullptr;
  /// Starts the clock and timer where they are not the TSC and the local APIC (Xen PV: Xen's
  /// system time and single-shot timer), from the "timer" init entry; returns the source.
  const time::Source* (*start_time)() = nullptr;
  InterruptControl interrupt_control = {};
  /// Sets this CPU's GS base where wrmsr cannot (Xen PV: set_segment_base).
  void (*set_gs_base)(uint64_t base) = nullptr;
  /// Ends the boot with an isa-debug-exit value when the PC's port write cannot (Xen PV).
  /// Must not return.
  void (*exit)(uint32_t value) = nullptr;
};

/// CPUID of the CPU we run on, in the shape DetectHypervisor takes.
CpuidRegisters HardwareCpuid(uint32_t leaf, uint32_t subleaf, const void* context);

/// The selected platform; valid after SelectPlatform().
const Platform& Current();
/// What the hypervisor leaves said; valid after SelectPlatform().
const HypervisorInfo& Hypervisor();

/// Detects the hypervisor, asks every platform's detect() and keeps the highest priority,
/// then switches the console and the exit to the platform's. Called once, first on the common
/// path, so that every line goes where this platform can print. `hardware_subarch` is the
/// entry's (boot_params): Xen PV is a boot flow, the one platform a subarch names.
void SelectPlatform(uint32_t hardware_subarch);

/// The hardware_subarch SelectPlatform was given.
uint32_t BootHardwareSubarch();

/// The platform's exception handling, or the kernel's own GDT and IDT.
void InstallDescriptorTables();

/// Prints the selection and records it in the boot descriptor; after AcceptHandoff().
void AnnouncePlatform();

}  // namespace platform

LINKTAB_DECLARE(::platform::Platform, platforms, 10000);
#define PLATFORM_ENTRY LINKTAB_ENTRY(platforms, 10000)

/// "The platform is selected and initialised": depend on it for platform-specific init work.
extern const inittab::InitEntry gPlatformInit;
