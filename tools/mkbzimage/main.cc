// SPDX-License-Identifier: MIT
// unientry-mkbzimage SETUP.elf KERNEL.elf OUTPUT: writes unientry.bzImage (image/bzimage.h).
#include <fstream>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "image/bzimage.h"

int main(int argc, char** argv) {
  CLI::App app{"Builds a Linux boot protocol image (bzImage) from the linked setup and kernel"};
  std::string setup_path, kernel_path, output_path;
  app.add_option("setup", setup_path, "the real-mode setup, linked at 0 (setup.elf)")->required();
  app.add_option("kernel", kernel_path, "the kernel ELF (unientry.elf)")->required();
  app.add_option("output", output_path, "the bzImage to write")->required();
  CLI11_PARSE(app, argc, argv);
  try {
    const image::ElfImage setup = image::ElfImage::Open(setup_path);
    const image::ElfImage kernel = image::ElfImage::Open(kernel_path);
    const std::vector<uint8_t> bzimage = image::BuildBzImage(image::ReadBzImageParts(setup, kernel));
    std::ofstream out(output_path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bzimage.data()), static_cast<std::streamsize>(bzimage.size()));
    if (!out) {
      fmt::print(stderr, "error: cannot write {}\n", output_path);
      return 1;
    }
    return 0;
  } catch (const image::ImageError& error) {
    fmt::print(stderr, "error: {}\n", error.what());
    return 1;
  }
}
