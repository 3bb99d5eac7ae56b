// SPDX-License-Identifier: MIT
// Entries and nothing else: no symbol here is referenced from outside, so a linker takes this
// object out of its static archive only when told to link the archive whole.
#include "plugins.h"

LINKTAB_ENTRY(plugins, 10000) Plugin kAlpha{"alpha"};
LINKTAB_ENTRY(plugins, 10000) Plugin kBeta{"beta"};
