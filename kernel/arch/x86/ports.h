// SPDX-License-Identifier: MIT
// The I/O ports the boot uses before and after the common path: COM1's 16550, QEMU's
// isa-debug-exit device, and the PC ports the real-mode setup turns A20 on and masks NMI with. One list for C++ and (through asm-offsets.h) the entry stubs' early
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

// The A20 gate. The 8042 keyboard controller: status/command port and data port; command 0xd1
// writes its output port, whose bit 1 is A20 (0xdf: on, 0xdd: off); status bit 0 = output
// buffer full, bit 1 = input buffer full; command 0xff is a no-op that UHCI legacy emulation
// wants after the write. System control port A (0x92): bit 1 A20, bit 0 resets the machine.
inline constexpr uint16_t kKbcStatus = 0x64, kKbcData = 0x60;
inline constexpr uint8_t kKbcWriteOutputPort = 0xd1, kKbcOutputA20On = 0xdf, kKbcOutputA20Off = 0xdd,
                         kKbcNullCommand = 0xff, kKbcOutputFull = 0x01, kKbcInputFull = 0x02;
inline constexpr uint16_t kSystemControlA = 0x92;
inline constexpr uint8_t kSystemControlA20 = 0x02, kSystemControlReset = 0x01;
// The CMOS index port; bit 7 of the index masks NMI. Port 0x80 (POST codes) is the classic
// I/O delay.
inline constexpr uint16_t kCmosIndex = 0x70, kIoDelayPort = 0x80;
inline constexpr uint8_t kCmosNmiDisable = 0x80;
// Resetting a PC: the reset control register (0x02 selects a hard reset, 0x04 starts it) and
// the 8042's command that pulses the reset line.
inline constexpr uint16_t kResetControl = 0xcf9;
inline constexpr uint8_t kResetControlHard = 0x02, kResetControlStart = 0x04, kKbcPulseReset = 0xfe;
// The two 8259A PICs (command and data ports) and the 8254 PIT's channel 0 and mode ports.
inline constexpr uint16_t kPic1Command = 0x20, kPic1Data = 0x21, kPic2Command = 0xa0, kPic2Data = 0xa1;
inline constexpr uint16_t kPitChannel0 = 0x40, kPitMode = 0x43;

}  // namespace arch
