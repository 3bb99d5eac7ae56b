// SPDX-License-Identifier: MIT
#include "common/console.h"

#include "arch/x86/cpu.h"
#include "arch/x86/ports.h"
#include "base/string-buffer.h"

namespace console {
namespace {

using arch::kCom1;
constexpr uint16_t kData = arch::kUartData, kInterruptEnable = arch::kUartInterruptEnable,
                   kFifoControl = arch::kUartFifoControl, kLineControl = arch::kUartLineControl,
                   kModemControl = arch::kUartModemControl, kLineStatus = arch::kUartLineStatus;
constexpr uint8_t kDivisorLatchAccess = 0x80;
constexpr uint8_t kEightNoneOne = 0x03;
constexpr uint8_t kTransmitterEmpty = arch::kUartTransmitterEmpty;
// Bounded so a missing UART cannot hang the kernel; a real one drains a byte long before.
constexpr int kTransmitSpinLimit = 100000;

void Com1Write(char c);
void Com1Init();

constinit Backend gBackend = {Com1Init, Com1Write};

}  // namespace

void Use(const Backend& backend) {
  gBackend.init = backend.init != nullptr ? backend.init : Com1Init;
  gBackend.write = backend.write != nullptr ? backend.write : Com1Write;
  gBackend.init();
}

void Init() { gBackend.init(); }

namespace {

void Com1Init() {
  arch::OutByte(kCom1 + kInterruptEnable, 0x00);
  arch::OutByte(kCom1 + kLineControl, kDivisorLatchAccess);
  arch::OutByte(kCom1 + kData, 1);  // divisor 1: 115200 baud
  arch::OutByte(kCom1 + kInterruptEnable, 0);
  arch::OutByte(kCom1 + kLineControl, kEightNoneOne);
  arch::OutByte(kCom1 + kFifoControl, 0xc7);   // enable and clear the FIFOs
  arch::OutByte(kCom1 + kModemControl, 0x03);  // DTR, RTS
  // Loaders and firmware (GRUB, OVMF) may leave the cursor mid-line: start on a fresh one so
  // every line of ours begins with "unientry: ".
  Com1Write('\n');
}

inline void Com1Put(char c) {
  for (int spin = 0; spin < kTransmitSpinLimit; ++spin) {
    if ((arch::InByte(kCom1 + kLineStatus) & kTransmitterEmpty) != 0) break;
  }
  arch::OutByte(kCom1 + kData, static_cast<uint8_t>(c));
}

void Com1Write(char c) { Com1Put(c); }

}  // namespace

void WriteChar(char c) { gBackend.write(c); }

void Write(const char* text) {
  void (*const write)(char) = gBackend.write;  // one load, not one per character
  if (write == Com1Write) {
    for (; *text != '\0'; ++text) Com1Put(*text);  // inlined: no call per character
    return;
  }
  for (; *text != '\0'; ++text) write(*text);
}

namespace {
constinit bool gQuiet = false;
constinit MultiCpu gMultiCpu = {};
}  // namespace

void SetQuiet(bool quiet) { gQuiet = quiet; }
bool Quiet() { return gQuiet; }

void UseMultiCpu(const MultiCpu& multi_cpu) { gMultiCpu = multi_cpu; }

void LockOutput() {
  if (gMultiCpu.lock != nullptr) gMultiCpu.lock();
}
void UnlockOutput() {
  if (gMultiCpu.unlock != nullptr) gMultiCpu.unlock();
}

Line::Line(Importance importance) : silent_(gQuiet && importance == Importance::kDetail) {
  if (silent_) return;
  LockOutput();
  Write("unientry: ");
  if (gMultiCpu.cpu != nullptr) {
    if (const uint32_t cpu = gMultiCpu.cpu(); cpu != 0) {
      base::StringBuffer<24> prefix;
      prefix.Append("cpu ");
      prefix.AppendDecimal(cpu);
      prefix.Append(" ");
      Write(prefix.c_str());
    }
  }
}

Line& Line::Append(const char* text) {
  if (!silent_) Write(text);
  return *this;
}

Line& Line::AppendChar(char c) {
  if (!silent_) WriteChar(c);
  return *this;
}

Line& Line::AppendDecimal(uint64_t value) {
  if (silent_) return *this;
  base::StringBuffer<24> digits;
  digits.AppendDecimal(value);
  return Append(digits.c_str());
}

Line& Line::AppendHex(uint64_t value) { return AppendHexPadded(value, 1); }

Line& Line::AppendHexPadded(uint64_t value, int digits) {
  if (silent_) return *this;
  if (digits == 8 && value <= 0xffffffff) {  // the common fixed-width case, without a buffer
    Write("0x");
    for (int shift = 28; shift >= 0; shift -= 4) WriteChar("0123456789abcdef"[(value >> shift) & 0xf]);
    return *this;
  }
  base::StringBuffer<24> text;
  text.AppendHexPadded(value, digits);
  return Append(text.c_str());
}

Line& Line::AppendQuoted(const char* text, uint64_t limit) {
  if (silent_) return *this;
  WriteChar('"');
  for (uint64_t i = 0; i < limit && text[i] != '\0'; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '"' || c == '\\') {
      WriteChar('\\');
      WriteChar(static_cast<char>(c));
    } else if (c < 0x20 || c > 0x7e) {
      Write("\\x");
      WriteChar("0123456789abcdef"[c >> 4]);
      WriteChar("0123456789abcdef"[c & 0xf]);
    } else {
      WriteChar(static_cast<char>(c));
    }
  }
  WriteChar('"');
  return *this;
}

void Line::End() {
  if (ended_) return;
  ended_ = true;
  if (silent_) return;
  WriteChar('\n');
  UnlockOutput();
}

}  // namespace console
