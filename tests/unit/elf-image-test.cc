// SPDX-License-Identifier: MIT
// The image reader on malformed files, one defect per test, each file built here, and on the
// real kernel. Every failure must be an ImageError with a precise message, never a crash.
#include <elf.h>
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "image/elf-image.h"
#include "image/init-table.h"
#include "image/plan.h"

namespace {

std::string WriteFile(const std::string& name, const std::vector<uint8_t>& bytes) {
  const std::string path = (std::filesystem::temp_directory_path() / ("unientry-" + name)).string();
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()),
                                              static_cast<std::streamsize>(bytes.size()));
  return path;
}

// A minimal valid ELF64 x86-64 executable header with no sections.
std::vector<uint8_t> MinimalElf() {
  Elf64_Ehdr header{};
  std::memcpy(header.e_ident, ELFMAG, SELFMAG);
  header.e_ident[EI_CLASS] = ELFCLASS64;
  header.e_ident[EI_DATA] = ELFDATA2LSB;
  header.e_ident[EI_VERSION] = EV_CURRENT;
  header.e_type = ET_EXEC;
  header.e_machine = EM_X86_64;
  header.e_version = EV_CURRENT;
  header.e_ehsize = sizeof(Elf64_Ehdr);
  std::vector<uint8_t> bytes(sizeof(header));
  std::memcpy(bytes.data(), &header, sizeof(header));
  return bytes;
}

std::string ErrorOf(const std::string& path) {
  try {
    image::ElfImage::Open(path);
  } catch (const image::ImageError& error) {
    return error.what();
  }
  return "no error";
}

TEST(ElfImage, MissingFile) {
  EXPECT_EQ(ErrorOf("/nonexistent/kernel.elf"), "/nonexistent/kernel.elf: cannot open: No such file or directory");
}

TEST(ElfImage, NotAnElfFile) {
  const std::string path = WriteFile("text", {'h', 'e', 'l', 'l', 'o'});
  EXPECT_EQ(ErrorOf(path), path + ": not an ELF file: expected magic 7f 45 4c 46, file is 5 bytes");
}

TEST(ElfImage, EmptyFile) {
  const std::string path = WriteFile("empty", {});
  EXPECT_EQ(ErrorOf(path), path + ": not an ELF file: expected magic 7f 45 4c 46, file is 0 bytes");
}

TEST(ElfImage, TruncatedHeader) {
  std::vector<uint8_t> bytes = MinimalElf();
  bytes.resize(20);
  const std::string path = WriteFile("truncated", bytes);
  EXPECT_EQ(ErrorOf(path), path + ": truncated ELF header: expected at least 64 bytes, got 20");
}

TEST(ElfImage, WrongClass) {
  std::vector<uint8_t> bytes = MinimalElf();
  bytes[EI_CLASS] = ELFCLASS32;
  const std::string path = WriteFile("class32", bytes);
  EXPECT_EQ(ErrorOf(path), path + ": ELF class: expected ELFCLASS64 (2), got 1");
}

TEST(ElfImage, WrongMachine) {
  std::vector<uint8_t> bytes = MinimalElf();
  const uint16_t machine = EM_AARCH64;
  std::memcpy(bytes.data() + offsetof(Elf64_Ehdr, e_machine), &machine, sizeof(machine));
  const std::string path = WriteFile("aarch64", bytes);
  EXPECT_EQ(ErrorOf(path), path + ": e_machine: expected EM_X86_64 (62), got 183");
}

TEST(ElfImage, NotAnExecutable) {
  std::vector<uint8_t> bytes = MinimalElf();
  const uint16_t type = ET_REL;
  std::memcpy(bytes.data() + offsetof(Elf64_Ehdr, e_type), &type, sizeof(type));
  const std::string path = WriteFile("relocatable", bytes);
  EXPECT_EQ(ErrorOf(path), path + ": e_type: expected ET_EXEC (2), got 1");
}

TEST(ElfImage, NoSymbolTable) {
  const std::string path = WriteFile("stripped", MinimalElf());
  EXPECT_EQ(ErrorOf(path), path + ": no symbol table: the image was stripped");
}

// The real kernel, as built: its init table decodes and its plan is valid.
TEST(KernelImage, InitTableOfTheBuiltKernelIsValid) {
  const image::ElfImage elf = image::ElfImage::Open(UNIENTRY_KERNEL_ELF);
  const image::InitTable table = image::InitTable::Read(elf);
  ASSERT_GE(table.entries().size(), 8u);
  const image::PlanResult plan = image::CheckAndOrder(table);
  EXPECT_TRUE(plan.errors.empty()) << plan.errors.front();
  EXPECT_EQ(table.entries()[plan.order.front()].name, "cpu-features");
}

TEST(KernelImage, ExclusionsAndDependenciesDecode) {
  const image::ElfImage elf = image::ElfImage::Open(UNIENTRY_KERNEL_ELF);
  const image::InitTable table = image::InitTable::Read(elf);
  bool found_bda = false, found_initrd = false;
  for (const auto& entry : table.entries()) {
    if (entry.name == "bios-data-area") {
      found_bda = true;
      ASSERT_EQ(entry.exclusions.size(), 3u);
      EXPECT_EQ(entry.exclusions[0].entry, inittab::kAnyEntry);
      EXPECT_EQ(entry.exclusions[0].firmware, static_cast<uint8_t>(bootabi::Firmware::kUefi));
      EXPECT_EQ(entry.exclusion_reasons[0], "UEFI firmware does not promise a BIOS data area");
    }
    if (entry.name == "initrd") {
      found_initrd = true;
      ASSERT_EQ(entry.depends.size(), 1u);
      EXPECT_EQ(table.entries()[entry.depends[0]].name, "memory-map");
    }
  }
  EXPECT_TRUE(found_bda);
  EXPECT_TRUE(found_initrd);
}

TEST(KernelImage, ExecutableWithoutAnInitTableIsRejected) {
  // A valid x86-64 executable with a symbol table, built by the test suite, that is not ours.
  const image::ElfImage elf = image::ElfImage::Open(UNIENTRY_PLAIN_EXECUTABLE);
  try {
    image::InitTable::Read(elf);
    FAIL() << "no error";
  } catch (const image::ImageError& error) {
    EXPECT_EQ(std::string(error.what()),
              std::string(UNIENTRY_PLAIN_EXECUTABLE) +
                  ": no init table: symbols linktab_init_start and linktab_init_end not found "
                  "(not a unientry kernel?)");
  }
}

TEST(ElfImage, SharedObjectIsRejected) {
  const std::string self = std::filesystem::read_symlink("/proc/self/exe").string();
  EXPECT_EQ(ErrorOf(self), self + ": e_type: expected ET_EXEC (2), got 3");
}

}  // namespace
