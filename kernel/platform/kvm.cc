// SPDX-License-Identifier: MIT
// KVM: reads the paravirtual feature leaf (base + 1) and reports which interfaces the host
// offers (Linux Documentation/virt/kvm/x86/cpuid.rst).
#include "platform/platform.h"

namespace {

struct FeatureBit {
  int bit;
  const char* name;
};

// KVM_CPUID_FEATURES, EAX.
constexpr FeatureBit kKvmFeatures[] = {
    {0, "clocksource"},   {1, "nop-io-delay"},     {2, "mmu-op"},        {3, "clocksource2"},
    {4, "async-pf"},      {5, "steal-time"},       {6, "pv-eoi"},        {7, "pv-unhalt"},
    {9, "pv-tlb-flush"},  {10, "async-pf-vmexit"}, {11, "pv-send-ipi"},  {12, "poll-control"},
    {13, "pv-sched-yield"}, {14, "async-pf-int"},  {15, "msi-ext-dest-id"}, {16, "hc-map-gpa-range"},
    {17, "migration-control"}, {24, "clocksource-stable"},
};

uint32_t DetectKvm() {
  return platform::Hypervisor().vendor == platform::Hypervisor::kKvm
             ? platform::HypervisorPriority(platform::Hypervisor::kKvm)
             : 0;
}

void KvmBanner(console::Line& line) {
  const platform::CpuidRegisters& features = platform::Hypervisor().features[0];
  line.Append(" features=").AppendHex(features.eax).Append(" (");
  bool first = true;
  for (const FeatureBit& feature : kKvmFeatures) {
    if (((features.eax >> feature.bit) & 1) == 0) continue;
    if (!first) line.Append(",");
    line.Append(feature.name);
    first = false;
  }
  line.Append(") hints=").AppendHex(features.edx);
}

}  // namespace

PLATFORM_ENTRY platform::Platform kKvm{.name = "kvm", .detect = DetectKvm, .banner = KvmBanner};
