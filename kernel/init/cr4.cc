// SPDX-License-Identifier: MIT
#include "init/cr4.h"

#include "arch/x86/cpu.h"
#include "common/console.h"
#include "common/exit.h"
#include "common/per-cpu.h"
#include "init/cpu-features.h"

namespace cr4 {
namespace {

// Each CPU's own CR4 (the seed's cr4_init_shadow(), which Linux runs on every CPU): in its
// per-CPU record.
void InitShadow() {
  percpu::Cpu& cpu = percpu::ThisCpu();
  cpu.cr4_shadow = arch::ReadCr4();
  cpu.cr4_shadow_valid = true;
  console::Line().Append("cr4 shadow=").AppendHex(cpu.cr4_shadow);
}

// Turns on the CR4 protections the CPU offers; they cost nothing in a kernel that maps no
// user pages and make stray jumps into user-accessible memory fault early.
bool DetectFeatures() {
  const cpu::Features& features = cpu::Current();
  return features.pge || features.smep || features.umip;
}

void EnableFeatures() {
  const cpu::Features& features = cpu::Current();
  uint64_t bits = 0;
  if (features.pge) bits |= arch::kCr4Pge;
  if (features.smep) bits |= arch::kCr4Smep;
  if (features.umip) bits |= arch::kCr4Umip;
  SetBits(bits);
  console::Line().Append("cr4 enabled=").AppendHex(bits).Append(" shadow=").AppendHex(Shadow());
}

}  // namespace

uint64_t Shadow() { return percpu::ThisCpu().cr4_shadow; }

void SetBits(uint64_t bits) {
  percpu::Cpu& cpu = percpu::ThisCpu();
  if (!cpu.cr4_shadow_valid) Panic("cr4::SetBits before the cr4-shadow init entry ran on this CPU");
  cpu.cr4_shadow |= bits;
  arch::WriteCr4(cpu.cr4_shadow);
}

}  // namespace cr4

INIT_ENTRY(gCr4ShadowInit, "cr4-shadow", INIT_LEVEL_EARLY, .flags = inittab::kPerCpu, .run = cr4::InitShadow);

INIT_ENTRY(gCr4FeaturesInit, "cr4-features", INIT_LEVEL_EARLY, .flags = inittab::kPerCpu, .detect = cr4::DetectFeatures,
           .run = cr4::EnableFeatures,
           .depends = inittab::DependsOn<gCpuFeaturesInit, gCr4ShadowInit>());
