// SPDX-License-Identifier: MIT
// The UEFI structures the EFI entry reads: the memory map descriptor and its types.
// Source: UEFI Specification 2.10, 7.2 "Memory Allocation Services" (EFI_MEMORY_DESCRIPTOR,
// EFI_MEMORY_TYPE); names as there.
#pragma once

#include <cstdint>

#include "abi/assert-layout.h"

namespace bootabi::efi {

enum class EFI_MEMORY_TYPE : uint32_t {
  EfiReservedMemoryType = 0,
  EfiLoaderCode = 1,
  EfiLoaderData = 2,
  EfiBootServicesCode = 3,
  EfiBootServicesData = 4,
  EfiRuntimeServicesCode = 5,
  EfiRuntimeServicesData = 6,
  EfiConventionalMemory = 7,
  EfiUnusableMemory = 8,
  EfiACPIReclaimMemory = 9,
  EfiACPIMemoryNVS = 10,
  EfiMemoryMappedIO = 11,
  EfiMemoryMappedIOPortSpace = 12,
  EfiPalCode = 13,
  EfiPersistentMemory = 14,
  EfiUnacceptedMemoryType = 15,
};

/// One entry of GetMemoryMap's buffer. Firmware may return larger entries (DescriptorSize):
/// readers step by that size, never by sizeof.
struct EFI_MEMORY_DESCRIPTOR {
  uint32_t Type;
  uint32_t Pad;
  uint64_t PhysicalStart;
  uint64_t VirtualStart;
  uint64_t NumberOfPages;  // 4 KiB pages
  uint64_t Attribute;
};
static_assert(AssertSize<EFI_MEMORY_DESCRIPTOR, 40>());
ABI_ASSERT_OFFSET(EFI_MEMORY_DESCRIPTOR, PhysicalStart, 8);
ABI_ASSERT_OFFSET(EFI_MEMORY_DESCRIPTOR, NumberOfPages, 24);

inline constexpr uint64_t kEfiPageSize = 4096;
inline constexpr uint32_t kEfiMemoryDescriptorVersion = 1;

}  // namespace bootabi::efi
