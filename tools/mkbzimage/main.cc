// SPDX-License-Identifier: MIT
// unientry-mkbzimage SETUP.elf KERNEL.elf OUTPUT [--multiboot1 MB1]: writes unientry.bzImage
// and, on request, unientry-mb1.bin, the flat kernel image with its Multiboot 1 header
// (image/bzimage.h).
#include <fstream>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "image/bzimage.h"

namespace {

bool WriteFile(const std::string& path, const std::vector<uint8_t>& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  if (out) return true;
  fmt::print(stderr, "error: cannot write {}\n", path);
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Builds a Linux boot protocol image (bzImage) from the linked setup and kernel"};
  std::string setup_path, kernel_path, output_path, multiboot1_path;
  app.add_option("setup", setup_path, "the real-mode setup, linked at 0 (setup.elf)")->required();
  app.add_option("kernel", kernel_path, "the kernel ELF (unientry.elf)")->required();
  app.add_option("output", output_path, "the bzImage to write")->required();
  app.add_option("--multiboot1", multiboot1_path,
                 "also write the flat kernel image with its Multiboot 1 header (for QEMU -kernel)");
  CLI11_PARSE(app, argc, argv);
  try {
    const image::ElfImage setup = image::ElfImage::Open(setup_path);
    const image::ElfImage kernel = image::ElfImage::Open(kernel_path);
    image::BzImageParts parts = image::ReadBzImageParts(setup, kernel);
    image::FillMultiboot1Header(parts);
    if (!WriteFile(output_path, image::BuildBzImage(parts))) return 1;
    if (!multiboot1_path.empty() && !WriteFile(multiboot1_path, parts.kernel)) return 1;
    return 0;
  } catch (const image::ImageError& error) {
    fmt::print(stderr, "error: {}\n", error.what());
    return 1;
  }
}
