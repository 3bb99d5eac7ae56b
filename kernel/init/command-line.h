// SPDX-License-Identifier: MIT
#pragma once

#include "base/string-view.h"
#include "bootinfo/command-line.h"
#include "inittab/init-entry.h"

namespace command_line {

/// The parsed command line; valid once the command-line init entry ran.
const bootinfo::CommandLine& Current();
/// The value of `key=value` (the last one wins), or nullptr when the key is absent.
bool Lookup(base::StringView key, base::StringView& value);

}  // namespace command_line

extern const inittab::InitEntry gCommandLineInit;
