// SPDX-License-Identifier: MIT
#include "bootinfo/efi.h"

namespace bootinfo {

namespace efi = bootabi::efi;

uint32_t E820TypeForEfi(uint32_t efi_type) {
  using bootabi::E820Type;
  switch (static_cast<efi::EFI_MEMORY_TYPE>(efi_type)) {
    case efi::EFI_MEMORY_TYPE::EfiLoaderCode:
    case efi::EFI_MEMORY_TYPE::EfiLoaderData:
    case efi::EFI_MEMORY_TYPE::EfiBootServicesCode:
    case efi::EFI_MEMORY_TYPE::EfiBootServicesData:
    case efi::EFI_MEMORY_TYPE::EfiConventionalMemory:
      return static_cast<uint32_t>(E820Type::kRam);
    case efi::EFI_MEMORY_TYPE::EfiUnusableMemory:
      return static_cast<uint32_t>(E820Type::kUnusable);
    case efi::EFI_MEMORY_TYPE::EfiACPIReclaimMemory:
      return static_cast<uint32_t>(E820Type::kAcpi);
    case efi::EFI_MEMORY_TYPE::EfiACPIMemoryNVS:
      return static_cast<uint32_t>(E820Type::kNvs);
    case efi::EFI_MEMORY_TYPE::EfiPersistentMemory:
      return static_cast<uint32_t>(E820Type::kPmem);
    case efi::EFI_MEMORY_TYPE::EfiReservedMemoryType:
    case efi::EFI_MEMORY_TYPE::EfiRuntimeServicesCode:
    case efi::EFI_MEMORY_TYPE::EfiRuntimeServicesData:
    case efi::EFI_MEMORY_TYPE::EfiMemoryMappedIO:
    case efi::EFI_MEMORY_TYPE::EfiMemoryMappedIOPortSpace:
    case efi::EFI_MEMORY_TYPE::EfiPalCode:
    case efi::EFI_MEMORY_TYPE::EfiUnacceptedMemoryType:
      break;
  }
  return static_cast<uint32_t>(E820Type::kReserved);
}

base::Result<uint32_t> AddEfiMemoryMap(const PhysicalMemory& memory, uint64_t map_address, uint64_t map_size,
                                       uint64_t descriptor_size, uint32_t descriptor_version,
                                       E820Builder& builder) {
  if (descriptor_size < sizeof(efi::EFI_MEMORY_DESCRIPTOR) || descriptor_size % 8 != 0) {
    return base::MakeError("descriptor size below the spec's or not a multiple of 8", "DescriptorSize",
                           sizeof(efi::EFI_MEMORY_DESCRIPTOR), descriptor_size);
  }
  if (descriptor_version != efi::kEfiMemoryDescriptorVersion) {
    return base::MakeError("unknown descriptor version", "DescriptorVersion", efi::kEfiMemoryDescriptorVersion,
                           descriptor_version);
  }
  if (map_size % descriptor_size != 0) {
    return base::MakeError("map size not a whole number of descriptors", "MemoryMapSize",
                           map_size / descriptor_size * descriptor_size, map_size);
  }
  const uint64_t count = map_size / descriptor_size;
  if (count > kMaxEfiMemoryDescriptors) {
    return base::MakeError("more descriptors than any firmware returns", "MemoryMapSize",
                           kMaxEfiMemoryDescriptors, count);
  }
  TRY(memory.CheckArray(map_address, count, descriptor_size, "MemoryMap"));
  for (uint64_t i = 0; i < count; ++i) {
    const auto descriptor = TRY(memory.Read<efi::EFI_MEMORY_DESCRIPTOR>(map_address + i * descriptor_size,
                                                                         "EFI_MEMORY_DESCRIPTOR"));
    // A page count whose byte size overflows becomes a wrapping range, which the builder drops.
    const uint64_t size = descriptor.NumberOfPages > UINT64_MAX / efi::kEfiPageSize
                              ? UINT64_MAX
                              : descriptor.NumberOfPages * efi::kEfiPageSize;
    builder.Add(descriptor.PhysicalStart, size, E820TypeForEfi(descriptor.Type));
  }
  return static_cast<uint32_t>(count);
}

base::Result<LoadOptionsResult> ConvertLoadOptions(const uint16_t* options, size_t bytes, char* out,
                                                   size_t capacity) {
  out[0] = '\0';
  if (bytes % 2 != 0) {
    return base::MakeError("load options are not whole UCS-2 code units", "LoadOptionsSize",
                           bytes / 2 * 2, bytes);
  }
  LoadOptionsResult result{0, false};
  for (size_t i = 0; i < bytes / 2; ++i) {
    const uint16_t unit = options[i];
    if (unit == 0) break;
    if (unit != '\t' && (unit < 0x20 || unit > 0x7e)) {
      out[result.length] = '\0';
      return base::AtIndex(base::MakeError("code unit outside printable ASCII", "LoadOptions", 0x7e, unit),
                           static_cast<int64_t>(i));
    }
    if (result.length + 1 == capacity) {
      result.truncated = true;
      break;
    }
    out[result.length++] = unit == '\t' ? ' ' : static_cast<char>(unit);
  }
  out[result.length] = '\0';
  return result;
}

base::Result<bool> FindInitrdPath(const char* command_line, uint32_t index, char16_t* out, size_t capacity,
                                  size_t* word_end) {
  constexpr char kKey[] = "initrd=";
  constexpr size_t kKeyLength = sizeof(kKey) - 1;
  out[0] = 0;
  uint32_t seen = 0;
  for (const char* word = command_line; *word != '\0';) {
    while (*word == ' ') ++word;
    const char* end = word;
    while (*end != '\0' && *end != ' ') ++end;
    const size_t length = static_cast<size_t>(end - word);
    if (length >= kKeyLength && __builtin_memcmp(word, kKey, kKeyLength) == 0 && seen++ == index) {
      const size_t path_length = length - kKeyLength;
      if (path_length == 0) {
        return base::AtIndex(base::MakeError("initrd= names no file", "initrd="), static_cast<int64_t>(index));
      }
      if (path_length + 1 > capacity) {
        return base::AtIndex(base::MakeError("initrd= path too long", "initrd=", capacity - 1, path_length),
                             static_cast<int64_t>(index));
      }
      for (size_t i = 0; i < path_length; ++i) {
        const char c = word[kKeyLength + i];
        out[i] = c == '/' ? u'\\' : static_cast<char16_t>(c);
      }
      out[path_length] = 0;
      if (word_end != nullptr) *word_end = static_cast<size_t>(end - command_line);
      return true;
    }
    word = end;
  }
  return false;
}

}  // namespace bootinfo
