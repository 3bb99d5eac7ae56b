// SPDX-License-Identifier: MIT
// ACPI tables as untrusted input: a QEMU-like table set, then each kind of bad table.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "acpi/madt.h"
#include "acpi/tables.h"
#include "base/string-buffer.h"
#include "support/acpi-builder.h"
#include "support/fake-memory.h"

namespace {

using testing_support::AppendBytes;
using testing_support::FakeMemory;
using testing_support::MakeRsdp;
using testing_support::MakeTable;

std::string Describe(const base::Error& error) {
  base::StringBuffer<256> text;
  base::Describe(error, text);
  return text.c_str();
}

std::vector<uint8_t> MadtPayload(const std::vector<std::vector<uint8_t>>& entries, uint32_t flags = 1) {
  std::vector<uint8_t> payload;
  AppendBytes(payload, uint32_t{0xfee00000});
  AppendBytes(payload, flags);
  for (const auto& entry : entries) payload.insert(payload.end(), entry.begin(), entry.end());
  return payload;
}

std::vector<uint8_t> LocalApic(uint8_t uid, uint8_t id, uint32_t flags) {
  std::vector<uint8_t> bytes = {bootabi::kAcpiMadtLocalApic, 8, uid, id};
  AppendBytes(bytes, flags);
  return bytes;
}

std::vector<uint8_t> IoApic(uint8_t id, uint32_t address, uint32_t gsi_base) {
  std::vector<uint8_t> bytes = {bootabi::kAcpiMadtIoApic, 12, id, 0};
  AppendBytes(bytes, address);
  AppendBytes(bytes, gsi_base);
  return bytes;
}

std::vector<uint8_t> Override(uint8_t source, uint32_t gsi, uint16_t flags) {
  std::vector<uint8_t> bytes = {bootabi::kAcpiMadtInterruptSourceOverride, 10, 0, source};
  AppendBytes(bytes, gsi);
  AppendBytes(bytes, flags);
  return bytes;
}

std::vector<uint8_t> X2Apic(uint32_t id, uint32_t flags, uint32_t uid) {
  std::vector<uint8_t> bytes = {bootabi::kAcpiMadtLocalX2Apic, 16, 0, 0};
  AppendBytes(bytes, id);
  AppendBytes(bytes, flags);
  AppendBytes(bytes, uid);
  return bytes;
}

// QEMU's shape: an RSDP (revision 2) whose XSDT lists FACP, APIC and HPET.
class AcpiTest : public ::testing::Test {
 protected:
  AcpiTest() : memory_(0x10000, 0x10000) {}

  uint64_t Build(const std::vector<std::vector<uint8_t>>& tables, bool xsdt = true) {
    std::vector<uint64_t> addresses;
    for (const auto& table : tables) addresses.push_back(memory_.PlaceBytes(table.data(), table.size(), 16));
    std::vector<uint8_t> entries;
    for (uint64_t address : addresses) {
      if (xsdt) {
        AppendBytes(entries, address);
      } else {
        AppendBytes(entries, static_cast<uint32_t>(address));
      }
    }
    const std::vector<uint8_t> root = MakeTable(xsdt ? "XSDT" : "RSDT", entries);
    const uint64_t root_address = memory_.PlaceBytes(root.data(), root.size(), 16);
    const std::vector<uint8_t> rsdp = xsdt ? MakeRsdp(2, 0, root_address) : MakeRsdp(0, static_cast<uint32_t>(root_address));
    return memory_.PlaceBytes(rsdp.data(), rsdp.size(), 16);
  }

  std::vector<uint8_t> Fadt(uint32_t flags, uint8_t space, uint64_t reset_address, uint8_t value) {
    std::vector<uint8_t> payload(244 - sizeof(bootabi::acpi_table_header), 0);
    const auto put = [&](size_t offset, const void* data, size_t size) {
      std::memcpy(payload.data() + offset - sizeof(bootabi::acpi_table_header), data, size);
    };
    const uint16_t sci = 9;
    put(bootabi::kAcpiFadtSciIntOffset, &sci, 2);
    put(bootabi::kAcpiFadtFlagsOffset, &flags, 4);
    bootabi::acpi_generic_address reset{space, 8, 0, 1, reset_address};
    put(bootabi::kAcpiFadtResetRegisterOffset, &reset, sizeof(reset));
    put(bootabi::kAcpiFadtResetValueOffset, &value, 1);
    return MakeTable("FACP", payload, 3);
  }

  std::vector<uint8_t> Hpet(uint8_t space, uint64_t address) {
    std::vector<uint8_t> payload;
    AppendBytes(payload, uint32_t{0x8086a201});  // 3 comparators (bits 8-12: 2)
    AppendBytes(payload, bootabi::acpi_generic_address{space, 0, 0, 0, address});
    payload.push_back(0);
    AppendBytes(payload, uint16_t{128});
    payload.push_back(0);
    return MakeTable("HPET", payload);
  }

  FakeMemory memory_;
};

TEST_F(AcpiTest, QemuLikeTables) {
  const uint64_t rsdp = Build({Fadt(1u << 10, bootabi::kAcpiAddressSpaceIo, 0xcf9, 0x0f),
                               MakeTable("APIC", MadtPayload({LocalApic(0, 0, 1), LocalApic(1, 1, 1), LocalApic(2, 2, 0),
                                                              IoApic(0, 0xfec00000, 0), Override(0, 2, 0),
                                                              Override(9, 9, 0xd)})),
                               Hpet(bootabi::kAcpiAddressSpaceMemory, 0xfed00000)});
  const auto tables = acpi::ReadTables(memory_.View(), rsdp);
  ASSERT_TRUE(tables.ok()) << Describe(tables.error());
  EXPECT_TRUE(tables.value().xsdt);
  EXPECT_EQ(tables.value().count, 3u);

  acpi::Madt madt;
  ASSERT_TRUE(acpi::ParseMadt(memory_.View(), acpi::Find(tables.value(), "APIC"), madt).ok());
  EXPECT_EQ(madt.local_apic_address, 0xfee00000u);
  EXPECT_TRUE(madt.pcat_compat);
  ASSERT_EQ(madt.cpu_count, 2u);  // the third is neither enabled nor online-capable
  EXPECT_EQ(madt.cpus_absent, 1u);
  EXPECT_EQ(madt.cpus[1].apic_id, 1u);
  EXPECT_TRUE(madt.cpus[1].enabled);
  ASSERT_EQ(madt.io_apic_count, 1u);
  EXPECT_EQ(madt.io_apics[0].address, 0xfec00000u);
  ASSERT_EQ(madt.override_count, 2u);
  EXPECT_EQ(madt.overrides[0].source, 0);
  EXPECT_EQ(madt.overrides[0].gsi, 2u);
  EXPECT_EQ(madt.overrides[1].flags, 0xd);

  const auto hpet = acpi::ParseHpet(memory_.View(), acpi::Find(tables.value(), "HPET"));
  ASSERT_TRUE(hpet.ok()) << Describe(hpet.error());
  EXPECT_EQ(hpet.value().address, 0xfed00000u);
  EXPECT_EQ(hpet.value().comparators, 3);

  const auto fadt = acpi::ParseFadt(memory_.View(), acpi::Find(tables.value(), "FACP"));
  ASSERT_TRUE(fadt.ok());
  EXPECT_TRUE(fadt.value().reset_supported);
  EXPECT_EQ(fadt.value().reset_register.address, 0xcf9u);
  EXPECT_EQ(fadt.value().reset_value, 0x0f);
  EXPECT_EQ(fadt.value().sci_interrupt, 9);
  EXPECT_EQ(acpi::Find(tables.value(), "SRAT"), 0u);
}

TEST_F(AcpiTest, AnRsdtAndX2ApicEntries) {
  const uint64_t rsdp = Build({MakeTable("APIC", MadtPayload({X2Apic(300, 1, 7), X2Apic(301, 2, 8)}, 0))}, false);
  const auto tables = acpi::ReadTables(memory_.View(), rsdp);
  ASSERT_TRUE(tables.ok());
  EXPECT_FALSE(tables.value().xsdt);
  acpi::Madt madt;
  ASSERT_TRUE(acpi::ParseMadt(memory_.View(), tables.value().address[0], madt).ok());
  ASSERT_EQ(madt.cpu_count, 2u);
  EXPECT_EQ(madt.cpus[0].apic_id, 300u);
  EXPECT_TRUE(madt.cpus[0].x2apic);
  EXPECT_FALSE(madt.cpus[1].enabled);
  EXPECT_TRUE(madt.cpus[1].online_capable);
  EXPECT_FALSE(madt.pcat_compat);
}

TEST_F(AcpiTest, ABadChecksumNamesTheEntry) {
  const uint64_t rsdp = Build({MakeTable("FACP", {0, 0, 0, 0}), MakeTable("APIC", MadtPayload({}), 1, 1)});
  const auto tables = acpi::ReadTables(memory_.View(), rsdp);
  ASSERT_TRUE(tables.is_error());
  EXPECT_EQ(Describe(tables.error()), "xsdt.entry[1]: bad checksum: the table's bytes must sum to 0: expected 0x0, got 0x1");
}

TEST_F(AcpiTest, ATablePastMemoryIsAnError) {
  std::vector<uint8_t> table = MakeTable("APIC", MadtPayload({}));
  const uint64_t address = memory_.end() - 40;  // the header fits, its 44 bytes do not
  memory_.WriteBytes(address, table.data(), 40);
  acpi::Madt madt;
  EXPECT_EQ(Describe(acpi::ParseMadt(memory_.View(), address, madt).error()),
            "madt: outside readable memory: expected 0x20000, got 0x20004");
}

TEST_F(AcpiTest, BadMadtEntries) {
  acpi::Madt madt;
  auto parse = [&](const std::vector<std::vector<uint8_t>>& entries) {
    const std::vector<uint8_t> table = MakeTable("APIC", MadtPayload(entries));
    const uint64_t address = memory_.PlaceBytes(table.data(), table.size(), 16);
    const auto result = acpi::ParseMadt(memory_.View(), address, madt);
    return result.ok() ? std::string("ok") : Describe(result.error());
  };
  EXPECT_EQ(parse({{bootabi::kAcpiMadtLocalApic, 0}}), "madt.entry.length[0]: entry shorter than its type: expected 0x8, got 0x0");
  EXPECT_EQ(parse({LocalApic(0, 0, 1), {bootabi::kAcpiMadtIoApic, 8, 0, 0, 0, 0, 0, 0}}),
            "madt.entry.length[1]: entry shorter than its type: expected 0xc, got 0x8");
  EXPECT_EQ(parse({{0x7f, 40, 1, 2}}), "madt.entry.length[0]: entry runs past the end of the table: expected 0x4, got 0x28");
  EXPECT_EQ(parse({{0x7f, 0}}), "madt.entry.length[0]: entry shorter than its type: expected 0x2, got 0x0");
  EXPECT_EQ(parse({LocalApic(0, 0, 1), {0x7f}}), "madt.entry[1]: entry header cut by the end of the table: expected 0x2, got 0x1");
  EXPECT_EQ(parse({IoApic(0, 0, 0)}), "madt.io_apic.io_apic_address[0]: I/O APIC at address 0");
  std::vector<uint8_t> pci_override = Override(0, 2, 0);
  pci_override[2] = 1;
  EXPECT_EQ(parse({pci_override}), "madt.override.bus[0]: interrupt source override not for the ISA bus: expected 0x0, got 0x1");
  EXPECT_EQ(parse({{0x7f, 3, 0}, LocalApic(0, 0, 1)}), "ok");  // unknown types are skipped by their length
  EXPECT_EQ(madt.other_entries, 1u);
}

TEST_F(AcpiTest, BadRootsAndRsdps) {
  EXPECT_EQ(Describe(acpi::ReadTables(memory_.View(), 0x10000).error()),
            "rsdp: no valid RSDP there (signature, checksums, length): expected 0x0, got 0x10000");
  // The RSDP names an XSDT, and a table of another signature lies there, its length and
  // checksum right (Xen 4.17's PVH dom0 XSDT on a host with a revision-0 RSDP): taken, flagged.
  std::vector<uint8_t> entries;
  const std::vector<uint8_t> madt = MakeTable("APIC", MadtPayload({LocalApic(0, 0, 1)}));
  AppendBytes(entries, memory_.PlaceBytes(madt.data(), madt.size(), 16));
  std::vector<uint8_t> wrong = MakeTable("XSDT", entries);
  const char ivt[4] = {0x53, static_cast<char>(0xff), 0x00, static_cast<char>(0xf0)};
  std::memcpy(wrong.data(), ivt, 4);
  wrong[9] = 0;
  uint8_t sum = 0;
  for (uint8_t byte : wrong) sum = static_cast<uint8_t>(sum + byte);
  wrong[9] = static_cast<uint8_t>(-sum);
  const uint64_t root = memory_.PlaceBytes(wrong.data(), wrong.size(), 16);
  const std::vector<uint8_t> rsdp = MakeRsdp(2, 0, root);
  const auto flagged = acpi::ReadTables(memory_.View(), memory_.PlaceBytes(rsdp.data(), rsdp.size(), 16));
  ASSERT_TRUE(flagged.ok()) << Describe(flagged.error());
  EXPECT_TRUE(flagged.value().root_signature_wrong);
  EXPECT_EQ(flagged.value().count, 1u);
  // A root whose length leaves half an entry.
  const std::vector<uint8_t> odd = MakeTable("XSDT", {1, 2, 3, 4});
  const uint64_t odd_root = memory_.PlaceBytes(odd.data(), odd.size(), 16);
  const std::vector<uint8_t> odd_rsdp = MakeRsdp(2, 0, odd_root);
  EXPECT_EQ(Describe(acpi::ReadTables(memory_.View(), memory_.PlaceBytes(odd_rsdp.data(), odd_rsdp.size(), 16)).error()),
            "xsdt: root table length is not a header and whole entries: expected 0x24, got 0x28");
}

TEST_F(AcpiTest, HpetAndFadtChecks) {
  const std::vector<uint8_t> io_hpet = Hpet(bootabi::kAcpiAddressSpaceIo, 0x1000);
  EXPECT_EQ(Describe(acpi::ParseHpet(memory_.View(), memory_.PlaceBytes(io_hpet.data(), io_hpet.size(), 16)).error()),
            "hpet.base_address.address_space_id: HPET registers not in system memory: expected 0x0, got 0x1");
  const std::vector<uint8_t> odd_hpet = Hpet(bootabi::kAcpiAddressSpaceMemory, 0xfed00004);
  EXPECT_TRUE(acpi::ParseHpet(memory_.View(), memory_.PlaceBytes(odd_hpet.data(), odd_hpet.size(), 16)).is_error());
  // A reset register in PCI configuration space is not one the framework writes.
  const std::vector<uint8_t> pci_reset = Fadt(1u << 10, 2, 0xcf9, 6);
  const auto fadt = acpi::ParseFadt(memory_.View(), memory_.PlaceBytes(pci_reset.data(), pci_reset.size(), 16));
  ASSERT_TRUE(fadt.ok());
  EXPECT_FALSE(fadt.value().reset_supported);
  // An ACPI 1.0 FADT (116 bytes) has no reset register.
  const std::vector<uint8_t> old = MakeTable("FACP", std::vector<uint8_t>(116 - 36, 0));
  const auto old_fadt = acpi::ParseFadt(memory_.View(), memory_.PlaceBytes(old.data(), old.size(), 16));
  ASSERT_TRUE(old_fadt.ok());
  EXPECT_FALSE(old_fadt.value().reset_supported);
}

}  // namespace
