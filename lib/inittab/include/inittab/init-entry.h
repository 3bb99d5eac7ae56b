// SPDX-License-Identifier: MIT
// Init entries: the work that runs after every boot entry has joined the common start path.
//
// This is the seed's x86_init_fn with its defects designed out:
// * Every entry supports every boot environment (entry x firmware, inittab/environment.h)
//   unless it names an exclusion, and each exclusion carries a non-empty reason (checked), so
//   new init work applies to every entry path by default and "why not here" is written down.
// * Dependencies are references to other entries (`DependsOn<gOther>()`), not copies of their
//   detect pointer, so a missing dependency is a compile or link error and NULL matches nothing.
//   They are a contract, not only an order: an entry runs only if every dependency ran;
//   otherwise it is recorded `skipped`, naming the dependency (inittab/runner.h).
// * Ordering is by level, then a full topological sort over dependencies; any cycle, a
//   dependency at a later level, a duplicate name and an empty support mask are errors
//   (inittab/plan.h), reported by the build and by the kernel before anything runs.
// * kFinishIfDetected ends the entry's *level*: later entries of the same level are recorded
//   as finished and do not run; the next level runs normally. An entry that depends on a
//   finishing entry of its own level could never run, so that is an error too.
// * kPerCpu marks work every CPU needs (CPU features, CR4, EFER.NX, the descriptor tables):
//   it runs on the boot CPU in its level, and on each application processor when that CPU
//   starts, in plan order, with its own trace. The APs start in INIT_LEVEL_CPU_START, so a
//   per-CPU entry lies at an earlier level (checked) and finds every boot-CPU entry it depends
//   on done; it may not share a level with a finish-if-detected entry (checked), since the
//   boot CPU would end that level where an AP does not.
// * The table is const; run-time results live in a separate trace.
#pragma once

#include <cstdint>

#include "abi/boot-descriptor.h"
#include "inittab/environment.h"
#include "linktab/linktab.h"

namespace inittab {

// Levels are macros because the linker table turns them into section names. Fixed width:
// five digits; 10000..99999.
#define INIT_LEVEL_EARLY 10000     // CPU state every later step relies on
#define INIT_LEVEL_PLATFORM 30000  // memory map, command line, firmware tables
#define INIT_LEVEL_NORMAL 50000    // everything else
#define INIT_LEVEL_LATE 70000      // self tests and reports

/// flags
inline constexpr uint32_t kFinishIfDetected = 1u << 0;  // scope: the rest of this level
inline constexpr uint32_t kPerCpu = 1u << 1;            // on the boot CPU, then on every AP
inline constexpr uint32_t kKnownFlags = kFinishIfDetected | kPerCpu;

/// The level in which the framework starts the application processors (its `smp` entry):
/// per-CPU entries must lie at an earlier one.
#define INIT_LEVEL_CPU_START INIT_LEVEL_LATE

inline constexpr uint8_t kAnyEntry = 0xff;
inline constexpr uint8_t kAnyFirmware = 0xff;

/// Boot environments an entry does not support, and why: every environment with this entry
/// (or any entry) on this firmware (or any firmware). Build them with OnEntry, OnFirmware, On.
struct Exclusion {
  uint8_t entry = kAnyEntry;        // a bootabi::BootEntry, or kAnyEntry
  uint8_t firmware = kAnyFirmware;  // a bootabi::Firmware, or kAnyFirmware
  const char* reason = nullptr;
};

/// Excluded wherever this entry stub ran, on any firmware.
constexpr Exclusion OnEntry(bootabi::BootEntry entry, const char* reason) {
  return {static_cast<uint8_t>(entry), kAnyFirmware, reason};
}
/// Excluded on this firmware, whichever entry stub ran (GRUB EFI `linux` is UEFI too).
constexpr Exclusion OnFirmware(bootabi::Firmware firmware, const char* reason) {
  return {kAnyEntry, static_cast<uint8_t>(firmware), reason};
}
/// Excluded on one environment only.
constexpr Exclusion On(bootabi::BootEntry entry, bootabi::Firmware firmware, const char* reason) {
  return {static_cast<uint8_t>(entry), static_cast<uint8_t>(firmware), reason};
}

constexpr bool Matches(const Exclusion& exclusion, const Environment& environment) {
  return (exclusion.entry == kAnyEntry || exclusion.entry == static_cast<uint8_t>(environment.entry)) &&
         (exclusion.firmware == kAnyFirmware ||
          exclusion.firmware == static_cast<uint8_t>(environment.firmware));
}

struct InitEntry;

struct Dependencies {
  const InitEntry* const* list = nullptr;
  uint32_t count = 0;
};

struct Exclusions {
  const Exclusion* list = nullptr;
  uint32_t count = 0;
};

struct InitEntry {
  const char* name = nullptr;     // unique, kebab-case
  uint32_t level = 0;             // INIT_LEVEL_*; set by INIT_ENTRY from the section level
  uint32_t flags = 0;             // kFinishIfDetected
  bool (*detect)() = nullptr;     // nullptr: always applies
  void (*run)() = nullptr;        // required
  Dependencies depends = {};      // entries that must run first (same or earlier level)
  Exclusions exclusions = {};     // environments this entry does not support, with reasons
};

template <const InitEntry&... kEntries>
struct DependencyList {
  static constexpr const InitEntry* kList[] = {&kEntries...};
};

/// .depends = inittab::DependsOn<gCpuFeatures, gCr4Shadow>()
template <const InitEntry&... kEntries>
constexpr Dependencies DependsOn() {
  static_assert(sizeof...(kEntries) > 0, "name at least one dependency");
  return {DependencyList<kEntries...>::kList, sizeof...(kEntries)};
}

/// .exclusions = inittab::Exclude(kMyExclusions), with a constexpr Exclusion array such as
///   {inittab::OnFirmware(bootabi::Firmware::kUefi, "UEFI promises no BIOS data area")}
template <uint32_t kCount>
constexpr Exclusions Exclude(const Exclusion (&list)[kCount]) {
  return {list, kCount};
}

}  // namespace inittab

LINKTAB_DECLARE(::inittab::InitEntry, init, INIT_LEVEL_EARLY, INIT_LEVEL_PLATFORM,
                INIT_LEVEL_NORMAL, INIT_LEVEL_LATE);

namespace inittab {
/// The levels the init table declares, for checks and messages.
inline constexpr uint32_t kInitLevels[] = {INIT_LEVEL_EARLY, INIT_LEVEL_PLATFORM, INIT_LEVEL_NORMAL,
                                           INIT_LEVEL_LATE};
}  // namespace inittab

/// Defines an init entry with external linkage, so other entries can depend on it:
///   INIT_ENTRY(gCr4Shadow, "cr4-shadow", INIT_LEVEL_EARLY, .run = InitCr4Shadow);
/// Fields after the level follow InitEntry's order: flags, detect, run, depends, exclusions.
/// `entry_name` is a string literal: it also names the entry in link errors (linktab.h).
#define INIT_ENTRY(identifier, entry_name, entry_level, ...) \
  extern const ::inittab::InitEntry identifier;              \
  LINKTAB_NAMED_ENTRY(init, entry_level, entry_name)         \
  ::inittab::InitEntry identifier{.name = entry_name, .level = entry_level, __VA_ARGS__}
