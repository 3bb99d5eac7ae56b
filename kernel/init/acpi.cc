// SPDX-License-Identifier: MIT
// acpi: the firmware's description of the machine. From the RSDP the entry found
// (boot_params.acpi_rsdp_addr): the root table and what it lists, the MADT, the HPET and the
// FADT (lib/acpi). A BIOS without ACPI gives the MP specification's table instead (the
// descriptor's mp_floating_pointer): its processors, I/O APICs and ISA interrupt routes, read
// into the same view the MADT gives (unientry::AcpiMadt), so that the I/O APICs and the APs
// are found either way. Read through the identity map, which covers all of RAM and so every
// table. A table that fails its checks ends the boot, naming it: a kernel must not start on
// processors and interrupt routes read from garbage. With neither, the entry is not detected.
#include "acpi/madt.h"
#include "acpi/mp-table.h"
#include "acpi/tables.h"
#include "arch/x86/cpu.h"
#include "arch/x86/io-apic.h"
#include "arch/x86/ports.h"
#include "common/boot-context.h"
#include "common/console.h"
#include "common/exit.h"
#include "init/memory-map.h"
#include "inittab/init-entry.h"
#include "unientry/acpi.h"
#include "unientry/boot.h"
#include "unientry/init.h"

namespace {

constinit acpi::TableSet gTables;
constinit acpi::Madt gMadt;
constinit acpi::Hpet gHpet;
constinit acpi::Fadt gFadt;
constinit bool gHaveTables = false, gHaveMadt = false, gHaveHpet = false, gHaveFadt = false;

bool HaveFirmwareTables() { return gBoot.params->acpi_rsdp_addr != 0 || gBoot.descriptor->mp_floating_pointer != 0; }

// Reaching an I/O APIC writes its 32-bit index register (at its address) first: one a table
// places in RAM (a corrupt table) is refused, never written.
bool IoApicInRam(uint64_t address) { return memory::IsRam(address, sizeof(uint32_t)); }

// An MP table names its I/O APICs by address alone; their input counts give the GSI bases.
uint32_t IoApicInputs(uint64_t address) { return IoApicInRam(address) ? 0 : arch::io_apic::InputCount(address); }

void ReadMpTable(const bootinfo::PhysicalMemory& memory) {
  const auto read = acpi::ParseMpTable(memory, gBoot.descriptor->mp_floating_pointer, IoApicInputs, gMadt);
  if (read.is_error()) FailWithError("acpi", read.error());
  gHaveMadt = true;
  const acpi::MpTableInfo& info = read.value();
  console::Line line;
  line.Append("acpi none: mp-table floating-pointer=").AppendHex(gBoot.descriptor->mp_floating_pointer);
  if (info.default_config != 0) {
    line.Append(" default-configuration=").AppendDecimal(info.default_config);
  } else {
    line.Append(" table=").AppendHex(info.config_table).Append(" entries=").AppendDecimal(info.entries);
    if (info.entry_count_field != info.entries) line.Append(" entry-count-field=").AppendDecimal(info.entry_count_field);
  }
  line.Append(" spec=1.").AppendDecimal(info.spec_rev).Append(" cpus=").AppendDecimal(gMadt.cpu_count);
  line.Append(" io-apics=").AppendDecimal(gMadt.io_apic_count).Append(" overrides=").AppendDecimal(gMadt.override_count);
  line.Append(gMadt.imcr_present ? " imcr=yes" : " imcr=no");
}

void ReadAcpi() {
  const bootinfo::PhysicalMemory memory(0, unientry::Boot().IdentityMappedEnd(), 0);
  if (gBoot.params->acpi_rsdp_addr == 0) {
    ReadMpTable(memory);
    return;
  }
  const auto tables = acpi::ReadTables(memory, gBoot.params->acpi_rsdp_addr);
  if (tables.is_error()) FailWithError("acpi", tables.error());
  gTables = tables.value();
  gHaveTables = true;
  if (const uint64_t madt = acpi::Find(gTables, "APIC"); madt != 0) {
    const auto parsed = acpi::ParseMadt(memory, madt, gMadt);
    if (parsed.is_error()) FailWithError("acpi", parsed.error());
    for (uint32_t i = 0; i < gMadt.io_apic_count; ++i) {
      if (IoApicInRam(gMadt.io_apics[i].address)) {
        FailWithError("acpi", base::AtIndex(base::MakeError("I/O APIC in RAM", "madt.io_apic.io_apic_address", 0,
                                                            gMadt.io_apics[i].address),
                                            i));
      }
    }
    gHaveMadt = true;
  }
  if (const uint64_t hpet = acpi::Find(gTables, "HPET"); hpet != 0) {
    const auto parsed = acpi::ParseHpet(memory, hpet);
    if (parsed.is_error()) FailWithError("acpi", parsed.error());
    gHpet = parsed.value();
    gHaveHpet = true;
  }
  if (const uint64_t fadt = acpi::Find(gTables, "FACP"); fadt != 0) {
    const auto parsed = acpi::ParseFadt(memory, fadt);
    if (parsed.is_error()) FailWithError("acpi", parsed.error());
    gFadt = parsed.value();
    gHaveFadt = true;
  }
  console::Line()
      .Append("acpi tables=")
      .AppendDecimal(gTables.count)
      .Append(gTables.xsdt ? " root=xsdt" : " root=rsdt")
      .Append(gTables.root_signature_wrong ? " root-signature=wrong" : "")
      .Append(" cpus=")
      .AppendDecimal(gHaveMadt ? gMadt.cpu_count : 0)
      .Append(" io-apics=")
      .AppendDecimal(gHaveMadt ? gMadt.io_apic_count : 0)
      .Append(gHaveHpet ? " hpet=yes" : " hpet=no")
      .Append(gHaveFadt && gFadt.reset_supported ? " reset-register=yes" : " reset-register=no");
}

constexpr inittab::Exclusion kAcpiExclusions[] = {
    inittab::OnFirmware(bootabi::Firmware::kXenPv,
                        "a Xen PV guest gets no RSDP: dom0 reaches ACPI through Xen's hypercalls"),
};

}  // namespace

INIT_ENTRY(gAcpiInit, "acpi", INIT_LEVEL_PLATFORM, .detect = HaveFirmwareTables, .run = ReadAcpi,
           .depends = inittab::DependsOn<gIdentityMapInit>(), .exclusions = inittab::Exclude(kAcpiExclusions));

namespace unientry {

const acpi::TableSet* AcpiTables() { return gHaveTables ? &gTables : nullptr; }
const acpi::Madt* AcpiMadt() { return gHaveMadt ? &gMadt : nullptr; }
const acpi::Hpet* AcpiHpet() { return gHaveHpet ? &gHpet : nullptr; }

[[noreturn]] void Reboot() {
  // The FADT's reset register (ACPI 6.5, 4.8.3.6), written with its value, in system I/O or
  // memory space.
  if (gHaveFadt && gFadt.reset_supported) {
    console::Line(console::Importance::kAlways)
        .Append("reboot through the FADT reset register (")
        .Append(gFadt.reset_register.address_space_id == bootabi::kAcpiAddressSpaceIo ? "io " : "memory ")
        .AppendHex(gFadt.reset_register.address)
        .Append(", value ")
        .AppendHex(gFadt.reset_value)
        .Append(")");
    if (gFadt.reset_register.address_space_id == bootabi::kAcpiAddressSpaceIo) {
      arch::OutByte(static_cast<uint16_t>(gFadt.reset_register.address), gFadt.reset_value);
    } else {
      *reinterpret_cast<volatile uint8_t*>(gFadt.reset_register.address) = gFadt.reset_value;
    }
  }
  // The PC's reset control register, then the keyboard controller's pulse of the reset line.
  console::Line(console::Importance::kAlways).Append("reboot through port 0xcf9 and the keyboard controller");
  arch::OutByte(arch::kResetControl, arch::kResetControlHard);
  arch::OutByte(arch::kResetControl, arch::kResetControlHard | arch::kResetControlStart);
  arch::OutByte(arch::kKbcStatus, arch::kKbcPulseReset);
  // Nothing listened: a triple fault resets every x86 machine (an empty IDT, then a fault).
  struct [[gnu::packed]] {
    uint16_t limit = 0;
    uint64_t base = 0;
  } empty_idt;
  __asm__ volatile("lidt %0\n int3" ::"m"(empty_idt));
  arch::HaltForever();
}

}  // namespace unientry
