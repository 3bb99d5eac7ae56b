// SPDX-License-Identifier: MIT
// Entries only: linked because the consumer links this archive whole.
#include "greeting.h"

LINKTAB_ENTRY(greetings, 20000) Greeting kWorld{"world"};
LINKTAB_ENTRY(greetings, 10000) Greeting kHello{"hello"};
