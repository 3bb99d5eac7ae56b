// SPDX-License-Identifier: MIT
#include "platform/hypervisor.h"

namespace platform {
namespace {

struct Signature {
  const char text[13];  // 12 bytes of EBX:ECX:EDX; NULs included
  Hypervisor vendor;
};

// Vendor signatures as published (Linux arch/x86/kernel/cpu/*.c, the vendors' specs).
constexpr Signature kSignatures[] = {
    {"XenVMMXenVMM", Hypervisor::kXen},
    {{'K', 'V', 'M', 'K', 'V', 'M', 'K', 'V', 'M', 0, 0, 0, 0}, Hypervisor::kKvm},
    {"Microsoft Hv", Hypervisor::kHyperV},
    {"VMwareVMware", Hypervisor::kVmware},
    {"TCGTCGTCGTCG", Hypervisor::kQemuTcg},
    {"bhyve bhyve ", Hypervisor::kBhyve},
    {"ACRNACRNACRN", Hypervisor::kAcrn},
    {{'J', 'a', 'i', 'l', 'h', 'o', 'u', 's', 'e', 0, 0, 0, 0}, Hypervisor::kJailhouse},
};

void SignatureOf(const CpuidRegisters& leaf, char out[13]) {
  const uint32_t words[3] = {leaf.ebx, leaf.ecx, leaf.edx};
  for (int i = 0; i < 12; ++i) out[i] = static_cast<char>(words[i / 4] >> (8 * (i % 4)));
  out[12] = '\0';
}

bool SameSignature(const char* a, const char* b) {
  for (int i = 0; i < 12; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

// A signature is text, possibly NUL-padded at the end (KVM, Jailhouse).
bool Printable(const char* signature) {
  bool ended = false;
  for (int i = 0; i < 12; ++i) {
    const char c = signature[i];
    if (c == '\0') {
      if (i == 0) return false;
      ended = true;
      continue;
    }
    if (ended || c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

}  // namespace

const char* HypervisorName(Hypervisor hypervisor) {
  switch (hypervisor) {
    case Hypervisor::kNone: return "none";
    case Hypervisor::kXen: return "xen";
    case Hypervisor::kKvm: return "kvm";
    case Hypervisor::kHyperV: return "hyper-v";
    case Hypervisor::kVmware: return "vmware";
    case Hypervisor::kQemuTcg: return "qemu-tcg";
    case Hypervisor::kBhyve: return "bhyve";
    case Hypervisor::kAcrn: return "acrn";
    case Hypervisor::kJailhouse: return "jailhouse";
  }
  return "unknown";
}

uint32_t HypervisorPriority(Hypervisor hypervisor) {
  switch (hypervisor) {
    case Hypervisor::kNone: return 0;
    case Hypervisor::kXen: return 100;  // also when it sits behind a Viridian (Hyper-V) layer
    case Hypervisor::kJailhouse: return 95;
    case Hypervisor::kAcrn: return 95;
    case Hypervisor::kKvm: return 90;
    case Hypervisor::kHyperV: return 80;
    case Hypervisor::kVmware: return 80;
    case Hypervisor::kBhyve: return 80;
    case Hypervisor::kQemuTcg: return 10;
  }
  return 0;
}

HypervisorInfo DetectHypervisor(CpuidFunction cpuid, const void* context) {
  HypervisorInfo info{};
  info.cpuid_flag = ((cpuid(1, 0, context).ecx >> 31) & 1) != 0;
  // Without the flag the hypervisor leaves mean nothing: on bare metal, leaves past the
  // highest basic leaf return that leaf's data (Linux checks the flag the same way).
  if (!info.cpuid_flag) return info;
  for (uint32_t base = kHypervisorLeafFirst; base <= kHypervisorLeafLast; base += kHypervisorLeafStep) {
    const CpuidRegisters leaf = cpuid(base, 0, context);
    // Hypervisors fill their bases from 0x40000000 up without gaps (a layered one adds the
    // next base): the first empty base ends the scan, which saves 255 CPUID exits a boot.
    if ((leaf.eax | leaf.ebx | leaf.ecx | leaf.edx) == 0) break;
    char signature[13];
    SignatureOf(leaf, signature);
    if (!Printable(signature)) continue;  // empty or noise: nothing lives at this base
    // The base's EAX names its highest leaf, which must lie in this base's range.
    const bool sane_max = leaf.eax >= base && leaf.eax - base < kHypervisorLeafStep;
    Hypervisor vendor = Hypervisor::kNone;
    for (const Signature& known : kSignatures) {
      if (SameSignature(signature, known.text)) vendor = known.vendor;
    }
    // QEMU TCG reports max leaf == base with a valid signature; others need at least base.
    if (vendor == Hypervisor::kNone || !sane_max) {
      ++info.garbage_bases;
      continue;
    }
    if (info.candidate_count < kMaxCandidates) {
      HypervisorCandidate& candidate = info.candidates[info.candidate_count++];
      candidate.vendor = vendor;
      candidate.base = base;
      candidate.max_leaf = leaf.eax;
      for (int i = 0; i < 13; ++i) candidate.signature[i] = signature[i];
    }
  }
  const HypervisorCandidate* best = nullptr;
  for (uint32_t i = 0; i < info.candidate_count; ++i) {
    if (best == nullptr || HypervisorPriority(info.candidates[i].vendor) > HypervisorPriority(best->vendor)) {
      best = &info.candidates[i];
    }
  }
  if (best == nullptr) return info;
  info.vendor = best->vendor;
  info.base = best->base;
  info.max_leaf = best->max_leaf;
  for (int i = 0; i < 13; ++i) info.signature[i] = best->signature[i];
  for (uint32_t i = 0; i < kFeatureLeaves; ++i) {
    if (best->base + 1 + i <= best->max_leaf) info.features[i] = cpuid(best->base + 1 + i, 0, context);
  }
  return info;
}

}  // namespace platform
