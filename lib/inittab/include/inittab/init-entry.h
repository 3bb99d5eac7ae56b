// SPDX-License-Identifier: MIT
// Init entries: the work that runs after every boot entry has joined the common start path.
//
// This is the seed's x86_init_fn with its defects designed out:
// * Every entry supports every boot environment unless it names an exclusion, and each
//   exclusion carries a non-empty reason (checked), so new init work applies to every entry
//   path by default and "why not here" is always written down.
// * Dependencies are references to other entries (`DependsOn<gOther>()`), not copies of their
//   detect pointer, so a missing dependency is a compile or link error and NULL matches nothing.
// * Ordering is by level, then a full topological sort over dependencies; any cycle, a
//   dependency at a later level, a duplicate name and an empty support mask are errors
//   (inittab/plan.h), reported by the build and by the kernel before anything runs.
// * kFinishIfDetected ends the entry's *level*: later entries of the same level are recorded
//   as finished and do not run; the next level runs normally.
// * The table is const; run-time results live in a separate trace.
#pragma once

#include <cstdint>

#include "abi/boot-descriptor.h"
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
inline constexpr uint32_t kKnownFlags = kFinishIfDetected;

/// A boot environment an entry does not support, and why.
struct Exclusion {
  bootabi::BootEntry environment;
  const char* reason;
};

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

/// .exclusions = inittab::Exclude(kMyExclusions), with a constexpr Exclusion array.
template <uint32_t kCount>
constexpr Exclusions Exclude(const Exclusion (&list)[kCount]) {
  return {list, kCount};
}

}  // namespace inittab

LINKTAB_DECLARE(::inittab::InitEntry, init, INIT_LEVEL_EARLY, INIT_LEVEL_PLATFORM,
                INIT_LEVEL_NORMAL, INIT_LEVEL_LATE);

/// Defines an init entry with external linkage, so other entries can depend on it:
///   INIT_ENTRY(gCr4Shadow, "cr4-shadow", INIT_LEVEL_EARLY, .run = InitCr4Shadow);
/// Fields after the level follow InitEntry's order: flags, detect, run, depends, exclusions.
#define INIT_ENTRY(identifier, entry_name, entry_level, ...) \
  extern const ::inittab::InitEntry identifier;              \
  LINKTAB_ENTRY(init, entry_level)                           \
  ::inittab::InitEntry identifier{.name = entry_name, .level = entry_level, __VA_ARGS__}
