// SPDX-License-Identifier: MIT
// MP specification tables for tests (Intel MP Specification 1.4, chapter 4): a floating
// pointer and a configuration table with the right checksums, built from entries.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "abi/mp-table.h"
#include "support/checksum.h"

namespace testing_support {

template <typename T>
std::vector<uint8_t> MpBytes(const T& value) {
  std::vector<uint8_t> bytes(sizeof(T));
  std::memcpy(bytes.data(), &value, sizeof(T));
  return bytes;
}

inline std::vector<uint8_t> MpFloatingPointer(uint32_t table, uint8_t default_config = 0, uint8_t feature2 = 0,
                                              uint8_t spec_rev = 4) {
  bootabi::mp_floating_pointer pointer{};
  std::memcpy(pointer.signature, bootabi::kMpFloatingPointerSignature, 4);
  pointer.physical_address_pointer = table;
  pointer.length = 1;
  pointer.spec_rev = spec_rev;
  pointer.feature1 = default_config;
  pointer.feature2 = feature2;
  std::vector<uint8_t> bytes = MpBytes(pointer);
  SetChecksum(bytes.data(), bytes.size(), offsetof(bootabi::mp_floating_pointer, checksum));
  return bytes;
}

inline std::vector<uint8_t> MpProcessor(uint8_t apic_id, uint8_t flags) {
  bootabi::mp_processor_entry entry{};
  entry.entry_type = bootabi::kMpEntryProcessor;
  entry.local_apic_id = apic_id;
  entry.local_apic_version = 0x14;
  entry.cpu_flags = flags;
  return MpBytes(entry);
}

inline std::vector<uint8_t> MpBus(uint8_t id, const char (&type)[7]) {
  bootabi::mp_bus_entry entry{};
  entry.entry_type = bootabi::kMpEntryBus;
  entry.bus_id = id;
  std::memcpy(entry.bus_type_string, type, 6);
  return MpBytes(entry);
}

inline std::vector<uint8_t> MpIoApic(uint8_t id, uint32_t address, uint8_t flags = bootabi::kMpIoApicEnabled) {
  bootabi::mp_io_apic_entry entry{};
  entry.entry_type = bootabi::kMpEntryIoApic;
  entry.io_apic_id = id;
  entry.io_apic_version = 0x11;
  entry.io_apic_flags = flags;
  entry.io_apic_address = address;
  return MpBytes(entry);
}

inline std::vector<uint8_t> MpInterrupt(uint8_t entry_type, uint8_t interrupt_type, uint16_t flags, uint8_t bus,
                                        uint8_t irq, uint8_t destination, uint8_t intin) {
  bootabi::mp_io_interrupt_entry entry{};
  entry.entry_type = entry_type;
  entry.interrupt_type = interrupt_type;
  entry.io_interrupt_flag = flags;
  entry.source_bus_id = bus;
  entry.source_bus_irq = irq;
  entry.destination_io_apic_id = destination;
  entry.destination_io_apic_intin = intin;
  return MpBytes(entry);
}

/// A configuration table: the header (entry_count as given, or the entries' number) and the
/// entries, checksummed.
inline std::vector<uint8_t> MpConfigTable(const std::vector<std::vector<uint8_t>>& entries, int entry_count = -1,
                                          uint8_t spec_rev = 4, uint32_t local_apic = 0xfee00000) {
  bootabi::mp_config_table_header header{};
  std::memcpy(header.signature, bootabi::kMpConfigTableSignature, 4);
  header.spec_rev = spec_rev;
  header.entry_count = static_cast<uint16_t>(entry_count < 0 ? entries.size() : static_cast<size_t>(entry_count));
  header.address_of_local_apic = local_apic;
  std::vector<uint8_t> bytes = MpBytes(header);
  for (const auto& entry : entries) bytes.insert(bytes.end(), entry.begin(), entry.end());
  const auto length = static_cast<uint16_t>(bytes.size());
  std::memcpy(bytes.data() + offsetof(bootabi::mp_config_table_header, base_table_length), &length, 2);
  SetChecksum(bytes.data(), bytes.size(), offsetof(bootabi::mp_config_table_header, checksum));
  return bytes;
}

}  // namespace testing_support
