// SPDX-License-Identifier: MIT
// cpu-features: what the processor offers, read once with CPUID for every later step.
#include "init/cpu-features.h"

#include "arch/x86/cpu.h"
#include "common/console.h"

namespace cpu {
namespace {

constinit Features gFeatures = {};

bool Bit(uint32_t value, int bit) { return ((value >> bit) & 1) != 0; }

void StoreVendor(const arch::CpuidResult& leaf0) {
  const uint32_t words[3] = {leaf0.ebx, leaf0.edx, leaf0.ecx};  // "Genu" "ineI" "ntel"
  for (int i = 0; i < 12; ++i) gFeatures.vendor[i] = static_cast<char>(words[i / 4] >> (8 * (i % 4)));
  gFeatures.vendor[12] = '\0';
}

void Probe() {
  const arch::CpuidResult leaf0 = arch::Cpuid(0);
  gFeatures.max_leaf = leaf0.eax;
  StoreVendor(leaf0);
  // [intel/vol2]: CPUID leaf 01H, EAX version information and ECX/EDX feature flags.
  const arch::CpuidResult leaf1 = arch::Cpuid(1);
  const uint32_t base_family = (leaf1.eax >> 8) & 0xf;
  const uint32_t base_model = (leaf1.eax >> 4) & 0xf;
  gFeatures.family = base_family == 0xf ? base_family + ((leaf1.eax >> 20) & 0xff) : base_family;
  gFeatures.model = (base_family == 0x6 || base_family == 0xf)
                        ? (((leaf1.eax >> 16) & 0xf) << 4) | base_model
                        : base_model;
  gFeatures.stepping = leaf1.eax & 0xf;
  gFeatures.pae = Bit(leaf1.edx, 6);
  gFeatures.pge = Bit(leaf1.edx, 13);
  gFeatures.pat = Bit(leaf1.edx, 16);
  gFeatures.x2apic = Bit(leaf1.ecx, 21);
  gFeatures.tsc_deadline = Bit(leaf1.ecx, 24);
  gFeatures.hypervisor = Bit(leaf1.ecx, 31);
  if (gFeatures.max_leaf >= 7) {
    const arch::CpuidResult leaf7 = arch::Cpuid(7, 0);
    gFeatures.smep = Bit(leaf7.ebx, 7);
    gFeatures.umip = Bit(leaf7.ecx, 2);
  }
  gFeatures.max_extended_leaf = arch::Cpuid(arch::kCpuidExtendedMaxLeaf).eax;
  if (gFeatures.max_extended_leaf >= arch::kCpuidExtendedFeatures) {
    const arch::CpuidResult extended = arch::Cpuid(arch::kCpuidExtendedFeatures);
    gFeatures.nx = Bit(extended.edx, 20);
    gFeatures.long_mode = Bit(extended.edx, arch::kCpuidExtendedEdxLongModeBit);
  }
  if (gFeatures.max_extended_leaf >= 0x80000007) {
    gFeatures.invariant_tsc = Bit(arch::Cpuid(0x80000007).edx, 8);
  }

  if (console::Quiet()) return;  // the line would be silent: do not build it
  console::Line line;
  line.Append("cpu vendor=").Append(gFeatures.vendor);
  line.Append(" family=").AppendHex(gFeatures.family).Append(" model=").AppendHex(gFeatures.model);
  line.Append(" stepping=").AppendDecimal(gFeatures.stepping).Append(" features=");
  const struct {
    bool present;
    const char* name;
  } flags[] = {{gFeatures.pae, "pae"},         {gFeatures.pge, "pge"},
               {gFeatures.pat, "pat"},         {gFeatures.nx, "nx"},
               {gFeatures.long_mode, "lm"},    {gFeatures.smep, "smep"},
               {gFeatures.umip, "umip"},       {gFeatures.x2apic, "x2apic"},
               {gFeatures.hypervisor, "hypervisor"}, {gFeatures.invariant_tsc, "invtsc"}};
  bool first = true;
  for (const auto& flag : flags) {
    if (!flag.present) continue;
    if (!first) line.Append(",");
    line.Append(flag.name);
    first = false;
  }
}

}  // namespace

const Features& Current() { return gFeatures; }

}  // namespace cpu

INIT_ENTRY(gCpuFeaturesInit, "cpu-features", INIT_LEVEL_EARLY, .run = cpu::Probe);
