// SPDX-License-Identifier: MIT
#include "platform/hypervisor.h"

#include <cstddef>

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

// The signature as the three registers carry it (little-endian words), so that matching a
// base costs three compares per known vendor: the PVH entry stub runs this scan too.
struct SignatureWords {
  uint32_t ebx, ecx, edx;
};

constexpr uint32_t Word(const char* text, int at) {
  return static_cast<uint32_t>(static_cast<unsigned char>(text[at])) |
         static_cast<uint32_t>(static_cast<unsigned char>(text[at + 1])) << 8 |
         static_cast<uint32_t>(static_cast<unsigned char>(text[at + 2])) << 16 |
         static_cast<uint32_t>(static_cast<unsigned char>(text[at + 3])) << 24;
}

struct KnownWords {
  SignatureWords words[sizeof(kSignatures) / sizeof(kSignatures[0])];
};

constexpr KnownWords MakeKnownWords() {
  KnownWords known{};
  for (size_t i = 0; i < sizeof(kSignatures) / sizeof(kSignatures[0]); ++i) {
    known.words[i] = {Word(kSignatures[i].text, 0), Word(kSignatures[i].text, 4), Word(kSignatures[i].text, 8)};
  }
  return known;
}
constexpr KnownWords kKnownWords = MakeKnownWords();

Hypervisor VendorOf(const CpuidRegisters& leaf) {
  for (size_t i = 0; i < sizeof(kSignatures) / sizeof(kSignatures[0]); ++i) {
    const SignatureWords& words = kKnownWords.words[i];
    if (leaf.ebx == words.ebx && leaf.ecx == words.ecx && leaf.edx == words.edx) return kSignatures[i].vendor;
  }
  return Hypervisor::kNone;
}

void SignatureOf(const CpuidRegisters& leaf, char out[13]) {
  const uint32_t words[3] = {leaf.ebx, leaf.ecx, leaf.edx};
  for (int i = 0; i < 12; ++i) out[i] = static_cast<char>(words[i / 4] >> (8 * (i % 4)));
  out[12] = '\0';
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

namespace {

bool CpuidHypervisorFlag(CpuidFunction cpuid, const void* context) {
  return ((cpuid(1, 0, context).ecx >> 31) & 1) != 0;
}

// Calls visit(base, leaf, vendor) for every non-empty hypervisor base, vendor kNone where the
// signature is unknown or the base's max leaf is not its own; stops when visit returns false.
template <typename Visit>
void ScanHypervisorBases(CpuidFunction cpuid, const void* context, Visit visit) {
  for (uint32_t base = kHypervisorLeafFirst; base <= kHypervisorLeafLast; base += kHypervisorLeafStep) {
    const CpuidRegisters leaf = cpuid(base, 0, context);
    // Hypervisors fill their bases from 0x40000000 up without gaps (a layered one adds the
    // next base): the first empty base ends the scan, which saves 255 CPUID exits a boot.
    if ((leaf.eax | leaf.ebx | leaf.ecx | leaf.edx) == 0) return;
    // The base's EAX names its highest leaf, which must lie in this base's range. QEMU TCG
    // reports max leaf == base with a valid signature; others need at least base.
    const bool sane_max = leaf.eax >= base && leaf.eax - base < kHypervisorLeafStep;
    const Hypervisor vendor = sane_max ? VendorOf(leaf) : Hypervisor::kNone;
    if (!visit(base, leaf, vendor)) return;
  }
}

}  // namespace

uint32_t FindHypervisorBase(CpuidFunction cpuid, const void* context, Hypervisor wanted) {
  if (!CpuidHypervisorFlag(cpuid, context)) return 0;
  uint32_t found = 0;
  ScanHypervisorBases(cpuid, context, [&](uint32_t base, const CpuidRegisters&, Hypervisor vendor) {
    if (vendor == wanted) found = base;
    return found == 0;
  });
  return found;
}

HypervisorInfo DetectHypervisor(CpuidFunction cpuid, const void* context) {
  HypervisorInfo info{};
  info.cpuid_flag = CpuidHypervisorFlag(cpuid, context);
  // Without the flag the hypervisor leaves mean nothing: on bare metal, leaves past the
  // highest basic leaf return that leaf's data (Linux checks the flag the same way).
  if (!info.cpuid_flag) return info;
  ScanHypervisorBases(cpuid, context, [&](uint32_t base, const CpuidRegisters& leaf, Hypervisor vendor) {
    if (vendor == Hypervisor::kNone) {
      char signature[13];
      SignatureOf(leaf, signature);
      if (Printable(signature)) ++info.garbage_bases;  // otherwise noise: nothing lives there
      return true;
    }
    if (info.candidate_count < kMaxCandidates) {
      HypervisorCandidate& candidate = info.candidates[info.candidate_count++];
      candidate.vendor = vendor;
      candidate.base = base;
      candidate.max_leaf = leaf.eax;
      SignatureOf(leaf, candidate.signature);
    }
    return true;
  });
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
