// SPDX-License-Identifier: MIT
// The C memory functions the compiler may call. Written with string instructions in inline
// assembly so the compiler cannot turn them back into calls to themselves. The bulk moves 8
// bytes per iteration: the entry stubs clear and copy whole zero pages, and under QEMU's
// -icount every REP iteration counts as an instruction of the boot.
#include <cstddef>
#include <cstdint>

extern "C" {

void* memcpy(void* destination, const void* source, size_t count) {
  void* result = destination;
  size_t words = count / 8, bytes = count % 8;
  __asm__ volatile("rep movsq" : "+D"(destination), "+S"(source), "+c"(words)::"memory");
  __asm__ volatile("rep movsb" : "+D"(destination), "+S"(source), "+c"(bytes)::"memory");
  return result;
}

void* memset(void* destination, int value, size_t count) {
  void* result = destination;
  const uint64_t pattern = 0x0101010101010101ull * static_cast<uint8_t>(value);
  size_t words = count / 8, bytes = count % 8;
  __asm__ volatile("rep stosq" : "+D"(destination), "+c"(words) : "a"(pattern) : "memory");
  __asm__ volatile("rep stosb" : "+D"(destination), "+c"(bytes) : "a"(pattern) : "memory");
  return result;
}

void* memmove(void* destination, const void* source, size_t count) {
  auto* to = static_cast<unsigned char*>(destination);
  const auto* from = static_cast<const unsigned char*>(source);
  if (to <= from || to >= from + count) return memcpy(destination, source, count);
  // Overlapping with the destination above the source: copy backwards.
  unsigned char* to_last = to + count - 1;
  const unsigned char* from_last = from + count - 1;
  __asm__ volatile("std; rep movsb; cld" : "+D"(to_last), "+S"(from_last), "+c"(count)::"memory");
  return destination;
}

int memcmp(const void* a, const void* b, size_t count) {
  const auto* left = static_cast<const unsigned char*>(a);
  const auto* right = static_cast<const unsigned char*>(b);
  for (size_t i = 0; i < count; ++i) {
    if (left[i] != right[i]) return left[i] < right[i] ? -1 : 1;
  }
  return 0;
}

}  // extern "C"
