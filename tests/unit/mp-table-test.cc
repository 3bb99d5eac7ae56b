// SPDX-License-Identifier: MIT
// The MP specification's tables as untrusted input: where the floating pointer is found, a
// QEMU-like table read into the MADT's view, and each kind of bad table.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "abi/mp-table.h"
#include "acpi/mp-table.h"
#include "base/string-buffer.h"
#include "bootinfo/firmware.h"
#include "bootinfo/handoff.h"
#include "bootinfo/rsdp.h"
#include "support/acpi-builder.h"
#include "bootinfo/mp-floating-pointer.h"
#include "support/fake-memory.h"
#include "support/mp-table-builder.h"

namespace {

using testing_support::FakeMemory;
using testing_support::MpBus;
using testing_support::MpConfigTable;
using testing_support::MpFloatingPointer;
using testing_support::MpInterrupt;
using testing_support::MpIoApic;
using testing_support::MpProcessor;

constexpr uint8_t kEnabled = bootabi::kMpCpuEnabled;
constexpr uint8_t kBoot = bootabi::kMpCpuEnabled | bootabi::kMpCpuBootstrap;
constexpr uint8_t kIo = bootabi::kMpEntryIoInterrupt;
constexpr uint8_t kLocal = bootabi::kMpEntryLocalInterrupt;
constexpr uint8_t kInt = bootabi::kMpInterruptTypeInt;
constexpr uint8_t kExtInt = 3;

std::string Describe(const base::Error& error) {
  base::StringBuffer<256> text;
  base::Describe(error, text);
  return text.c_str();
}

uint32_t TwentyFourInputs(uint64_t) { return 24; }
uint32_t NoInputs(uint64_t) { return 0; }

// The first MiB, with a BIOS data area naming an EBDA at 0x9fc00 and 639 KiB of base memory.
FakeMemory LowMegabyte(bool with_bda = true) {
  FakeMemory memory(0, 0x100000);
  if (with_bda) {
    const uint16_t ebda_segment = 0x9fc0, base_kib = 639;
    memory.WriteBytes(bootinfo::kBdaEbdaSegment, &ebda_segment, 2);
    memory.WriteBytes(bootinfo::kBdaBaseMemoryKib, &base_kib, 2);
  }
  return memory;
}

// SeaBIOS's and qboot's shape: processors, the ISA and PCI buses, one I/O APIC, the ISA IRQs
// (IRQ 0 on INTIN2; IRQ 9 level-triggered, active low), a PCI interrupt, the 8259's ExtINT and
// the local APICs' LINT0/LINT1.
std::vector<std::vector<uint8_t>> QemuLikeEntries() {
  std::vector<std::vector<uint8_t>> entries = {
      MpProcessor(0, kBoot), MpProcessor(1, kEnabled), MpProcessor(2, 0), MpProcessor(3, kEnabled),
      MpBus(0, "PCI   "), MpBus(1, "ISA   "), MpIoApic(4, 0xfec00000),
      MpInterrupt(kIo, kExtInt, 0, 1, 0, 4, 0),
  };
  for (uint8_t irq = 0; irq < 16; ++irq) {
    if (irq == 2) continue;
    const uint16_t flags = irq == 9 ? 0xf : 0;  // level (3 << 2), active low (3)
    entries.push_back(MpInterrupt(kIo, kInt, flags, 1, irq, 4, irq == 0 ? 2 : irq));
  }
  entries.push_back(MpInterrupt(kIo, kInt, 0xf, 0, 0x0c, 4, 17));  // PCI device 3 INTA#
  entries.push_back(MpInterrupt(kLocal, kExtInt, 0, 1, 0, 0xff, 0));
  entries.push_back(MpInterrupt(kLocal, 1, 0, 1, 0, 0xff, 1));
  return entries;
}

class MpTableTest : public ::testing::Test {
 protected:
  MpTableTest() : memory_(LowMegabyte()) {}

  // The table at 0x9fc10, its floating pointer at 0x9fc00 (qboot's places).
  uint64_t Place(const std::vector<uint8_t>& table, uint8_t default_config = 0, uint8_t feature2 = 0) {
    memory_.WriteBytes(0x9fc10, table.data(), table.size());
    const std::vector<uint8_t> pointer = MpFloatingPointer(table.empty() ? 0 : 0x9fc10, default_config, feature2);
    memory_.WriteBytes(0x9fc00, pointer.data(), pointer.size());
    return 0x9fc00;
  }

  base::Result<acpi::MpTableInfo> Parse(uint64_t pointer, acpi::IoApicInputCount inputs = TwentyFourInputs) {
    return acpi::ParseMpTable(memory_.View(), pointer, inputs, madt_);
  }

  std::string Error(const std::vector<uint8_t>& table, acpi::IoApicInputCount inputs = TwentyFourInputs) {
    const auto parsed = Parse(Place(table), inputs);
    return parsed.is_error() ? Describe(parsed.error()) : "ok";
  }

  FakeMemory memory_;
  acpi::Madt madt_;
};

TEST(MpFloatingPointer, FoundInTheEbdaTheLastKibOfBaseMemoryOrTheBiosRom) {
  FakeMemory memory = LowMegabyte();
  const std::vector<uint8_t> in_rom = MpFloatingPointer(0xf0100), in_ebda = MpFloatingPointer(0x9fd00);
  memory.WriteBytes(0xf5bb0, in_rom.data(), in_rom.size());
  EXPECT_EQ(bootinfo::FindMpFloatingPointer(memory.View()), 0xf5bb0u);
  memory.WriteBytes(0x9fc20, in_ebda.data(), in_ebda.size());
  EXPECT_EQ(bootinfo::FindMpFloatingPointer(memory.View()), 0x9fc20u);

  // No BDA: the last KiB below 640 KiB is searched, then the ROM.
  FakeMemory bare = LowMegabyte(false);
  bare.WriteBytes(0xf5bb0, in_rom.data(), in_rom.size());
  EXPECT_EQ(bootinfo::FindMpFloatingPointer(bare.View()), 0xf5bb0u);
  bare.WriteBytes(0x9ff00, in_ebda.data(), in_ebda.size());
  EXPECT_EQ(bootinfo::FindMpFloatingPointer(bare.View()), 0x9ff00u);

  // A BDA without an EBDA but with 512 KiB of base memory: its last KiB.
  FakeMemory small = LowMegabyte(false);
  const uint16_t base_kib = 512;
  small.WriteBytes(bootinfo::kBdaBaseMemoryKib, &base_kib, 2);
  small.WriteBytes(0x7fc00, in_ebda.data(), in_ebda.size());
  small.WriteBytes(0x9ff00, in_ebda.data(), in_ebda.size());
  EXPECT_EQ(bootinfo::FindMpFloatingPointer(small.View()), 0x7fc00u);
}

TEST(MpFloatingPointer, OnlyAValidOneIsBelieved) {
  FakeMemory memory = LowMegabyte();
  std::vector<uint8_t> bad_sum = MpFloatingPointer(0x9fd00), bad_length = MpFloatingPointer(0x9fd00),
                       bad_revision = MpFloatingPointer(0x9fd00, 0, 0, 2), unaligned = MpFloatingPointer(0x9fd00);
  bad_sum[4] ^= 1;
  bad_length[8] = 2;
  testing_support::SetChecksum(bad_length.data(), bad_length.size(), 10);
  memory.WriteBytes(0x9fc00, bad_sum.data(), bad_sum.size());
  memory.WriteBytes(0x9fc10, bad_length.data(), bad_length.size());
  memory.WriteBytes(0x9fc20, bad_revision.data(), bad_revision.size());
  memory.WriteBytes(0x9fc38, unaligned.data(), unaligned.size());  // not on a 16-byte boundary
  EXPECT_EQ(bootinfo::FindMpFloatingPointer(memory.View()), 0u);
  EXPECT_FALSE(bootinfo::ValidMpFloatingPointer(memory.View(), 0x9fc00));
  EXPECT_TRUE(bootinfo::ValidMpFloatingPointer(memory.View(), 0x9fc38));
  EXPECT_FALSE(bootinfo::ValidMpFloatingPointer(memory.View(), 0xffff8));  // runs off memory
}

// The converters' last step: a boot that finds no RSDP records the floating pointer; with an
// RSDP (ACPI describes the machine) it is not looked for.
TEST(MpFloatingPointer, RecordedOnlyWhenThereIsNoRsdp) {
  FakeMemory memory = LowMegabyte();
  const std::vector<uint8_t> pointer = MpFloatingPointer(0x9fd00);
  memory.WriteBytes(0x9fc00, pointer.data(), pointer.size());
  bootabi::boot_params params{};
  bootabi::boot_descriptor descriptor{};
  char command_line[16] = {};
  const bootinfo::Handoff handoff{&params, &descriptor, command_line, sizeof(command_line), 0x5000, 0x6000};
  ASSERT_TRUE(bootinfo::SettleFirmwareTables(memory.View(), handoff, 0, "test").ok());
  EXPECT_EQ(params.acpi_rsdp_addr, 0u);
  EXPECT_EQ(descriptor.mp_floating_pointer, 0x9fc00u);

  const std::vector<uint8_t> rsdp = testing_support::MakeRsdp(2);
  memory.WriteBytes(0xf5a00, rsdp.data(), rsdp.size());
  descriptor = {};
  ASSERT_TRUE(bootinfo::SettleFirmwareTables(memory.View(), handoff, 0, "test").ok());
  EXPECT_EQ(params.acpi_rsdp_addr, 0xf5a00u);
  EXPECT_EQ(descriptor.mp_floating_pointer, 0u);
}

TEST_F(MpTableTest, AQemuLikeTableGivesTheMadtView) {
  const auto parsed = Parse(Place(MpConfigTable(QemuLikeEntries())));
  ASSERT_TRUE(parsed.ok()) << Describe(parsed.error());
  EXPECT_EQ(parsed.value().config_table, 0x9fc10u);
  EXPECT_EQ(parsed.value().spec_rev, 4);
  EXPECT_EQ(parsed.value().entries, QemuLikeEntries().size());
  EXPECT_EQ(madt_.local_apic_address, 0xfee00000u);
  EXPECT_TRUE(madt_.pcat_compat);
  EXPECT_FALSE(madt_.imcr_present);
  ASSERT_EQ(madt_.cpu_count, 3u);  // the one without EN is not there
  EXPECT_EQ(madt_.cpus_absent, 1u);
  EXPECT_EQ(madt_.cpus[0].apic_id, 0u);
  EXPECT_EQ(madt_.cpus[2].apic_id, 3u);
  EXPECT_TRUE(madt_.cpus[2].enabled);
  EXPECT_FALSE(madt_.cpus[2].online_capable);
  ASSERT_EQ(madt_.io_apic_count, 1u);
  EXPECT_EQ(madt_.io_apics[0].id, 4);
  EXPECT_EQ(madt_.io_apics[0].address, 0xfec00000u);
  EXPECT_EQ(madt_.io_apics[0].gsi_base, 0u);
  // IRQ 0 on GSI 2 and IRQ 9's level trigger are overrides; the identity routes are not.
  ASSERT_EQ(madt_.override_count, 2u);
  EXPECT_EQ(madt_.overrides[0].source, 0);
  EXPECT_EQ(madt_.overrides[0].gsi, 2u);
  EXPECT_EQ(madt_.overrides[0].flags, 0);
  EXPECT_EQ(madt_.overrides[1].source, 9);
  EXPECT_EQ(madt_.overrides[1].gsi, 9u);
  EXPECT_EQ(madt_.overrides[1].flags, 0xf);
  EXPECT_EQ(madt_.other_entries, 4u);  // ExtINT, the PCI interrupt, LINT0, LINT1
  EXPECT_EQ(madt_.isa_irqs_unconnected, 1u << 2);  // the cascade: the table lists no route for it
}

TEST_F(MpTableTest, AnIrqListedTwiceKeepsItsFirstRoute) {
  const auto parsed = Parse(Place(MpConfigTable({MpProcessor(0, kBoot), MpBus(3, "ISA\0\0\0"), MpIoApic(1, 0xfec00000),
                                                 MpInterrupt(kIo, kInt, 0, 3, 4, 1, 4),
                                                 MpInterrupt(kIo, kInt, 0, 3, 4, 1, 9),
                                                 MpInterrupt(kIo, kInt, 0, 3, 0, 1, 2),
                                                 MpInterrupt(kIo, kInt, 0, 3, 0, 1, 0)})));
  ASSERT_TRUE(parsed.ok()) << Describe(parsed.error());
  ASSERT_EQ(madt_.override_count, 1u);  // IRQ 4 stays on GSI 4 (no override); IRQ 0 on GSI 2
  EXPECT_EQ(madt_.overrides[0].source, 0);
  EXPECT_EQ(madt_.overrides[0].gsi, 2u);
  EXPECT_EQ(madt_.other_entries, 2u);
  EXPECT_EQ(madt_.isa_irqs_unconnected, 0xffffu & ~(1u << 0 | 1u << 4));  // a NUL-padded "ISA" is the ISA bus
}

TEST_F(MpTableTest, AnIrqOnAnUnusableIoApicIsNotConnected) {
  const auto parsed = Parse(Place(MpConfigTable({MpProcessor(0, kBoot), MpBus(0, "ISA   "), MpIoApic(1, 0xfec00000),
                                                 MpIoApic(2, 0xfec01000, 0), MpInterrupt(kIo, kInt, 0, 0, 1, 1, 1),
                                                 MpInterrupt(kIo, kInt, 0, 0, 3, 2, 3)})));
  ASSERT_TRUE(parsed.ok()) << Describe(parsed.error());
  EXPECT_EQ(madt_.override_count, 0u);
  EXPECT_EQ(madt_.isa_irqs_unconnected, 0xffffu & ~(1u << 1));  // IRQ 3's I/O APIC is not usable
}

TEST_F(MpTableTest, TheLengthBoundsTheEntriesNotTheEntryCount) {
  // qboot leaves entry_count 0.
  const auto parsed = Parse(Place(MpConfigTable(QemuLikeEntries(), 0)));
  ASSERT_TRUE(parsed.ok()) << Describe(parsed.error());
  EXPECT_EQ(parsed.value().entry_count_field, 0);
  EXPECT_EQ(parsed.value().entries, QemuLikeEntries().size());
  EXPECT_EQ(madt_.cpu_count, 3u);
}

TEST_F(MpTableTest, SecondIoApicsGsiBaseFollowsTheFirstsInputs) {
  const auto parsed = Parse(Place(MpConfigTable({MpProcessor(0, kBoot), MpBus(0, "ISA   "), MpIoApic(1, 0xfec00000),
                                                 MpIoApic(2, 0xfec01000, 0), MpIoApic(3, 0xfec02000),
                                                 MpInterrupt(kIo, kInt, 0, 0, 5, 3, 1)})));
  ASSERT_TRUE(parsed.ok()) << Describe(parsed.error());
  ASSERT_EQ(madt_.io_apic_count, 2u);  // the second is not usable (EN clear)
  EXPECT_EQ(madt_.io_apics[1].id, 3);
  EXPECT_EQ(madt_.io_apics[1].gsi_base, 24u);
  ASSERT_EQ(madt_.override_count, 1u);
  EXPECT_EQ(madt_.overrides[0].source, 5);
  EXPECT_EQ(madt_.overrides[0].gsi, 25u);
  EXPECT_EQ(madt_.isa_irqs_unconnected, 0xffffu & ~(1u << 5));
}

TEST_F(MpTableTest, ADefaultConfigurationIsItsFixedMachine) {
  const auto parsed = Parse(Place({}, 5, bootabi::kMpFeature2Imcrp));
  ASSERT_TRUE(parsed.ok()) << Describe(parsed.error());
  EXPECT_EQ(parsed.value().default_config, 5);
  EXPECT_EQ(parsed.value().config_table, 0u);
  EXPECT_TRUE(madt_.imcr_present);
  ASSERT_EQ(madt_.cpu_count, 2u);
  EXPECT_EQ(madt_.cpus[1].apic_id, 1u);
  ASSERT_EQ(madt_.io_apic_count, 1u);
  EXPECT_EQ(madt_.io_apics[0].address, bootabi::kMpDefaultIoApicAddress);
  ASSERT_EQ(madt_.override_count, 1u);
  EXPECT_EQ(madt_.overrides[0].gsi, 2u);
  EXPECT_EQ(madt_.isa_irqs_unconnected, 1u << 2);
}

TEST_F(MpTableTest, OtherDefaultConfigurationsAreRefused) {
  for (const uint8_t type : {2, 6, 8}) {
    const auto parsed = Parse(Place({}, type));
    ASSERT_TRUE(parsed.is_error());
    EXPECT_EQ(Describe(parsed.error()),
              "mp_floating_pointer.feature1: default configuration other than 5 (1-4: the discrete 82489DX APIC; 6, 7: "
              "EISA and MCA trigger modes, which the table would not give; 8 and up: reserved): expected 0x5, got " +
                  std::string(type == 2 ? "0x2" : type == 6 ? "0x6" : "0x8"));
  }
}

TEST_F(MpTableTest, BadTablesAreNamed) {
  std::vector<uint8_t> table = MpConfigTable(QemuLikeEntries());
  std::vector<uint8_t> bad_sum = table;
  bad_sum[50] ^= 1;
  EXPECT_EQ(Error(bad_sum), "mp_config_table.checksum: bad checksum: the base table's bytes must sum to 0: expected 0x0, got 0x1");
  std::vector<uint8_t> bad_signature = table;
  bad_signature[0] = 'X';
  EXPECT_EQ(Error(bad_signature), "mp_config_table.signature: not an MP configuration table (signature PCMP)");
  EXPECT_EQ(Error(MpConfigTable(QemuLikeEntries(), -1, 2)),
            "mp_config_table.spec_rev: specification revision neither 1 (1.1) nor 4 (1.4): expected 0x4, got 0x2");
  EXPECT_EQ(Error(MpConfigTable(QemuLikeEntries(), -1, 4, 0)), "mp_config_table.address_of_local_apic: local APIC at address 0");
  std::vector<uint8_t> unknown_type = MpProcessor(0, kBoot);
  unknown_type[0] = 9;
  EXPECT_EQ(Error(MpConfigTable({MpProcessor(0, kBoot), unknown_type})),
            "mp_config_table.entry_type[1]: entry type the specification does not define (its length is unknown)"
            ": expected 0x4, got 0x9");
  std::vector<uint8_t> cut = MpProcessor(1, kEnabled);
  cut.resize(8);  // a processor entry is 20 bytes
  EXPECT_EQ(Error(MpConfigTable({MpProcessor(0, kBoot), cut})),
            "mp_config_table.entry[1]: entry runs past the end of the base table: expected 0x8, got 0x14");
  EXPECT_EQ(Error(MpConfigTable({MpBus(0, "ISA   "), MpIoApic(1, 0)})),
            "mp_io_apic.io_apic_address[1]: I/O APIC at address 0");
  EXPECT_EQ(Error(MpConfigTable({MpBus(0, "ISA   "), MpIoApic(1, 0xfec00000), MpInterrupt(kIo, kInt, 0, 0, 3, 7, 3)})),
            "mp_io_interrupt.destination_io_apic_id[2]: names an I/O APIC the table does not list: expected 0x0, got 0x7");
  EXPECT_EQ(Error(MpConfigTable({MpBus(0, "ISA   "), MpIoApic(1, 0xfec00000), MpInterrupt(kIo, kInt, 0, 0, 3, 1, 24)})),
            "mp_io_interrupt.destination_io_apic_intin[2]: input past the I/O APIC's inputs: expected 0x17, got 0x18");
  EXPECT_EQ(Error(MpConfigTable({MpBus(0, "ISA   "), MpIoApic(1, 0xfec00000), MpInterrupt(kIo, kInt, 0, 0, 16, 1, 16)})),
            "mp_io_interrupt.source_bus_irq[2]: ISA IRQ above 15: expected 0xf, got 0x10");
  EXPECT_EQ(Error(MpConfigTable({MpIoApic(1, 0xfec00000)}), NoInputs),
            "mp_io_apic.io_apic_address[0]: no I/O APIC answers there (0 or more than 240 inputs, or RAM): expected 0xf0, got 0x0");
}

TEST_F(MpTableTest, ATableOutsideMemoryIsAnErrorNotARead) {
  const std::vector<uint8_t> pointer = MpFloatingPointer(0xffff0);
  memory_.WriteBytes(0x9fc00, pointer.data(), pointer.size());
  const auto parsed = Parse(0x9fc00);
  ASSERT_TRUE(parsed.is_error());
  EXPECT_NE(Describe(parsed.error()).find("mp_config_table"), std::string::npos);
  EXPECT_TRUE(Parse(0x9fc08).is_error());  // no floating pointer there
}

}  // namespace
