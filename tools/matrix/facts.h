// SPDX-License-Identifier: MIT
// Same machine, same facts: what each boot handed the kernel (its report lines), compared
// across the boots of one machine and memory size. The init trace proves every entry ran the
// same steps; these prove every entry handed over the same machine. A difference is a
// failure unless tests/boot/facts.tsv declares it, with a reason, for the rows it applies to.
#pragma once

#include <regex>
#include <string>
#include <vector>

namespace matrix {

/// The facts compared, in report order.
inline constexpr const char* kFactNames[] = {"firmware", "ram", "rsdp", "initrd", "modules", "cmdline", "framebuffer",
                                             "cpus"};

struct Facts {
  std::vector<std::string> values;  // one per kFactNames entry; "(not reported)" when absent
  const std::string& Get(const std::string& name) const;
};

/// The facts in a boot's serial log: the firmware line, memory-total, whether an RSDP and a
/// framebuffer were found, the initrd's and the modules' sizes, the command line without the
/// words loaders add (CommandLineWithoutLoaderWords), and the enabled CPUs of the MADT.
Facts ParseFacts(const std::string& serial_log);

/// A command line without what loaders put around the user's words: a first word that is
/// GRUB's BOOT_IMAGE=PATH or the image's own path (QEMU's Multiboot loader, the UEFI shell),
/// and initrd= words (OVMF's -kernel, the UEFI shell, SYSLINUX).
std::string CommandLineWithoutLoaderWords(const std::string& command_line);

/// One line of facts.tsv: FACT ROWS-REGEX REASON...
struct DeclaredDifference {
  std::string fact, rows, reason;
  std::regex pattern;
  int line = 0;
};
/// Throws std::runtime_error naming the file and line of a bad declaration.
std::vector<DeclaredDifference> ParseDeclaredDifferences(const std::string& text, const std::string& path);
std::vector<DeclaredDifference> ReadDeclaredDifferences(const std::string& path);

struct FactsBoot {
  std::string row;    // the row's name
  std::string group;  // machine and memory size: the boots that must agree
  Facts facts;
};

struct FactsDifference {
  size_t boot;          // index into the boots given
  std::string message;  // "ram: 262324224 here, 267910144 on pvh-q35 (q35, 256 MiB)"
  const DeclaredDifference* declared = nullptr;  // the declaration that allows it, if any
};

/// Compares every boot with the others of its group. For each fact the reference is the first
/// boot of the group that no declaration exempts from that fact; every other boot must have
/// the same value, or a declaration for that fact that matches its row name.
std::vector<FactsDifference> CompareFacts(const std::vector<FactsBoot>& boots,
                                          const std::vector<DeclaredDifference>& declared);

}  // namespace matrix
