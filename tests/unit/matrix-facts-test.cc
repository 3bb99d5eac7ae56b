// SPDX-License-Identifier: MIT
// Same machine, same facts: reading a boot's facts, and the comparison with declarations.
#include <gtest/gtest.h>

#include <string>

#include "matrix/facts.h"

namespace {

constexpr const char* kPvhLog =
    "unientry: entry pvh\n"
    "unientry: firmware bios\n"
    "unientry: report cmdline \"console=ttyS0 hello\"\n"
    "unientry: report memory-total ram=267910144\n"
    "unientry: report module 0 addr=0xffb9000 size=123457\n"
    "unientry: report initrd addr=0xffb9000 size=123457\n"
    "unientry: report rsdp 0xf59e0\n"
    "unientry: report cpus enabled=2 online-capable=0 apic-ids=0,1 local-apic=0xfee00000 pic=yes\n";

TEST(MatrixFactsTest, ReadsTheReport) {
  const matrix::Facts facts = matrix::ParseFacts(kPvhLog);
  EXPECT_EQ(facts.Get("firmware"), "bios");
  EXPECT_EQ(facts.Get("ram"), "267910144");
  EXPECT_EQ(facts.Get("rsdp"), "present");
  EXPECT_EQ(facts.Get("initrd"), "123457");
  EXPECT_EQ(facts.Get("modules"), "123457");
  EXPECT_EQ(facts.Get("cmdline"), "\"console=ttyS0 hello\"");
  EXPECT_EQ(facts.Get("framebuffer"), "none");
  EXPECT_EQ(facts.Get("cpus"), "2");
}

TEST(MatrixFactsTest, ABootWithoutAReportHasNoFacts) {
  const matrix::Facts facts = matrix::ParseFacts("unientry: entry pvh\nunientry: status fail \"x\"\n");
  EXPECT_EQ(facts.Get("modules"), "(not reported)");
  EXPECT_EQ(facts.Get("rsdp"), "(not reported)");
}

TEST(MatrixFactsTest, LoaderWordsAreNotTheUsers) {
  EXPECT_EQ(matrix::CommandLineWithoutLoaderWords("BOOT_IMAGE=/boot/kernel console=ttyS0 a=b"), "console=ttyS0 a=b");
  EXPECT_EQ(matrix::CommandLineWithoutLoaderWords("build/kernel/unientry-mb1.bin console=ttyS0"), "console=ttyS0");
  EXPECT_EQ(matrix::CommandLineWithoutLoaderWords("\\EFI\\unientry\\unientry.efi x initrd=\\EFI\\i.img"), "x");
  EXPECT_EQ(matrix::CommandLineWithoutLoaderWords("console=ttyS0 initrd=initrd"), "console=ttyS0");
  // A path later on the line is the user's.
  EXPECT_EQ(matrix::CommandLineWithoutLoaderWords("root=/dev/vda init=/bin/sh"), "root=/dev/vda init=/bin/sh");
}

// An entry that loses the RSDP (issue 13's linux16 before the BIOS-area scan) is a failure
// unless declared.
TEST(MatrixFactsTest, AnUndeclaredDifferenceIsReported) {
  std::string lost = kPvhLog;
  lost.replace(lost.find("rsdp 0xf59e0"), 12, "rsdp none");
  const std::vector<matrix::FactsBoot> boots = {{"pvh-q35", "q35, -m 256", matrix::ParseFacts(kPvhLog)},
                                                {"linux16-q35", "q35, -m 256", matrix::ParseFacts(lost)},
                                                {"pvh-pc", "pc, -m 256", matrix::ParseFacts(lost)}};
  const auto differences = matrix::CompareFacts(boots, {});
  ASSERT_EQ(differences.size(), 1u);  // pvh-pc is another machine
  EXPECT_EQ(differences[0].boot, 1u);
  EXPECT_EQ(differences[0].message, "rsdp: none here, present on pvh-q35 (q35, -m 256)");
  EXPECT_EQ(differences[0].declared, nullptr);
}

TEST(MatrixFactsTest, ADeclaredDifferenceCarriesItsReason) {
  std::string pv = kPvhLog;
  pv.replace(pv.find("rsdp 0xf59e0"), 12, "rsdp none");
  const auto declared =
      matrix::ParseDeclaredDifferences("# comment\nrsdp  ^xen-pv-  a PV dom0 reaches ACPI through Xen\n", "facts.tsv");
  ASSERT_EQ(declared.size(), 1u);
  EXPECT_EQ(declared[0].reason, "a PV dom0 reaches ACPI through Xen");
  // The declared row is never the reference, even listed first.
  const std::vector<matrix::FactsBoot> boots = {{"xen-pv-dom0", "q35, -m 1024", matrix::ParseFacts(pv)},
                                                {"xen-pvh-dom0", "q35, -m 1024", matrix::ParseFacts(kPvhLog)}};
  const auto differences = matrix::CompareFacts(boots, declared);
  ASSERT_EQ(differences.size(), 1u);
  EXPECT_EQ(differences[0].boot, 0u);
  ASSERT_NE(differences[0].declared, nullptr);
  EXPECT_EQ(differences[0].declared->line, 2);
}

TEST(MatrixFactsTest, BadDeclarations) {
  EXPECT_THROW(matrix::ParseDeclaredDifferences("colour ^x why\n", "f"), std::runtime_error);
  EXPECT_THROW(matrix::ParseDeclaredDifferences("ram ^x\n", "f"), std::runtime_error);
  EXPECT_THROW(matrix::ParseDeclaredDifferences("ram\n", "f"), std::runtime_error);
  EXPECT_THROW(matrix::ParseDeclaredDifferences("ram ([ why\n", "f"), std::runtime_error);
  try {
    matrix::ParseDeclaredDifferences("\nram ^x\n", "facts.tsv");
  } catch (const std::runtime_error& error) {
    EXPECT_STREQ(error.what(), "facts.tsv:2: a difference needs its reason after the rows");
  }
}

}  // namespace
