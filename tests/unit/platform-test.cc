// SPDX-License-Identifier: MIT
// Hypervisor detection over recorded CPUID layouts (tests/data/cpuid/).
#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <utility>

#include "platform/hypervisor.h"
#include "platform/pvclock.h"

namespace {

using platform::Hypervisor;

class CpuidDump {
 public:
  explicit CpuidDump(const std::string& name) {
    std::ifstream file(std::string(UNIENTRY_CPUID_DATA) + "/" + name);
    EXPECT_TRUE(file) << "missing test data " << name;
    std::string line;
    while (std::getline(file, line)) {
      if (line.empty() || line[0] == '#') continue;
      std::istringstream fields(line);
      uint32_t leaf, subleaf;
      platform::CpuidRegisters r;
      fields >> std::hex >> leaf >> subleaf >> r.eax >> r.ebx >> r.ecx >> r.edx;
      leaves_[{leaf, subleaf}] = r;
    }
  }
  static platform::CpuidRegisters Read(uint32_t leaf, uint32_t subleaf, const void* context) {
    const auto& leaves = static_cast<const CpuidDump*>(context)->leaves_;
    const auto found = leaves.find({leaf, subleaf});
    return found == leaves.end() ? platform::CpuidRegisters{} : found->second;
  }
  platform::HypervisorInfo Detect() const { return platform::DetectHypervisor(Read, this); }

 private:
  std::map<std::pair<uint32_t, uint32_t>, platform::CpuidRegisters> leaves_;
};

TEST(DetectHypervisor, QemuTcgCaptured) {
  const auto info = CpuidDump("qemu-tcg.txt").Detect();
  EXPECT_TRUE(info.cpuid_flag);
  EXPECT_EQ(info.vendor, Hypervisor::kQemuTcg);
  EXPECT_EQ(info.base, 0x40000000u);
  EXPECT_EQ(info.max_leaf, 0x40000001u);
  EXPECT_STREQ(info.signature, "TCGTCGTCGTCG");
}

TEST(DetectHypervisor, KvmCapturedWithItsFeatureLeaf) {
  const auto info = CpuidDump("kvm.txt").Detect();
  EXPECT_EQ(info.vendor, Hypervisor::kKvm);
  EXPECT_EQ(std::memcmp(info.signature, "KVMKVMKVM\0\0\0", 12), 0);
  EXPECT_EQ(info.features[0].eax, 0x0100fafbu);  // KVM_CPUID_FEATURES
}

TEST(DetectHypervisor, Xen) {
  const auto info = CpuidDump("xen.txt").Detect();
  EXPECT_EQ(info.vendor, Hypervisor::kXen);
  EXPECT_EQ(info.features[0].eax, 0x00040011u);  // version 4.17
  EXPECT_EQ(info.features[1].ebx, 0x40000000u);  // hypercall MSR
}

TEST(DetectHypervisor, XenBehindViridianIsStillXen) {
  const auto info = CpuidDump("xen-viridian.txt").Detect();
  EXPECT_EQ(info.vendor, Hypervisor::kXen);
  EXPECT_EQ(info.base, 0x40000100u);
  EXPECT_EQ(info.features[1].ebx, 0x40000000u);  // base + 2 of Xen's own range
  ASSERT_EQ(info.candidate_count, 2u);
  EXPECT_EQ(info.candidates[0].vendor, Hypervisor::kHyperV);
  EXPECT_EQ(info.candidates[0].base, 0x40000000u);
}

// The entry stub's cheap question agrees with the full scan, layered bases included.
TEST(FindHypervisorBase, FindsXenAloneAndBehindViridianAndNothingElsewhere) {
  const CpuidDump xen("xen.txt"), layered("xen-viridian.txt"), tcg("qemu-tcg.txt"), bare("no-hypervisor-bit.txt");
  EXPECT_EQ(platform::FindHypervisorBase(CpuidDump::Read, &xen, Hypervisor::kXen), 0x40000000u);
  EXPECT_EQ(platform::FindHypervisorBase(CpuidDump::Read, &layered, Hypervisor::kXen), 0x40000100u);
  EXPECT_EQ(platform::FindHypervisorBase(CpuidDump::Read, &tcg, Hypervisor::kXen), 0u);
  EXPECT_EQ(platform::FindHypervisorBase(CpuidDump::Read, &bare, Hypervisor::kXen), 0u);
  EXPECT_EQ(platform::FindHypervisorBase(CpuidDump::Read, &tcg, Hypervisor::kQemuTcg), 0x40000000u);
}

TEST(DetectHypervisor, HyperV) {
  const auto info = CpuidDump("hyper-v.txt").Detect();
  EXPECT_EQ(info.vendor, Hypervisor::kHyperV);
  EXPECT_EQ(info.features[0].eax, 0x31237648u);  // "Hv#1"
}

TEST(DetectHypervisor, Vmware) {
  EXPECT_EQ(CpuidDump("vmware.txt").Detect().vendor, Hypervisor::kVmware);
}

TEST(DetectHypervisor, LeavesWithoutTheHypervisorBitAreIgnored) {
  const auto info = CpuidDump("no-hypervisor-bit.txt").Detect();
  EXPECT_FALSE(info.cpuid_flag);
  EXPECT_EQ(info.vendor, Hypervisor::kNone);
}

TEST(DetectHypervisor, MaxLeafBelowItsBaseIsGarbage) {
  const auto info = CpuidDump("garbage-max-leaf.txt").Detect();
  EXPECT_EQ(info.vendor, Hypervisor::kNone);
  EXPECT_EQ(info.garbage_bases, 1u);
}

TEST(DetectHypervisor, NonPrintableSignatureIsSkipped) {
  const auto info = CpuidDump("garbage-signature.txt").Detect();
  EXPECT_EQ(info.vendor, Hypervisor::kQemuTcg);
  EXPECT_EQ(info.base, 0x40000100u);
}

TEST(DetectHypervisor, NothingAtAll) {
  const auto info = platform::DetectHypervisor(
      [](uint32_t, uint32_t, const void*) { return platform::CpuidRegisters{}; }, nullptr);
  EXPECT_EQ(info.vendor, Hypervisor::kNone);
  EXPECT_EQ(info.candidate_count, 0u);
}

TEST(DetectHypervisor, PrioritiesOrderTheVendors) {
  EXPECT_GT(platform::HypervisorPriority(Hypervisor::kXen), platform::HypervisorPriority(Hypervisor::kHyperV));
  EXPECT_GT(platform::HypervisorPriority(Hypervisor::kKvm), platform::HypervisorPriority(Hypervisor::kQemuTcg));
  EXPECT_EQ(platform::HypervisorPriority(Hypervisor::kNone), 0u);
  EXPECT_STREQ(platform::HypervisorName(Hypervisor::kHyperV), "hyper-v");
}

}  // namespace

// The paravirtual clock's arithmetic (platform/pvclock.h).
namespace {

bootabi::xen::vcpu_time_info Scale(uint32_t mul, int8_t shift) {
  bootabi::xen::vcpu_time_info time{};
  time.tsc_to_system_mul = mul;
  time.tsc_shift = shift;
  return time;
}

TEST(Pvclock, OneGigahertzTicksAreNanoseconds) {
  bootabi::xen::vcpu_time_info time = Scale(1u << 31, 1);  // 2^1 * 2^31 / 2^32 = 1 ns per tick
  time.system_time = 1000;
  time.tsc_timestamp = 500;
  EXPECT_EQ(platform::PvclockNanoseconds(time, 1500), 2000u);
  EXPECT_EQ(platform::PvclockTscHz(time), 1000000000u);
}

TEST(Pvclock, NegativeShiftIsAFasterTsc) {
  bootabi::xen::vcpu_time_info time = Scale(1u << 31, -1);  // 0.25 ns per tick
  time.tsc_timestamp = 0;
  EXPECT_EQ(platform::PvclockNanoseconds(time, 4000), 1000u);
  EXPECT_EQ(platform::PvclockTscHz(time), 4000000000u);
}

TEST(Pvclock, ScaleOfARealHostRoundTrips) {
  const uint64_t hz = 2445428740;  // what Xen 4.17 gave a PV dom0 under QEMU here
  const auto mul = static_cast<uint32_t>((static_cast<unsigned __int128>(1000000000) << 32) / hz);
  const uint64_t back = platform::PvclockTscHz(Scale(mul, 0));
  EXPECT_NEAR(static_cast<double>(back), static_cast<double>(hz), 2.0);
  // A second of ticks is a second of system time, within the scale's rounding.
  EXPECT_NEAR(static_cast<double>(platform::PvclockNanoseconds(Scale(mul, 0), hz)), 1e9, 1.0);
}

TEST(Pvclock, UnsetScaleHasNoFrequency) { EXPECT_EQ(platform::PvclockTscHz(Scale(0, 0)), 0u); }

}  // namespace
