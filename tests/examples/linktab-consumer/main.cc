// SPDX-License-Identifier: MIT
#include <cstdio>

#include "greeting.h"

LINKTAB_DEFINE(greetings);

int main() {
  for (const Greeting& greeting : linktab::Entries<LINKTAB_TABLE(greetings)>()) std::printf("%s ", greeting.text);
  std::printf("\n");
  return 0;
}
