// SPDX-License-Identifier: MIT
// The boot matrix file (tests/boot/matrix.tsv): one row per way the kernel boots.
#pragma once

#include <string>
#include <vector>

namespace matrix {

struct Row {
  // firmware: what the kernel must find under it (bios, uefi, none, xen-pvh, xen-pv); it also
  // picks what QEMU runs first (uefi: OVMF; otherwise the machine's own BIOS or qboot).
  std::string name, entry, machine, image, loader, firmware, speed;
  int line;
  int cpus = 0;  // an optional 8th column cpus=N: this row's CPUs instead of --cpus'.
};

/// Reads the rows; throws std::runtime_error naming the file, line and column of a bad row.
std::vector<Row> ReadRows(const std::string& path);
std::vector<Row> ParseRows(const std::string& text, const std::string& path);

}  // namespace matrix
