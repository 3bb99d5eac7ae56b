// SPDX-License-Identifier: MIT
#include "init/cr4.h"

#include "arch/x86/cpu.h"
#include "common/console.h"
#include "common/exit.h"
#include "init/cpu-features.h"

namespace cr4 {
namespace {

constinit uint64_t gShadow = 0;
constinit bool gInitialised = false;

void InitShadow() {
  gShadow = arch::ReadCr4();
  gInitialised = true;
  console::Line().Append("cr4 shadow=").AppendHex(gShadow);
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
  console::Line().Append("cr4 enabled=").AppendHex(bits).Append(" shadow=").AppendHex(gShadow);
}

}  // namespace

uint64_t Shadow() { return gShadow; }

void SetBits(uint64_t bits) {
  if (!gInitialised) Panic("cr4::SetBits before the cr4-shadow init entry ran");
  gShadow |= bits;
  arch::WriteCr4(gShadow);
}

}  // namespace cr4

INIT_ENTRY(gCr4ShadowInit, "cr4-shadow", INIT_LEVEL_EARLY, .run = cr4::InitShadow);

INIT_ENTRY(gCr4FeaturesInit, "cr4-features", INIT_LEVEL_EARLY, .detect = cr4::DetectFeatures,
           .run = cr4::EnableFeatures,
           .depends = inittab::DependsOn<gCpuFeaturesInit, gCr4ShadowInit>());
