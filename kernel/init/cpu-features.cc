// SPDX-License-Identifier: MIT
// cpu-features: what the processor offers, read once with CPUID for every later step.
#include "init/cpu-features.h"

#include "arch/x86/cpu.h"
#include "common/console.h"
#include "common/per-cpu.h"

namespace cpu {
namespace {

bool Bit(uint32_t value, int bit) { return ((value >> bit) & 1) != 0; }

void StoreVendor(Features& features, const arch::CpuidResult& leaf0) {
  const uint32_t words[3] = {leaf0.ebx, leaf0.edx, leaf0.ecx};  // "Genu" "ineI" "ntel"
  for (int i = 0; i < 12; ++i) features.vendor[i] = static_cast<char>(words[i / 4] >> (8 * (i % 4)));
  features.vendor[12] = '\0';
}

// On every CPU (per-CPU entry): an AP records its own, so a step that needs a feature asks the
// CPU it runs on.
void Probe() {
  Features& features = percpu::ThisCpu().features;
  const arch::CpuidResult leaf0 = arch::Cpuid(0);
  features.max_leaf = leaf0.eax;
  StoreVendor(features, leaf0);
  // [intel/vol2]: CPUID leaf 01H, EAX version information and ECX/EDX feature flags.
  const arch::CpuidResult leaf1 = arch::Cpuid(1);
  const uint32_t base_family = (leaf1.eax >> 8) & 0xf;
  const uint32_t base_model = (leaf1.eax >> 4) & 0xf;
  features.family = base_family == 0xf ? base_family + ((leaf1.eax >> 20) & 0xff) : base_family;
  features.model = (base_family == 0x6 || base_family == 0xf)
                        ? (((leaf1.eax >> 16) & 0xf) << 4) | base_model
                        : base_model;
  features.stepping = leaf1.eax & 0xf;
  features.pae = Bit(leaf1.edx, 6);
  features.pge = Bit(leaf1.edx, 13);
  features.pat = Bit(leaf1.edx, 16);
  features.x2apic = Bit(leaf1.ecx, 21);
  features.tsc_deadline = Bit(leaf1.ecx, 24);
  features.hypervisor = Bit(leaf1.ecx, 31);
  if (features.max_leaf >= 7) {
    const arch::CpuidResult leaf7 = arch::Cpuid(7, 0);
    features.smep = Bit(leaf7.ebx, 7);
    features.umip = Bit(leaf7.ecx, 2);
  }
  features.max_extended_leaf = arch::Cpuid(arch::kCpuidExtendedMaxLeaf).eax;
  if (features.max_extended_leaf >= arch::kCpuidExtendedFeatures) {
    const arch::CpuidResult extended = arch::Cpuid(arch::kCpuidExtendedFeatures);
    features.nx = Bit(extended.edx, 20);
    features.long_mode = Bit(extended.edx, arch::kCpuidExtendedEdxLongModeBit);
  }
  if (features.max_extended_leaf >= 0x80000007) {
    features.invariant_tsc = Bit(arch::Cpuid(0x80000007).edx, 8);
  }

  if (console::Quiet()) return;  // the line would be silent: do not build it
  console::Line line;
  line.Append("cpu vendor=").Append(features.vendor);
  line.Append(" family=").AppendHex(features.family).Append(" model=").AppendHex(features.model);
  line.Append(" stepping=").AppendDecimal(features.stepping).Append(" features=");
  const struct {
    bool present;
    const char* name;
  } flags[] = {{features.pae, "pae"},         {features.pge, "pge"},
               {features.pat, "pat"},         {features.nx, "nx"},
               {features.long_mode, "lm"},    {features.smep, "smep"},
               {features.umip, "umip"},       {features.x2apic, "x2apic"},
               {features.hypervisor, "hypervisor"}, {features.invariant_tsc, "invtsc"}};
  bool first = true;
  for (const auto& flag : flags) {
    if (!flag.present) continue;
    if (!first) line.Append(",");
    line.Append(flag.name);
    first = false;
  }
}

}  // namespace

const Features& Current() { return percpu::ThisCpu().features; }

}  // namespace cpu

INIT_ENTRY(gCpuFeaturesInit, "cpu-features", INIT_LEVEL_EARLY, .flags = inittab::kPerCpu, .run = cpu::Probe);
