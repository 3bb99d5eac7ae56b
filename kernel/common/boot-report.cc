// SPDX-License-Identifier: MIT
#include "unientry/report.h"

#include "arch/x86/identity-map.h"
#include "arch/x86/kernel-layout.h"
#include "base/string-view.h"
#include "bootinfo/typed-map.h"
#include "unientry/acpi.h"
#include "unientry/boot.h"
#include "unientry/time.h"
#include "common/boot-context.h"
#include "common/console.h"
#include "init/memory-map.h"
#include "platform/platform.h"

namespace {

const char* LoaderName(uint8_t type_of_loader) {
  switch (static_cast<bootabi::LoaderType>(type_of_loader >> 4)) {
    case bootabi::LoaderType::kLilo: return "lilo";
    case bootabi::LoaderType::kLoadlin: return "loadlin";
    case bootabi::LoaderType::kSyslinux: return "syslinux";
    case bootabi::LoaderType::kEtherboot: return "etherboot";
    case bootabi::LoaderType::kElilo: return "elilo";
    case bootabi::LoaderType::kGrub: return "grub";
    case bootabi::LoaderType::kUBoot: return "u-boot";
    case bootabi::LoaderType::kXen: return "xen";
    case bootabi::LoaderType::kGujin: return "gujin";
    case bootabi::LoaderType::kQemu: return "qemu";
    case bootabi::LoaderType::kExtended: return "extended";
    case bootabi::LoaderType::kUndefined: return "undefined";
    default: return "other";
  }
}

const char* SubarchName(uint32_t subarch) {
  switch (static_cast<bootabi::HardwareSubarch>(subarch)) {
    case bootabi::HardwareSubarch::kPc: return "pc";
    case bootabi::HardwareSubarch::kLguest: return "lguest";
    case bootabi::HardwareSubarch::kXen: return "xen";
    case bootabi::HardwareSubarch::kIntelMid: return "intel-mid";
    case bootabi::HardwareSubarch::kCe4100: return "ce4100";
  }
  return "unknown";
}

void PrintMemoryMap() {
  const memory::Map& map = memory::CurrentMap();
  if (!map.valid) {
    console::Line(console::Importance::kAlways).Append("report memory none");
    return;
  }
  for (uint32_t i = 0; i < map.count; ++i) {
    const bootabi::boot_e820_entry& entry = map.entries[i];
    console::Line line(console::Importance::kAlways);
    line.Append("report memory ")
        .AppendHexPadded(entry.addr, 16)
        .Append("-")
        .AppendHexPadded(entry.addr + entry.size - 1, 16)
        .Append(" ")
        .Append(bootabi::E820TypeName(entry.type));
    if (base::StringView(bootabi::E820TypeName(entry.type)) == "unknown") {
      line.Append("(").AppendDecimal(entry.type).Append(")");
    }
  }
  console::Line(console::Importance::kAlways).Append("report memory-total ram=").AppendDecimal(map.ram_bytes);
  // What the typed map carves out of RAM: the kernel, the framework, modules and the loader's
  // data that stays in use, so a boot shows what a kernel must not allocate.
  const unientry::BootInfo& boot = unientry::Boot();
  uint64_t usable = 0;
  for (const bootinfo::MemoryRange& range : boot.memory_map) {
    if (range.type == bootinfo::MemoryType::kUsable) usable += range.size;
    if (range.type != bootinfo::MemoryType::kKernel && range.type != bootinfo::MemoryType::kFramework &&
        range.type != bootinfo::MemoryType::kModule && range.type != bootinfo::MemoryType::kLoader) {
      continue;
    }
    console::Line(console::Importance::kAlways)
        .Append("report in-use ")
        .AppendHexPadded(range.base, 16)
        .Append("-")
        .AppendHexPadded(range.end() - 1, 16)
        .Append(" ")
        .Append(bootinfo::MemoryTypeName(range.type));
  }
  console::Line(console::Importance::kAlways).Append("report memory-usable bytes=").AppendDecimal(usable);
  // The typed map's totals, one per type that has memory: what the machine gave, at a glance.
  uint64_t totals[static_cast<uint32_t>(bootinfo::MemoryType::kLoader) + 1] = {};
  for (const bootinfo::MemoryRange& range : boot.memory_map) totals[static_cast<uint32_t>(range.type)] += range.size;
  console::Line line(console::Importance::kAlways);
  line.Append("report memory-types");
  for (uint32_t type = 0; type < sizeof(totals) / sizeof(totals[0]); ++type) {
    if (totals[type] == 0) continue;
    line.Append(" ").Append(bootinfo::MemoryTypeName(static_cast<bootinfo::MemoryType>(type))).Append("=");
    line.AppendDecimal(totals[type]);
  }
}

// What the ACPI tables say about the machine: its tables, processors, I/O APICs, HPET.
void PrintAcpi() {
  const acpi::TableSet* tables = unientry::AcpiTables();
  if (tables == nullptr) return;
  {
    console::Line line(console::Importance::kAlways);
    line.Append("report acpi root=").Append(tables->xsdt ? "xsdt" : "rsdt");
    if (tables->root_signature_wrong) line.Append(" root-signature=wrong");
    line.Append(" tables=");
    for (uint32_t i = 0; i < tables->count; ++i) {
      char signature[5] = {tables->signature[i][0], tables->signature[i][1], tables->signature[i][2],
                           tables->signature[i][3], '\0'};
      line.Append(i == 0 ? "" : ",").AppendQuoted(signature, 4);
    }
  }
  if (const acpi::Madt* madt = unientry::AcpiMadt(); madt != nullptr) {
    uint32_t enabled = 0;
    for (uint32_t i = 0; i < madt->cpu_count; ++i) enabled += madt->cpus[i].enabled ? 1 : 0;
    {
      console::Line line(console::Importance::kAlways);
      line.Append("report cpus enabled=").AppendDecimal(enabled);
      line.Append(" online-capable=").AppendDecimal(madt->cpu_count - enabled).Append(" apic-ids=");
      for (uint32_t i = 0; i < madt->cpu_count; ++i) {
        line.Append(i == 0 ? "" : ",").AppendDecimal(madt->cpus[i].apic_id).Append(madt->cpus[i].enabled ? "" : "?");
      }
      if (madt->cpus_dropped != 0) line.Append(" dropped=").AppendDecimal(madt->cpus_dropped);
      if (madt->cpus_absent != 0) line.Append(" absent=").AppendDecimal(madt->cpus_absent);
      line.Append(" local-apic=").AppendHex(madt->local_apic_address).Append(madt->pcat_compat ? " pic=yes" : " pic=no");
    }
    for (uint32_t i = 0; i < madt->io_apic_count; ++i) {
      console::Line(console::Importance::kAlways)
          .Append("report io-apic id=")
          .AppendDecimal(madt->io_apics[i].id)
          .Append(" addr=")
          .AppendHex(madt->io_apics[i].address)
          .Append(" gsi-base=")
          .AppendDecimal(madt->io_apics[i].gsi_base);
    }
  }
  if (const acpi::Hpet* hpet = unientry::AcpiHpet(); hpet != nullptr) {
    console::Line(console::Importance::kAlways)
        .Append("report hpet addr=")
        .AppendHex(hpet->address)
        .Append(" comparators=")
        .AppendDecimal(hpet->comparators);
  }
}

}  // namespace

extern "C" char __kernel_start[], __kernel_end[];  // linker.ld

void unientry::PrintBootReport() {
  const bootabi::boot_params& params = *gBoot.params;
  const bootabi::boot_descriptor& descriptor = *gBoot.descriptor;
  console::Line(console::Importance::kAlways)
      .Append("report entry=")
      .Append(bootabi::BootEntryName(gBoot.entry))
      .Append(" subarch=")
      .Append(SubarchName(params.hdr.hardware_subarch))
      .Append(" loader=")
      .Append(LoaderName(params.hdr.type_of_loader))
      .Append(" loader-name=")
      .AppendQuoted(descriptor.loader_name, sizeof(descriptor.loader_name))
      .Append(" protocol=")
      .AppendHexPadded(params.hdr.version, 4)
      .Append(" firmware=")
      .Append(bootabi::FirmwareName(gBoot.firmware));
  {
    // Where the image runs: a loader may put it anywhere (arch/x86/relocate.S).
    const uint64_t start = reinterpret_cast<uint64_t>(__kernel_start);
    console::Line(console::Importance::kAlways)
        .Append("report image ")
        .AppendHexPadded(start, 16)
        .Append("-")
        .AppendHexPadded(reinterpret_cast<uint64_t>(__kernel_end) - 1, 16)
        .Append(start == KERNEL_LINK_ADDRESS ? " at-link-address" : " relocated");
  }
  {
    console::Line line(console::Importance::kAlways);
    line.Append("report platform ").Append(platform::Current().name);
    if (platform::Current().banner != nullptr) platform::Current().banner(line);
  }
  {
    console::Line line(console::Importance::kAlways);
    line.Append("report cmdline ").AppendQuoted(gBoot.command_line.data(), gBoot.command_line.size());
    if (descriptor.cmdline_truncated != 0) line.Append(" truncated");
  }
  PrintMemoryMap();
  for (uint32_t i = 0; i < descriptor.module_count && i < bootabi::kBootDescriptorMaxModules; ++i) {
    const bootabi::boot_module& module = descriptor.modules[i];
    console::Line line(console::Importance::kAlways);
    line.Append("report module ").AppendDecimal(i).Append(" addr=").AppendHex(module.paddr);
    line.Append(" size=").AppendDecimal(module.size);
    // The stub's copy of the loader's string (entry/handoff-area.cc), if it gave one.
    if (module.cmdline_paddr != 0) {
      line.Append(" cmdline=").AppendQuoted(reinterpret_cast<const char*>(module.cmdline_paddr),
                                            bootabi::kBootModuleStringSize);
      if ((descriptor.module_strings_truncated & (1u << i)) != 0) line.Append(" cmdline-truncated");
    }
  }
  if (descriptor.framebuffer_addr != 0) {
    console::Line(console::Importance::kAlways)
        .Append("report framebuffer addr=")
        .AppendHex(descriptor.framebuffer_addr)
        .Append(" width=")
        .AppendDecimal(descriptor.framebuffer_width)
        .Append(" height=")
        .AppendDecimal(descriptor.framebuffer_height)
        .Append(" pitch=")
        .AppendDecimal(descriptor.framebuffer_pitch)
        .Append(" bpp=")
        .AppendDecimal(descriptor.framebuffer_bpp)
        .Append(" type=")
        .AppendDecimal(descriptor.framebuffer_type);
  }
  if (descriptor.framebuffer_addr != 0 && descriptor.framebuffer_type == bootabi::kFramebufferTypeRgb) {
    // Each channel as size@shift: BGRX is red=8@16 green=8@8 blue=8@0 reserved=8@24.
    console::Line line(console::Importance::kAlways);
    line.Append("report framebuffer-channels");
    const auto channel = [&line](const char* name, bootabi::boot_framebuffer_channel c) {
      line.Append(" ").Append(name).Append("=").AppendDecimal(c.size).Append("@").AppendDecimal(c.shift);
    };
    channel("red", descriptor.framebuffer_red);
    channel("green", descriptor.framebuffer_green);
    channel("blue", descriptor.framebuffer_blue);
    channel("reserved", descriptor.framebuffer_reserved);
  }
  if (bootabi::RamdiskSize(params) != 0) {
    console::Line(console::Importance::kAlways)
        .Append("report initrd addr=")
        .AppendHex(bootabi::RamdiskAddress(params))
        .Append(" size=")
        .AppendDecimal(bootabi::RamdiskSize(params));
  } else {
    console::Line(console::Importance::kAlways).Append("report initrd none");
  }
  if (params.acpi_rsdp_addr != 0) {
    console::Line(console::Importance::kAlways).Append("report rsdp ").AppendHex(params.acpi_rsdp_addr);
  } else {
    console::Line(console::Importance::kAlways).Append("report rsdp none");
  }
  PrintAcpi();
  if (unientry::TscFrequency() != 0) {
    console::Line(console::Importance::kAlways)
        .Append("report timer tsc-hz=")
        .AppendDecimal(unientry::TscFrequency())
        .Append(" from ")
        .Append(unientry::TscFrequencySource())
        .Append(" source=")
        .Append(unientry::TimerSource());
  }
  console::Line(console::Importance::kAlways)
      .Append("report handoff memmap-in=")
      .AppendDecimal(descriptor.memmap_entries_in)
      .Append(" memmap-dropped=")
      .AppendDecimal(descriptor.memmap_entries_dropped)
      .Append(" modules=")
      .AppendDecimal(descriptor.module_count)
      .Append(" modules-dropped=")
      .AppendDecimal(descriptor.modules_dropped)
      .Append(" original-info=")
      .AppendHex(descriptor.original_info_paddr)
      .Append(" original-info-size=")
      .AppendDecimal(descriptor.original_info_size)
      .Append(" unknown-items=")
      .AppendDecimal(descriptor.unknown_items);
  if (descriptor.exit_boot_services_calls != 0) {
    console::Line(console::Importance::kAlways)
        .Append("report efi exit-boot-services-calls=")
        .AppendDecimal(descriptor.exit_boot_services_calls);
  }
}
