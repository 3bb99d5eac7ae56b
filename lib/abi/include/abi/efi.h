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
inline constexpr EFI_STATUS EFI_OUT_OF_RESOURCES = EFI_ERROR_BIT | 9;
inline constexpr EFI_STATUS EFI_NOT_FOUND = EFI_ERROR_BIT | 14;

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
inline constexpr EFI_GUID kDevicePathProtocolGuid = {0x09576e91, 0x6d3f, 0x11d2, {0x8e, 0x39, 0x00, 0xa0, 0xc9, 0x69, 0x72, 0x3b}};
inline constexpr EFI_GUID kLoadFile2ProtocolGuid = {0x4006c0c1, 0xfcb3, 0x403e, {0x99, 0x6d, 0x4a, 0x6c, 0x87, 0x24, 0xe0, 0x6d}};
// LINUX_EFI_INITRD_MEDIA_GUID: the vendor media device path under which a loader offers the
// initrd through LoadFile2 (Linux drivers/firmware/efi/libstub; OVMF's -initrd uses it).
inline constexpr EFI_GUID kLinuxInitrdMediaGuid = {0x5568e427, 0x68fc, 0x4f3d, {0xac, 0x74, 0xca, 0x55, 0x52, 0x31, 0xcc, 0x68}};
inline constexpr EFI_GUID kSimpleFileSystemProtocolGuid = {0x964e5b22, 0x6459, 0x11d2, {0x8e, 0x39, 0x00, 0xa0, 0xc9, 0x69, 0x72, 0x3b}};
inline constexpr EFI_GUID kFileInfoGuid = {0x09576e92, 0x6d3f, 0x11d2, {0x8e, 0x39, 0x00, 0xa0, 0xc9, 0x69, 0x72, 0x3b}};
inline constexpr EFI_GUID kGraphicsOutputProtocolGuid = {0x9042a9de, 0x23dc, 0x4a38, {0x96, 0xfb, 0x7a, 0xde, 0xd0, 0x80, 0x51, 0x6a}};

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
  EFI_STATUS(__attribute__((ms_abi)) * FreePages)(uint64_t memory, uint64_t pages);  // 48
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
  EFI_STATUS(__attribute__((ms_abi)) * LocateDevicePath)(const EFI_GUID* protocol, void** device_path,
                                                         EFI_HANDLE* device);  // 184
  void* InstallConfigurationTable;        // 192
  void* LoadImage;                        // 200
  void* StartImage;                       // 208
  void* Exit;                             // 216
  void* UnloadImage;                      // 224
  EFI_STATUS(__attribute__((ms_abi)) * ExitBootServices)(EFI_HANDLE image, uint64_t map_key);  // 232
  void* GetNextMonotonicCount;            // 240
  void* Stall;                            // 248
  void* SetWatchdogTimer;                 // 256
  void* DriverSupport[2];                 // 264: ConnectController, DisconnectController
  void* OpenProtocols[3];                 // 280: Open, Close, OpenProtocolInformation
  void* ProtocolsPerHandle;               // 304
  void* LocateHandleBuffer;               // 312
  EFI_STATUS(__attribute__((ms_abi)) * LocateProtocol)(const EFI_GUID* protocol, void* registration,
                                                       void** interface);  // 320
};
ABI_ASSERT_OFFSET(EFI_BOOT_SERVICES, LocateDevicePath, 184);
ABI_ASSERT_OFFSET(EFI_BOOT_SERVICES, LocateProtocol, 320);
ABI_ASSERT_OFFSET(EFI_BOOT_SERVICES, AllocatePages, 40);
ABI_ASSERT_OFFSET(EFI_BOOT_SERVICES, FreePages, 48);
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

// Device paths (UEFI 2.10 §10.3): nodes of Type, SubType and a little-endian 16-bit Length.
struct EFI_DEVICE_PATH_PROTOCOL {
  uint8_t Type;
  uint8_t SubType;
  uint8_t Length[2];
};
static_assert(AssertSize<EFI_DEVICE_PATH_PROTOCOL, 4>());
inline constexpr uint8_t kMediaDevicePath = 4;
inline constexpr uint8_t kMediaVendorDp = 3;
inline constexpr uint8_t kEndDevicePathType = 0x7f;
inline constexpr uint8_t kEndEntireDevicePath = 0xff;

struct [[gnu::packed]] VENDOR_DEVICE_PATH {
  EFI_DEVICE_PATH_PROTOCOL Header;
  EFI_GUID Guid;
};
static_assert(AssertSize<VENDOR_DEVICE_PATH, 20>());

struct EFI_LOAD_FILE2_PROTOCOL {
  EFI_STATUS(__attribute__((ms_abi)) * LoadFile)(EFI_LOAD_FILE2_PROTOCOL* self, void* file_path,
                                                 uint8_t boot_policy, uint64_t* buffer_size, void* buffer);
};

struct EFI_FILE_PROTOCOL {
  uint64_t Revision;  // 0
  EFI_STATUS(__attribute__((ms_abi)) * Open)(EFI_FILE_PROTOCOL* self, EFI_FILE_PROTOCOL** file,
                                             const char16_t* name, uint64_t mode, uint64_t attributes);  // 8
  EFI_STATUS(__attribute__((ms_abi)) * Close)(EFI_FILE_PROTOCOL* self);  // 16
  void* Delete;  // 24
  EFI_STATUS(__attribute__((ms_abi)) * Read)(EFI_FILE_PROTOCOL* self, uint64_t* size, void* buffer);  // 32
  void* Write;        // 40
  void* GetPosition;  // 48
  void* SetPosition;  // 56
  EFI_STATUS(__attribute__((ms_abi)) * GetInfo)(EFI_FILE_PROTOCOL* self, const EFI_GUID* type, uint64_t* size,
                                                void* buffer);  // 64
};
ABI_ASSERT_OFFSET(EFI_FILE_PROTOCOL, Read, 32);
ABI_ASSERT_OFFSET(EFI_FILE_PROTOCOL, GetInfo, 64);
inline constexpr uint64_t kEfiFileModeRead = 1;
inline constexpr uint64_t kEfiFileDirectory = 0x10;  // EFI_FILE_INFO.Attribute

struct EFI_SIMPLE_FILE_SYSTEM_PROTOCOL {
  uint64_t Revision;
  EFI_STATUS(__attribute__((ms_abi)) * OpenVolume)(EFI_SIMPLE_FILE_SYSTEM_PROTOCOL* self, EFI_FILE_PROTOCOL** root);
};

// EFI_FILE_INFO's fixed part; the file name (UCS-2) follows it.
struct EFI_FILE_INFO {
  uint64_t Size;            // 0: of the whole structure, name included
  uint64_t FileSize;        // 8
  uint64_t PhysicalSize;    // 16
  uint8_t Times[3][16];     // 24: CreateTime, LastAccessTime, ModificationTime (EFI_TIME)
  uint64_t Attribute;       // 72
};
ABI_ASSERT_OFFSET(EFI_FILE_INFO, FileSize, 8);
ABI_ASSERT_OFFSET(EFI_FILE_INFO, Attribute, 72);

// Graphics Output Protocol (UEFI 2.10 §12.9): only the current mode is read.
enum class EFI_GRAPHICS_PIXEL_FORMAT : uint32_t {
  PixelRedGreenBlueReserved8BitPerColor = 0,
  PixelBlueGreenRedReserved8BitPerColor = 1,
  PixelBitMask = 2,
  PixelBltOnly = 3,
};

struct EFI_PIXEL_BITMASK {
  uint32_t RedMask;
  uint32_t GreenMask;
  uint32_t BlueMask;
  uint32_t ReservedMask;
};
static_assert(AssertSize<EFI_PIXEL_BITMASK, 16>());

struct EFI_GRAPHICS_OUTPUT_MODE_INFORMATION {
  uint32_t Version;                       // 0
  uint32_t HorizontalResolution;          // 4
  uint32_t VerticalResolution;            // 8
  EFI_GRAPHICS_PIXEL_FORMAT PixelFormat;  // 12
  EFI_PIXEL_BITMASK PixelInformation;     // 16: the channels' masks (PixelBitMask only)
  uint32_t PixelsPerScanLine;             // 32
};
ABI_ASSERT_OFFSET(EFI_GRAPHICS_OUTPUT_MODE_INFORMATION, PixelsPerScanLine, 32);

struct EFI_GRAPHICS_OUTPUT_PROTOCOL_MODE {
  uint32_t MaxMode;                            // 0
  uint32_t Mode;                               // 4
  EFI_GRAPHICS_OUTPUT_MODE_INFORMATION* Info;  // 8
  uint64_t SizeOfInfo;                         // 16
  uint64_t FrameBufferBase;                    // 24
  uint64_t FrameBufferSize;                    // 32
};
ABI_ASSERT_OFFSET(EFI_GRAPHICS_OUTPUT_PROTOCOL_MODE, FrameBufferBase, 24);

struct EFI_GRAPHICS_OUTPUT_PROTOCOL {
  void* QueryMode;                          // 0
  void* SetMode;                            // 8
  void* Blt;                                // 16
  EFI_GRAPHICS_OUTPUT_PROTOCOL_MODE* Mode;  // 24
};
ABI_ASSERT_OFFSET(EFI_GRAPHICS_OUTPUT_PROTOCOL, Mode, 24);

// PE/COFF (Microsoft PE format specification): what the bzImage's EFI header needs.
inline constexpr uint16_t kImageFileMachineAmd64 = 0x8664;
inline constexpr uint16_t kPe32PlusMagic = 0x20b;
inline constexpr uint16_t kImageSubsystemEfiApplication = 10;
inline constexpr uint16_t kImageFileExecutableImage = 0x0002;
inline constexpr uint16_t kImageFileLineNumsStripped = 0x0004;
inline constexpr uint16_t kImageFileDebugStripped = 0x0200;
inline constexpr uint16_t kImageDllCharacteristicsDynamicBase = 0x0040;  // may be loaded anywhere
inline constexpr uint16_t kImageDllCharacteristicsNxCompat = 0x0100;     // data may be non-executable
inline constexpr uint32_t kImageScnCntCode = 0x00000020;
inline constexpr uint32_t kImageScnCntInitializedData = 0x00000040;
inline constexpr uint32_t kImageScnMemDiscardable = 0x02000000;
inline constexpr uint32_t kImageScnMemExecute = 0x20000000;
inline constexpr uint32_t kImageScnMemRead = 0x40000000;
inline constexpr uint32_t kImageScnMemWrite = 0x80000000;

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
