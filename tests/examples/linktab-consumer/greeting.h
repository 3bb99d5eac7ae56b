// SPDX-License-Identifier: MIT
#pragma once

#include <linktab/linktab.h>

struct Greeting {
  const char* text;
};
LINKTAB_DECLARE(Greeting, greetings, 10000, 20000);
