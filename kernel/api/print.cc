// SPDX-License-Identifier: MIT
// unientry::Print: base/format.h's writer, straight to the console.
#include "common/console.h"
#include "unientry/print.h"

namespace {
struct ConsoleSink {
  void Write(const char* data, size_t size) {
    for (size_t i = 0; i < size; ++i) console::WriteChar(data[i]);
  }
};
}  // namespace

namespace unientry {

void PrintArguments(const char* format, const FormatArgument* arguments, size_t count) {
  ConsoleSink sink;
  console::LockOutput();  // one Print stays whole when several CPUs print
  base::FormatTo(sink, format, arguments, count);
  console::UnlockOutput();
}

}  // namespace unientry
