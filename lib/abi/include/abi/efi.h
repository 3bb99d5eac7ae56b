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

namespace bootabi::efi {

// UEFI 2.10, 4 "EFI System Table", 7 "Services - Boot Services", 9.1 "EFI Loaded Image
// Protocol", 12.4 "Simple Text Output Protocol", 4.6 "EFI Configuration Table". Only the
// members the EFI entry uses are typed; the rest keep their slots.
using EFI_STATUS = uint64_t;
using EFI_HANDLE = void*;
inline constexpr EFI_STATUS EFI_SUCCESS = 0;
inline constexpr EFI_STATUS EFI_ERROR_BIT = uint64_t{1} << 63;
inline constexpr EFI_STATUS EFI_LOAD_ERROR = EFI_ERROR_BIT | 1;
inline constexpr EFI_STATUS EFI_INVALID_PARAMETER = EFI_ERROR_BIT | 2;
inline constexpr EFI_STATUS EFI_BUFFER_TOO_SMALL = EFI_ERROR_BIT | 5;

struct EFI_GUID {
  uint32_t Data1;
  uint16_t Data2;
  uint16_t Data3;
  uint8_t Data4[8];
};
static_assert(AssertSize<EFI_GUID, 16>());

inline constexpr EFI_GUID kLoadedImageProtocolGuid = {0x5b1b31a1, 0x9562, 0x11d2, {0x8e, 0x3f, 0x00, 0xa0, 0xc9, 0x69, 0x72, 0x3b}};
inline constexpr EFI_GUID kAcpi20TableGuid = {0x8868e871, 0xe4f1, 0x11d3, {0xbc, 0x22, 0x00, 0x80, 0xc7, 0x3c, 0x88, 0x81}};
inline constexpr EFI_GUID kAcpi10TableGuid = {0xeb9d2d30, 0x2d88, 0x11d3, {0x9a, 0x16, 0x00, 0x90, 0x27, 0x3f, 0xc1, 0x4d}};

struct EFI_TABLE_HEADER {
  uint64_t Signature;
  uint32_t Revision;
  uint32_t HeaderSize;
  uint32_t CRC32;
  uint32_t Reserved;
};
static_assert(AssertSize<EFI_TABLE_HEADER, 24>());

struct EFI_SIMPLE_TEXT_OUTPUT_PROTOCOL {
  void* Reset;
  EFI_STATUS(__attribute__((ms_abi)) * OutputString)(EFI_SIMPLE_TEXT_OUTPUT_PROTOCOL* self, const char16_t* text);
};

struct EFI_CONFIGURATION_TABLE {
  EFI_GUID VendorGuid;
  void* VendorTable;
};
static_assert(AssertSize<EFI_CONFIGURATION_TABLE, 24>());

enum class EFI_ALLOCATE_TYPE : uint32_t { AllocateAnyPages = 0, AllocateMaxAddress = 1, AllocateAddress = 2 };

struct EFI_BOOT_SERVICES {
  EFI_TABLE_HEADER Hdr;                   // 0
  void* RaiseTPL;                         // 24
  void* RestoreTPL;                       // 32
  EFI_STATUS(__attribute__((ms_abi)) * AllocatePages)(EFI_ALLOCATE_TYPE type, uint32_t memory_type,
                                                      uint64_t pages, uint64_t* address);  // 40
  void* FreePages;                        // 48
  EFI_STATUS(__attribute__((ms_abi)) * GetMemoryMap)(uint64_t* map_size, EFI_MEMORY_DESCRIPTOR* map,
                                                     uint64_t* map_key, uint64_t* descriptor_size,
                                                     uint32_t* descriptor_version);  // 56
  void* AllocatePool;                     // 64
  void* FreePool;                         // 72
  void* Events[6];                        // 80: CreateEvent .. CheckEvent
  void* ProtocolInterfaces[3];            // 128: Install, Reinstall, Uninstall
  EFI_STATUS(__attribute__((ms_abi)) * HandleProtocol)(EFI_HANDLE handle, const EFI_GUID* protocol,
                                                       void** interface);  // 152
  void* Reserved;                         // 160
  void* RegisterProtocolNotify;           // 168
  void* LocateHandle;                     // 176
  void* LocateDevicePath;                 // 184
  void* InstallConfigurationTable;        // 192
  void* LoadImage;                        // 200
  void* StartImage;                       // 208
  void* Exit;                             // 216
  void* UnloadImage;                      // 224
  EFI_STATUS(__attribute__((ms_abi)) * ExitBootServices)(EFI_HANDLE image, uint64_t map_key);  // 232
};
ABI_ASSERT_OFFSET(EFI_BOOT_SERVICES, AllocatePages, 40);
ABI_ASSERT_OFFSET(EFI_BOOT_SERVICES, GetMemoryMap, 56);
ABI_ASSERT_OFFSET(EFI_BOOT_SERVICES, HandleProtocol, 152);
ABI_ASSERT_OFFSET(EFI_BOOT_SERVICES, ExitBootServices, 232);

struct EFI_SYSTEM_TABLE {
  EFI_TABLE_HEADER Hdr;                          // 0
  char16_t* FirmwareVendor;                      // 24
  uint32_t FirmwareRevision;                     // 32
  EFI_HANDLE ConsoleInHandle;                    // 40
  void* ConIn;                                   // 48
  EFI_HANDLE ConsoleOutHandle;                   // 56
  EFI_SIMPLE_TEXT_OUTPUT_PROTOCOL* ConOut;       // 64
  EFI_HANDLE StandardErrorHandle;                // 72
  void* StdErr;                                  // 80
  void* RuntimeServices;                         // 88
  EFI_BOOT_SERVICES* BootServices;               // 96
  uint64_t NumberOfTableEntries;                 // 104
  EFI_CONFIGURATION_TABLE* ConfigurationTable;   // 112
};
ABI_ASSERT_OFFSET(EFI_SYSTEM_TABLE, ConOut, 64);
ABI_ASSERT_OFFSET(EFI_SYSTEM_TABLE, BootServices, 96);
ABI_ASSERT_OFFSET(EFI_SYSTEM_TABLE, ConfigurationTable, 112);

struct EFI_LOADED_IMAGE_PROTOCOL {
  uint32_t Revision;             // 0
  EFI_HANDLE ParentHandle;       // 8
  EFI_SYSTEM_TABLE* SystemTable; // 16
  EFI_HANDLE DeviceHandle;       // 24
  void* FilePath;                // 32
  void* Reserved;                // 40
  uint32_t LoadOptionsSize;      // 48: bytes
  void* LoadOptions;             // 56
  void* ImageBase;               // 64
  uint64_t ImageSize;            // 72
};
ABI_ASSERT_OFFSET(EFI_LOADED_IMAGE_PROTOCOL, LoadOptionsSize, 48);
ABI_ASSERT_OFFSET(EFI_LOADED_IMAGE_PROTOCOL, ImageBase, 64);

// PE/COFF (Microsoft PE format specification): what the bzImage's EFI header needs.
inline constexpr uint16_t kImageFileMachineAmd64 = 0x8664;
inline constexpr uint16_t kPe32PlusMagic = 0x20b;
inline constexpr uint16_t kImageSubsystemEfiApplication = 10;

struct [[gnu::packed]] pe_file_header {
  uint32_t Signature;  // "PE\0\0"
  uint16_t Machine;
  uint16_t NumberOfSections;
  uint32_t TimeDateStamp;
  uint32_t PointerToSymbolTable;
  uint32_t NumberOfSymbols;
  uint16_t SizeOfOptionalHeader;
  uint16_t Characteristics;
};
static_assert(AssertSize<pe_file_header, 24>());

struct pe_data_directory {
  uint32_t VirtualAddress;
  uint32_t Size;
};

struct [[gnu::packed]] pe32plus_optional_header {
  uint16_t Magic;
  uint8_t MajorLinkerVersion, MinorLinkerVersion;
  uint32_t SizeOfCode, SizeOfInitializedData, SizeOfUninitializedData;
  uint32_t AddressOfEntryPoint, BaseOfCode;
  uint64_t ImageBase;
  uint32_t SectionAlignment, FileAlignment;
  uint16_t MajorOperatingSystemVersion, MinorOperatingSystemVersion;
  uint16_t MajorImageVersion, MinorImageVersion;
  uint16_t MajorSubsystemVersion, MinorSubsystemVersion;
  uint32_t Win32VersionValue, SizeOfImage, SizeOfHeaders, CheckSum;
  uint16_t Subsystem, DllCharacteristics;
  uint64_t SizeOfStackReserve, SizeOfStackCommit, SizeOfHeapReserve, SizeOfHeapCommit;
  uint32_t LoaderFlags, NumberOfRvaAndSizes;
  pe_data_directory DataDirectory[16];
};
static_assert(AssertSize<pe32plus_optional_header, 240>());
inline constexpr uint32_t kDirectoryBaseRelocation = 5;

struct [[gnu::packed]] pe_section_header {
  char Name[8];
  uint32_t VirtualSize, VirtualAddress, SizeOfRawData, PointerToRawData;
  uint32_t PointerToRelocations, PointerToLinenumbers;
  uint16_t NumberOfRelocations, NumberOfLinenumbers;
  uint32_t Characteristics;
};
static_assert(AssertSize<pe_section_header, 40>());

}  // namespace bootabi::efi
