// SPDX-License-Identifier: MIT
// Hypervisor detection from the CPUID hypervisor leaves (0x40000000-0x4000FF00).
//
// Hypervisors publish a vendor signature at a base leaf (EBX:ECX:EDX) and their highest leaf
// in EAX; a hypervisor that emulates another's interface lists that one first and its own at
// a later base (Xen with Viridian: "Microsoft Hv" at 0x40000000, Xen at 0x40000100). The scan
// looks at every base, keeps the candidates it recognises and picks by priority. This is not
// hardware_subarch: a KVM or Xen HVM guest is subarch PC (Linux's rule).
//
// CPUID comes through a function pointer, so tests feed recorded dumps.
#pragma once

#include <cstdint>

namespace platform {

struct CpuidRegisters {
  uint32_t eax, ebx, ecx, edx;
};

/// Reads CPUID (leaf, subleaf); `context` is the caller's (a recorded dump in tests).
using CpuidFunction = CpuidRegisters (*)(uint32_t leaf, uint32_t subleaf, const void* context);

enum class Hypervisor : uint8_t {
  kNone = 0,
  kXen,
  kKvm,
  kHyperV,
  kVmware,
  kQemuTcg,
  kBhyve,
  kAcrn,
  kJailhouse,
};

const char* HypervisorName(Hypervisor hypervisor);

inline constexpr uint32_t kHypervisorLeafFirst = 0x40000000;
inline constexpr uint32_t kHypervisorLeafLast = 0x4000FF00;
inline constexpr uint32_t kHypervisorLeafStep = 0x100;
inline constexpr uint32_t kMaxCandidates = 8;
inline constexpr uint32_t kFeatureLeaves = 4;  // base + 1 .. base + 4, where present

struct HypervisorCandidate {
  Hypervisor vendor;
  uint32_t base;      // the base leaf carrying the signature
  uint32_t max_leaf;  // EAX of the base leaf
  char signature[13];
};

struct HypervisorInfo {
  bool cpuid_flag;   // CPUID.1:ECX[31], "running under a hypervisor"
  Hypervisor vendor;  // the chosen one; kNone when nothing was recognised
  uint32_t base;
  uint32_t max_leaf;
  char signature[13];
  CpuidRegisters features[kFeatureLeaves];  // base + 1 ... (zero past max_leaf)
  uint32_t candidate_count;
  HypervisorCandidate candidates[kMaxCandidates];  // every recognised base, in scan order
  uint32_t garbage_bases;  // bases with a printable signature of no known vendor, or a bad max leaf
};

/// Scans the hypervisor leaves when CPUID.1:ECX[31] says a hypervisor is present, from
/// 0x40000000 up to the first empty base. Xen wins
/// over the interfaces it emulates (Hyper-V), then the native hypervisors, then QEMU TCG (an
/// emulator, not a hypervisor interface). A base counts only with a known signature and a
/// max leaf inside its own range; other non-empty bases are counted as garbage.
HypervisorInfo DetectHypervisor(CpuidFunction cpuid, const void* context);

/// The base leaf of `vendor`'s signature (as DetectHypervisor's scan finds it, behind other
/// layers too), or 0: the cheap question an entry stub asks ("did Xen start us?").
uint32_t FindHypervisorBase(CpuidFunction cpuid, const void* context, Hypervisor vendor);

/// The priority DetectHypervisor picks by (higher wins); 0 for kNone.
uint32_t HypervisorPriority(Hypervisor hypervisor);

}  // namespace platform
