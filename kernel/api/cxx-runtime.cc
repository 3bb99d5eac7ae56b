// SPDX-License-Identifier: MIT
// What a freestanding C++ kernel's compiler may call beyond memcpy and friends
// (common/memory.cc): a pure virtual call, and the deletes a virtual destructor refers to.
// unientry has no heap, so reaching any of them is a bug in the kernel: it panics, saying so.
#include <cstddef>

#include "common/exit.h"

extern "C" void __cxa_pure_virtual() { Panic("pure virtual function called"); }

void operator delete(void*) noexcept { Panic("operator delete called: unientry has no heap"); }
void operator delete(void*, size_t) noexcept { Panic("operator delete called: unientry has no heap"); }
