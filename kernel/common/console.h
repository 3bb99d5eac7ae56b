// SPDX-License-Identifier: MIT
// The boot console: COM1 (a 16550 UART at 0x3f8). Every line the kernel prints goes through
// console::Line, which starts it with "unientry: " so tools can find our lines among a
// loader's output (docs/serial-format.md).
#pragma once

#include <cstdint>

namespace console {

/// Where characters go. The default is COM1; a platform may bring its own (Xen: port 0xE9).
struct Backend {
  void (*init)() = nullptr;
  void (*write)(char c) = nullptr;
};

/// Switches to `backend` (fields left null keep COM1's) and initialises it.
void Use(const Backend& backend);
void Init();
void Write(const char* text);
void WriteChar(char c);

/// Several CPUs: each line is written whole under a lock (taken again by the CPU that holds it,
/// for a line written inside another, such as a crash report's), and a line from an AP begins
/// "cpu N " after "unientry: ". Installed by the SMP start before the first AP runs.
struct MultiCpu {
  void (*lock)() = nullptr;
  void (*unlock)() = nullptr;
  uint32_t (*cpu)() = nullptr;  // this CPU's index; 0 for the boot CPU
};
void UseMultiCpu(const MultiCpu& multi_cpu);

/// Holds the console for text written outside a Line (unientry::Print).
void LockOutput();
void UnlockOutput();

/// A quiet boot (`unientry.quiet` on the command line, or a kernel built QUIET) prints only
/// the lines that must always be there: status, crash, plan errors, the init summary.
void SetQuiet(bool quiet);
bool Quiet();

enum class Importance { kDetail, kAlways };

/// One output line, written as it is built (nothing is buffered, so a crash mid-line still
/// shows what came before) and ended by End() or the destructor. A kDetail line of a quiet
/// boot writes nothing.
class Line {
 public:
  explicit Line(Importance importance = Importance::kDetail);
  ~Line() { End(); }
  Line(const Line&) = delete;
  Line& operator=(const Line&) = delete;

  Line& Append(const char* text);
  Line& AppendChar(char c);
  Line& AppendDecimal(uint64_t value);
  Line& AppendHex(uint64_t value);
  Line& AppendHexPadded(uint64_t value, int digits);
  /// "text" with \" \\ and \xNN escapes, at most `limit` characters of `text`.
  Line& AppendQuoted(const char* text, uint64_t limit = UINT64_MAX);
  void End();

 private:
  bool ended_ = false;
  bool silent_ = false;
};

}  // namespace console
