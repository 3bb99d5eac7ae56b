// SPDX-License-Identifier: MIT
// The storage every entry stub translates into, and how a stub leaves for the common entry.
// It lives in the .handoff section, outside .bss, so the common entry's .bss clear keeps it.
// Large buffers that are written before they are read (the stubs', the init plan's, the memory
// map's) go to .scratch (`[[gnu::section(".scratch")]]`): also outside .bss and never cleared,
// so the common entry's .bss clear does not pay for them.
#pragma once

#include "abi/boot-params.h"
#include "base/error.h"
#include "bootinfo/e820.h"
#include "bootinfo/handoff.h"
#include "bootinfo/physical-memory.h"

/// The handoff area with the identity-mapped addresses the common path will see.
bootinfo::Handoff HandoffArea();

/// The loader's memory as a stub reads it: what the boot page tables map, less the kernel's
/// own memory (boot information a loader left there is refused, naming it).
bootinfo::PhysicalMemory StubMemory();

/// Scratch for the E820 sanitiser while a stub runs (in .scratch).
bootinfo::E820Scratch& StubE820Scratch();

/// Records when the stub started (its first rdtsc) and, for entries that switched to 64-bit
/// mode through enter_long_mode, when that switch landed.
enum class ModeSwitch { kNone, kEnterLongMode };
void RecordEntryTimes(const bootinfo::Handoff& handoff, uint64_t entry_tsc, ModeSwitch mode_switch);

/// Writes `error` into the descriptor's translation_error for the common path to report.
void RecordTranslationError(const bootinfo::Handoff& handoff, const base::Error& error);

/// Enters the common 64-bit entry with %rsi = params (common-entry.S).
extern "C" [[noreturn]] void JumpToCommonEntry(const bootabi::boot_params* params);
