// SPDX-License-Identifier: MIT
// The I/O ports the boot uses before and after the common path: COM1's 16550 and QEMU's
// isa-debug-exit device. One list for C++ and (through asm-offsets.h) the entry stubs' early
// error path.
#pragma once

#include <cstdint>

namespace arch {

inline constexpr uint16_t kCom1 = 0x3f8;
// 16550 registers, as offsets from the base port (PC16550D data sheet, table 2).
inline constexpr uint16_t kUartData = 0, kUartInterruptEnable = 1, kUartFifoControl = 2, kUartLineControl = 3,
                          kUartModemControl = 4, kUartLineStatus = 5;
inline constexpr uint8_t kUartTransmitterEmpty = 0x20;
// `-device isa-debug-exit,iobase=0xf4,iosize=4`: QEMU exits with (value << 1) | 1.
inline constexpr uint16_t kIsaDebugExitPort = 0xf4;

}  // namespace arch
