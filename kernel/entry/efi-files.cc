// SPDX-License-Identifier: MIT
#include "entry/efi-files.h"

#include "bootinfo/efi.h"
#include "entry/handoff-area.h"

namespace {

namespace efi = bootabi::efi;

// Below 4 GiB: inside the stub's identity map and addressable by ramdisk_image alone.
constexpr uint64_t kInitrdLimit = 0xffffffff;
constexpr size_t kMaxPathUnits = 256;

struct [[gnu::packed]] InitrdMediaPath {
  efi::VENDOR_DEVICE_PATH vendor;
  efi::EFI_DEVICE_PATH_PROTOCOL end;
};
constinit InitrdMediaPath gInitrdMediaPath = {
    {{efi::kMediaDevicePath, efi::kMediaVendorDp, {sizeof(efi::VENDOR_DEVICE_PATH), 0}}, efi::kLinuxInitrdMediaGuid},
    {efi::kEndDevicePathType, efi::kEndEntireDevicePath, {sizeof(efi::EFI_DEVICE_PATH_PROTOCOL), 0}},
};

EfiFailure Failed(const char* call, efi::EFI_STATUS status, const char16_t* path = nullptr) {
  EfiFailure failure;
  failure.what.Append(call);
  if (path != nullptr) {
    failure.what.Append(" on ");
    for (size_t i = 0; path[i] != 0; ++i) failure.what.AppendChar(static_cast<char>(path[i]));
  }
  failure.status = status;
  return failure;
}

EfiFailure Allocate(efi::EFI_BOOT_SERVICES& boot, uint64_t size, uint64_t& address) {
  address = kInitrdLimit;
  const uint64_t pages = (size + efi::kEfiPageSize - 1) / efi::kEfiPageSize;
  const efi::EFI_STATUS status = boot.AllocatePages(efi::EFI_ALLOCATE_TYPE::AllocateMaxAddress,
                                                    static_cast<uint32_t>(efi::EFI_MEMORY_TYPE::EfiLoaderData),
                                                    pages == 0 ? 1 : pages, &address);
  return status == efi::EFI_SUCCESS ? EfiFailure{} : Failed("AllocatePages(initrd)", status);
}

EfiFailure Record(const bootinfo::Handoff& handoff, uint64_t address, uint64_t size, uint32_t index) {
  const auto added = bootinfo::AddModule(handoff, address, size, 0, "initrd", index);
  if (added.is_error()) RecordTranslationError(handoff, added.error());
  return {};
}

// Ok with `loaded` false when no loader offers the initrd media device path.
EfiFailure LoadThroughLoadFile2(efi::EFI_BOOT_SERVICES& boot, const bootinfo::Handoff& handoff, bool& loaded) {
  loaded = false;
  // The handle with LoadFile2 whose device path best prefixes ours; `remaining` is left at
  // the unmatched rest, which for the initrd handle is the end node, and LoadFile2 takes that.
  void* remaining = &gInitrdMediaPath;
  efi::EFI_HANDLE handle = nullptr;
  efi::EFI_STATUS status = boot.LocateDevicePath(&efi::kLoadFile2ProtocolGuid, &remaining, &handle);
  if (status == efi::EFI_NOT_FOUND || remaining != &gInitrdMediaPath.end) return {};
  if (status != efi::EFI_SUCCESS) return Failed("LocateDevicePath(LoadFile2, initrd media)", status);
  efi::EFI_LOAD_FILE2_PROTOCOL* load_file = nullptr;
  status = boot.HandleProtocol(handle, &efi::kLoadFile2ProtocolGuid, reinterpret_cast<void**>(&load_file));
  if (status != efi::EFI_SUCCESS) return Failed("HandleProtocol(LoadFile2)", status);
  uint64_t size = 0;
  status = load_file->LoadFile(load_file, remaining, 0, &size, nullptr);
  if (status != efi::EFI_BUFFER_TOO_SMALL) return Failed("LoadFile2(initrd size)", status);
  uint64_t address = 0;
  if (EfiFailure failure = Allocate(boot, size, address); failure.failed()) return failure;
  status = load_file->LoadFile(load_file, remaining, 0, &size, reinterpret_cast<void*>(address));
  if (status != efi::EFI_SUCCESS) return Failed("LoadFile2(initrd)", status);
  loaded = true;
  return Record(handoff, address, size, 0);
}

// Reads the open `file` into fresh pages and records it as module `index`.
EfiFailure ReadOpenFile(efi::EFI_BOOT_SERVICES& boot, efi::EFI_FILE_PROTOCOL& file, const char16_t* path,
                        const bootinfo::Handoff& handoff, uint32_t index) {
  alignas(8) uint8_t info_bytes[sizeof(efi::EFI_FILE_INFO) + 2 * kMaxPathUnits];
  uint64_t info_size = sizeof(info_bytes);
  efi::EFI_STATUS status = file.GetInfo(&file, &efi::kFileInfoGuid, &info_size, info_bytes);
  if (status != efi::EFI_SUCCESS) return Failed("GetInfo", status, path);
  const uint64_t size = reinterpret_cast<const efi::EFI_FILE_INFO*>(info_bytes)->FileSize;
  uint64_t address = 0;
  if (EfiFailure failure = Allocate(boot, size, address); failure.failed()) return failure;
  uint64_t read = size;
  status = file.Read(&file, &read, reinterpret_cast<void*>(address));
  if (status != efi::EFI_SUCCESS) return Failed("Read", status, path);
  if (read != size) return Failed("Read (short read)", efi::EFI_LOAD_ERROR, path);
  return Record(handoff, address, size, index);
}

EfiFailure ReadFile(efi::EFI_BOOT_SERVICES& boot, efi::EFI_FILE_PROTOCOL& root, const char16_t* path,
                    const bootinfo::Handoff& handoff, uint32_t index) {
  efi::EFI_FILE_PROTOCOL* file = nullptr;
  const efi::EFI_STATUS status = root.Open(&root, &file, path, efi::kEfiFileModeRead, 0);
  if (status != efi::EFI_SUCCESS) return Failed("Open", status, path);
  EfiFailure failure = ReadOpenFile(boot, *file, path, handoff, index);
  file->Close(file);
  return failure;
}

}  // namespace

EfiFailure LoadEfiInitrds(efi::EFI_BOOT_SERVICES& boot, const efi::EFI_LOADED_IMAGE_PROTOCOL& image,
                          const bootinfo::Handoff& handoff) {
  bool loaded = false;
  if (EfiFailure failure = LoadThroughLoadFile2(boot, handoff, loaded); failure.failed() || loaded) return failure;

  efi::EFI_FILE_PROTOCOL* root = nullptr;
  EfiFailure failure;
  for (uint32_t index = 0; index < bootinfo::kMaxEfiInitrdPaths && !failure.failed(); ++index) {
    char16_t path[kMaxPathUnits];
    const auto found = bootinfo::FindInitrdPath(handoff.command_line, index, path, kMaxPathUnits);
    if (found.is_error()) {
      failure.what.Append("reading the command line (");
      base::Describe(found.error(), failure.what);
      failure.what.Append(")");
      failure.status = efi::EFI_INVALID_PARAMETER;
      break;
    }
    if (!found.value()) break;
    if (root == nullptr) {
      efi::EFI_SIMPLE_FILE_SYSTEM_PROTOCOL* volume = nullptr;
      efi::EFI_STATUS status = boot.HandleProtocol(image.DeviceHandle, &efi::kSimpleFileSystemProtocolGuid,
                                                   reinterpret_cast<void**>(&volume));
      if (status != efi::EFI_SUCCESS) return Failed("HandleProtocol(SimpleFileSystem) for initrd=", status);
      status = volume->OpenVolume(volume, &root);
      if (status != efi::EFI_SUCCESS) return Failed("OpenVolume for initrd=", status);
    }
    failure = ReadFile(boot, *root, path, handoff, index);
  }
  if (root != nullptr) root->Close(root);
  return failure;
}

void RecordEfiFramebuffer(efi::EFI_BOOT_SERVICES& boot, bootabi::boot_descriptor& descriptor) {
  efi::EFI_GRAPHICS_OUTPUT_PROTOCOL* gop = nullptr;
  if (boot.LocateProtocol(&efi::kGraphicsOutputProtocolGuid, nullptr, reinterpret_cast<void**>(&gop)) !=
          efi::EFI_SUCCESS ||
      gop == nullptr || gop->Mode == nullptr || gop->Mode->Info == nullptr) {
    return;
  }
  const efi::EFI_GRAPHICS_OUTPUT_MODE_INFORMATION& info = *gop->Mode->Info;
  uint32_t bits = 32;
  switch (info.PixelFormat) {
    case efi::EFI_GRAPHICS_PIXEL_FORMAT::PixelRedGreenBlueReserved8BitPerColor:
    case efi::EFI_GRAPHICS_PIXEL_FORMAT::PixelBlueGreenRedReserved8BitPerColor:
      break;
    case efi::EFI_GRAPHICS_PIXEL_FORMAT::PixelBitMask: {
      const uint32_t masks = info.PixelInformation[0] | info.PixelInformation[1] | info.PixelInformation[2] |
                             info.PixelInformation[3];
      if (masks == 0) return;
      bits = (32 - static_cast<uint32_t>(__builtin_clz(masks)) + 7) / 8 * 8;
      break;
    }
    default:  // PixelBltOnly and unknown formats: no linear framebuffer to hand on.
      return;
  }
  descriptor.framebuffer_addr = gop->Mode->FrameBufferBase;
  descriptor.framebuffer_pitch = info.PixelsPerScanLine * (bits / 8);
  descriptor.framebuffer_width = info.HorizontalResolution;
  descriptor.framebuffer_height = info.VerticalResolution;
  descriptor.framebuffer_bpp = static_cast<uint8_t>(bits);
  descriptor.framebuffer_type = 1;  // direct RGB, as Multiboot's type 1
}
