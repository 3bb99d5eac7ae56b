// SPDX-License-Identifier: MIT
// Test only: a global whose initialiser runs at run time. Nothing in the kernel runs
// constructors, so the link must refuse it (linker.ld's .init_array ASSERT) rather than boot
// with the global silently zero.
#include <unientry/unientry.h>

namespace {
struct BootCounter {
  BootCounter() : ranges(unientry::Boot().memory_map.size()) {}
  unsigned long ranges;
};
}  // namespace

BootCounter gTestBootCounter;
