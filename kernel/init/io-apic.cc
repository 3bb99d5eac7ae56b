// SPDX-License-Identifier: MIT
// io-apic: every input of every I/O APIC the MADT (or MP table) lists masked, so that nothing
// arrives before a kernel routes it; then unientry::RouteIsaIrq programs one input for an ISA
// IRQ, through the interrupt source overrides (IRQ 0 is GSI 2 on most PCs), to the boot CPU.
#include "abi/mp-table.h"
#include "acpi/madt.h"
#include "arch/x86/cpu.h"
#include "arch/x86/apic.h"
#include "arch/x86/io-apic.h"
#include "common/console.h"
#include "inittab/init-entry.h"
#include "unientry/acpi.h"
#include "unientry/init.h"
#include "unientry/interrupts.h"

namespace {

constinit bool gReady = false;
constinit uint32_t gInputs[acpi::kMaxIoApics] = {};

void MaskEveryInput() {
  const acpi::Madt* madt = unientry::AcpiMadt();
  uint32_t total = 0;
  if (madt != nullptr && madt->imcr_present) {
    // An MP table's PIC mode: the 8259 reaches the boot CPU past its APIC until the IMCR
    // selects the APIC mode (MP specification 3.6.2.1), as Linux's imcr_pic_to_apic does.
    arch::OutByte(bootabi::kImcrSelectPort, bootabi::kImcrSelect);
    arch::OutByte(bootabi::kImcrDataPort, bootabi::kImcrApicMode);
  }
  if (madt != nullptr) {
    for (uint32_t i = 0; i < madt->io_apic_count; ++i) {
      gInputs[i] = arch::io_apic::InputCount(madt->io_apics[i].address);
      for (uint32_t pin = 0; pin < gInputs[i]; ++pin) arch::io_apic::Mask(madt->io_apics[i].address, pin);
      total += gInputs[i];
    }
  }
  gReady = true;
  console::Line()
      .Append("io-apic count=")
      .AppendDecimal(madt != nullptr ? madt->io_apic_count : 0)
      .Append(" inputs=")
      .AppendDecimal(total)
      .Append(" masked");
}

bool Refuse(const char** error, const char* why) {
  if (error != nullptr) *error = why;
  return false;
}

}  // namespace

constexpr inittab::Exclusion kIoApicExclusions[] = {
    inittab::OnFirmware(bootabi::Firmware::kXenPv,
                        "a Xen PV guest's interrupts are Xen's event channels, not I/O APIC inputs"),
};

INIT_ENTRY(gIoApicInit, "io-apic", INIT_LEVEL_NORMAL, .run = MaskEveryInput,
           .depends = inittab::DependsOn<gAcpiInit, gTimerInit>(), .exclusions = inittab::Exclude(kIoApicExclusions));

namespace unientry {

bool RouteIsaIrq(uint8_t irq, uint8_t vector, const char** error) {
  const acpi::Madt* madt = AcpiMadt();
  if (!gReady || madt == nullptr) return Refuse(error, "no I/O APIC on this boot (see the init trace)");
  if (irq > 15) return Refuse(error, "not an ISA IRQ (0-15)");
  if (vector < 32) return Refuse(error, "vectors 0-31 are the CPU's exceptions");
  if ((madt->isa_irqs_unconnected >> irq & 1) != 0) {
    return Refuse(error, "the firmware's MP table connects this IRQ to no usable I/O APIC");
  }
  // ISA interrupts are edge-triggered and active high unless an override says otherwise
  // (ACPI 6.5, 5.2.12.5: MPS INTI flags, 01 high / 11 low, 01 edge / 11 level).
  uint32_t gsi = irq;
  bool active_low = false, level = false;
  for (uint32_t i = 0; i < madt->override_count; ++i) {
    if (madt->overrides[i].source != irq) continue;
    gsi = madt->overrides[i].gsi;
    active_low = (madt->overrides[i].flags & 0x3) == 0x3;
    level = ((madt->overrides[i].flags >> 2) & 0x3) == 0x3;
  }
  for (uint32_t i = 0; i < madt->io_apic_count; ++i) {
    const acpi::IoApic& io_apic = madt->io_apics[i];
    if (gsi < io_apic.gsi_base || gsi - io_apic.gsi_base >= gInputs[i]) continue;
    const uint32_t apic_id = arch::apic::X2Apic() ? arch::apic::Read(arch::apic::kId)
                                                  : arch::apic::Read(arch::apic::kId) >> 24;
    arch::io_apic::Route(io_apic.address, gsi - io_apic.gsi_base, vector, apic_id, active_low, level);
    return true;
  }
  return Refuse(error, "no I/O APIC input has the IRQ's global system interrupt");
}

void EndOfInterrupt() { arch::apic::EndOfInterrupt(); }

}  // namespace unientry
