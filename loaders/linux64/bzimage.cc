// SPDX-License-Identifier: MIT
#include "bzimage.h"

#include <cstddef>

namespace loader {

base::Result<BzImage> ParseBzImage(const bootinfo::PhysicalMemory& memory, uint64_t address,
                                   uint64_t size) {
  constexpr uint64_t kHeaderOffset = offsetof(bootabi::boot_params, hdr);
  if (size < kHeaderOffset + sizeof(bootabi::setup_header) || !memory.Contains(address, size)) {
    return base::MakeError("image too small or outside memory", "bzImage", kHeaderOffset + sizeof(bootabi::setup_header), size);
  }
  BzImage image{};
  image.header = TRY(memory.Read<bootabi::setup_header>(address + kHeaderOffset, "bzImage setup header"));
  const bootabi::setup_header& header = image.header;
  if (header.boot_flag != bootabi::kBootFlag) {
    return base::MakeError("bad boot sector signature", "setup_header.boot_flag", bootabi::kBootFlag, header.boot_flag);
  }
  if (header.header != bootabi::kSetupHeaderMagic) {
    return base::MakeError("bad magic", "setup_header.header", bootabi::kSetupHeaderMagic, header.header);
  }
  if (header.version < 0x020c) {
    return base::MakeError("protocol too old for the 64-bit entry", "setup_header.version", 0x020c, header.version);
  }
  if ((header.xloadflags & bootabi::kXlfKernel64) == 0) {
    return base::MakeError("no 64-bit entry", "setup_header.xloadflags", bootabi::kXlfKernel64, header.xloadflags);
  }
  // boot.rst: the header runs to 0x202 + the byte at 0x201 (the jmp's displacement).
  image.header_length = 0x202 + (header.jump >> 8) - kHeaderOffset;
  const uint64_t setup_sects = header.setup_sects == 0 ? 4 : header.setup_sects;
  const uint64_t kernel_offset = (setup_sects + 1) * 512;
  image.kernel_size = uint64_t{header.syssize} * 16;
  if (kernel_offset > size || image.kernel_size > size - kernel_offset) {
    return base::MakeError("setup_sects and syssize run past the file", "setup_header.syssize",
                           size, kernel_offset + image.kernel_size);
  }
  image.kernel_address = address + kernel_offset;
  return image;
}

}  // namespace loader
