// SPDX-License-Identifier: MIT
// A table filled only from a static library (plugin-entries.cc), for the archive test.
#pragma once

#include "linktab/linktab.h"

struct Plugin {
  const char* name;
};
LINKTAB_DECLARE(Plugin, plugins, 10000);
