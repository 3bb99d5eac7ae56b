// SPDX-License-Identifier: MIT
#include "arch/x86/cpu.h"
#include "arch/x86/descriptor-tables.h"
#include "common/boot-context.h"
#include "common/exit.h"
#include "platform/platform.h"

LINKTAB_DEFINE(platforms);

namespace platform {

CpuidRegisters HardwareCpuid(uint32_t leaf, uint32_t subleaf, const void*) {
  const arch::CpuidResult r = arch::Cpuid(leaf, subleaf);
  return {r.eax, r.ebx, r.ecx, r.edx};
}

namespace {

constinit const Platform* gCurrent = nullptr;
constinit uint32_t gPriority = 0;
constinit uint32_t gHardwareSubarch = 0;
constinit HypervisorInfo gHypervisor = {};

void RecordInDescriptor() {
  bootabi::boot_descriptor& descriptor = *gBoot.descriptor;
  descriptor.hypervisor = static_cast<uint8_t>(gHypervisor.vendor);
  descriptor.hypervisor_base = gHypervisor.base;
  descriptor.hypervisor_max_leaf = gHypervisor.max_leaf;
  for (int i = 0; i < 12; ++i) descriptor.hypervisor_signature[i] = gHypervisor.signature[i];
  for (uint32_t i = 0; i < kFeatureLeaves; ++i) {
    const CpuidRegisters& leaf = gHypervisor.features[i];
    descriptor.hypervisor_features[i][0] = leaf.eax;
    descriptor.hypervisor_features[i][1] = leaf.ebx;
    descriptor.hypervisor_features[i][2] = leaf.ecx;
    descriptor.hypervisor_features[i][3] = leaf.edx;
  }
}

void InitPlatform() {
  if (gCurrent->init_platform != nullptr) gCurrent->init_platform();
}

}  // namespace

const Platform& Current() { return *gCurrent; }
const HypervisorInfo& Hypervisor() { return gHypervisor; }

uint32_t BootHardwareSubarch() { return gHardwareSubarch; }

void InstallDescriptorTables() {
  if (gCurrent->install_descriptor_tables != nullptr) {
    gCurrent->install_descriptor_tables();
  } else {
    arch::InstallDescriptorTables();
  }
}

void SelectPlatform(uint32_t hardware_subarch) {
  gHardwareSubarch = hardware_subarch;
  gHypervisor = DetectHypervisor(HardwareCpuid, nullptr);
  for (const Platform& candidate : linktab::Entries<LINKTAB_TABLE(platforms)>()) {
    const uint32_t priority = candidate.detect();
    if (priority > gPriority) {
      gPriority = priority;
      gCurrent = &candidate;
    }
  }
  if (gCurrent == nullptr) {
    console::Init();
    Panic("no platform matched: the bare-metal platform is missing");
  }
  console::Use(gCurrent->console);
  if (gCurrent->exit != nullptr) SetExitHook(gCurrent->exit);
}

void AnnouncePlatform() {
  RecordInDescriptor();
  if (console::Quiet()) return;  // the line would be silent: do not build it
  console::Line line;
  line.Append("platform ").Append(gCurrent->name).Append(" priority=").AppendDecimal(gPriority);
  line.Append(" hypervisor=").Append(HypervisorName(gHypervisor.vendor));
  if (gHypervisor.vendor != platform::Hypervisor::kNone) {
    line.Append(" base=").AppendHex(gHypervisor.base).Append(" max-leaf=").AppendHex(gHypervisor.max_leaf);
  }
  line.Append(" cpuid-hypervisor-bit=").AppendDecimal(gHypervisor.cpuid_flag ? 1 : 0);
  if (gHypervisor.candidate_count > 1) {
    line.Append(" layered=");
    for (uint32_t i = 0; i < gHypervisor.candidate_count; ++i) {
      if (i > 0) line.Append(",");
      line.Append(HypervisorName(gHypervisor.candidates[i].vendor)).Append("@").AppendHex(gHypervisor.candidates[i].base);
    }
  }
}

}  // namespace platform

INIT_ENTRY(gPlatformInit, "platform", INIT_LEVEL_EARLY, .run = platform::InitPlatform);
