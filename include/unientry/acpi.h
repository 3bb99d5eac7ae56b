// SPDX-License-Identifier: MIT
// The firmware's ACPI tables, read once by the framework's "acpi" init entry (after
// identity-map) as untrusted input: every table's length and checksum, every MADT entry's
// length, checked; a bad table stops the boot naming it. Available in KernelMain (and after
// gAcpiInit in an init entry) wherever the boot found an RSDP (Boot().acpi_rsdp), or, without
// one, an MP specification table, which fills AcpiMadt() alone; a Xen PV guest has neither
// (dom0 reaches ACPI through Xen).
#pragma once

#include "acpi/madt.h"
#include "acpi/tables.h"

namespace unientry {

/// The tables the root table lists (signatures and addresses); nullptr without ACPI.
const acpi::TableSet* AcpiTables();
/// The processors (enabled and online-capable), I/O APICs and ISA interrupt overrides from
/// the MADT, or, on a BIOS without ACPI, from the MP specification's table (the same view);
/// nullptr with neither.
const acpi::Madt* AcpiMadt();
/// The HPET from its table; nullptr without one.
const acpi::Hpet* AcpiHpet();

/// Resets the machine: through the FADT's reset register where the firmware gives one, else
/// port 0xcf9, else the keyboard controller, else a triple fault. Does not return.
[[noreturn]] void Reboot();

}  // namespace unientry
