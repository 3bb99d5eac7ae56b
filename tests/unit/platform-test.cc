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
