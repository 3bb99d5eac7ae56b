// SPDX-License-Identifier: MIT
#include "entry/efi-files.h"

#include "bootinfo/framebuffer.h"
#include "bootinfo/efi.h"
#include "entry/handoff-area.h"

namespace {

namespace efi = bootabi::efi;

// Below 4 GiB: inside the stub's identity map and addressable by ramdisk_image alone.
constexpr uint64_t kInitrdLimit = 0xffffffff;
constexpr size_t kMaxPathUnits = 256;
// Some firmware fails large reads (Linux's stub reads in pieces of this size too).
constexpr uint64_t kReadChunk = 1 << 20;

struct [[gnu::packed]] InitrdMediaPath {
  efi::VENDOR_DEVICE_PATH vendor;
  efi::EFI_DEVICE_PATH_PROTOCOL end;
};
constinit InitrdMediaPath gInitrdMediaPath = {
    {{efi::kMediaDevicePath, efi::kMediaVendorDp, {sizeof(efi::VENDOR_DEVICE_PATH), 0}}, efi::kLinuxInitrdMediaGuid},
    {efi::kEndDevicePathType, efi::kEndEntireDevicePath, {sizeof(efi::EFI_DEVICE_PATH_PROTOCOL), 0}},
};

// Pages allocated for initrds, freed again if a later step fails and the stub returns to the
// firmware (which may start it again).
struct Allocation {
  uint64_t address;
  uint64_t pages;
};
constinit Allocation gAllocations[bootinfo::kMaxEfiInitrdPaths] = {};
constinit uint32_t gAllocationCount = 0;

// `status` is the firmware's; a call that "succeeded" wrongly (a size probe) is a load error.
EfiFailure Failed(const char* call, efi::EFI_STATUS status, const char16_t* path = nullptr) {
  EfiFailure failure;
  failure.what.Append(call);
  if (path != nullptr) {
    failure.what.Append(" on ");
    for (size_t i = 0; path[i] != 0; ++i) failure.what.AppendChar(static_cast<char>(path[i]));
  }
  failure.status = status == efi::EFI_SUCCESS ? efi::EFI_LOAD_ERROR : status;
  return failure;
}

EfiFailure Allocate(efi::EFI_BOOT_SERVICES& boot, uint64_t size, uint64_t& address) {
  if (size > kInitrdLimit) return Failed("AllocatePages(initrd of 4 GiB or more)", efi::EFI_OUT_OF_RESOURCES);
  address = kInitrdLimit;
  uint64_t pages = (size + efi::kEfiPageSize - 1) / efi::kEfiPageSize;
  if (pages == 0) pages = 1;
  const efi::EFI_STATUS status = boot.AllocatePages(efi::EFI_ALLOCATE_TYPE::AllocateMaxAddress,
                                                    static_cast<uint32_t>(efi::EFI_MEMORY_TYPE::EfiLoaderData),
                                                    pages, &address);
  if (status != efi::EFI_SUCCESS) return Failed("AllocatePages(initrd)", status);
  gAllocations[gAllocationCount++] = Allocation{address, pages};
  return {};
}

void FreeAllocations(efi::EFI_BOOT_SERVICES& boot) {
  for (uint32_t i = 0; i < gAllocationCount; ++i) boot.FreePages(gAllocations[i].address, gAllocations[i].pages);
  gAllocationCount = 0;
}

EfiFailure Record(const bootinfo::Handoff& handoff, uint64_t address, uint64_t size, uint32_t index) {
  const auto added = bootinfo::AddModule(handoff, address, size, "initrd", index);
  if (added.is_error()) RecordTranslationError(handoff, added.error());
  return {};
}

// Ok with `offered` false when no loader offers the initrd media device path. A loader that
// offers it decides the initrd, even an empty one (then there is none).
EfiFailure LoadThroughLoadFile2(efi::EFI_BOOT_SERVICES& boot, const bootinfo::Handoff& handoff, bool& offered) {
  offered = false;
  // The handle with LoadFile2 whose device path best prefixes ours; `remaining` is left at
  // the unmatched rest, which for the initrd handle is the end node, and LoadFile2 takes that.
  void* remaining = &gInitrdMediaPath;
  efi::EFI_HANDLE handle = nullptr;
  efi::EFI_STATUS status = boot.LocateDevicePath(&efi::kLoadFile2ProtocolGuid, &remaining, &handle);
  if (status == efi::EFI_NOT_FOUND) return {};
  if (status != efi::EFI_SUCCESS) return Failed("LocateDevicePath(LoadFile2, initrd media)", status);
  if (remaining != &gInitrdMediaPath.end) return {};  // a handle on a mere prefix of the path
  efi::EFI_LOAD_FILE2_PROTOCOL* load_file = nullptr;
  status = boot.HandleProtocol(handle, &efi::kLoadFile2ProtocolGuid, reinterpret_cast<void**>(&load_file));
  if (status != efi::EFI_SUCCESS) return Failed("HandleProtocol(LoadFile2)", status);
  offered = true;
  uint64_t size = 0;
  status = load_file->LoadFile(load_file, remaining, 0, &size, nullptr);
  if (status == efi::EFI_SUCCESS && size == 0) return {};  // an empty initrd: none
  if (status != efi::EFI_BUFFER_TOO_SMALL) return Failed("LoadFile2(initrd size)", status);
  uint64_t address = 0;
  if (EfiFailure failure = Allocate(boot, size, address); failure.failed()) return failure;
  status = load_file->LoadFile(load_file, remaining, 0, &size, reinterpret_cast<void*>(address));
  if (status != efi::EFI_SUCCESS) return Failed("LoadFile2(initrd)", status);
  return Record(handoff, address, size, 0);
}

// Reads the open `file` into fresh pages, a piece at a time, and records it as module `index`.
EfiFailure ReadOpenFile(efi::EFI_BOOT_SERVICES& boot, efi::EFI_FILE_PROTOCOL& file, const char16_t* path,
                        const bootinfo::Handoff& handoff, uint32_t index) {
  alignas(8) uint8_t info_bytes[sizeof(efi::EFI_FILE_INFO) + 2 * kMaxPathUnits];
  uint64_t info_size = sizeof(info_bytes);
  efi::EFI_STATUS status = file.GetInfo(&file, &efi::kFileInfoGuid, &info_size, info_bytes);
  if (status != efi::EFI_SUCCESS) return Failed("GetInfo", status, path);
  const efi::EFI_FILE_INFO& info = *reinterpret_cast<const efi::EFI_FILE_INFO*>(info_bytes);
  if ((info.Attribute & efi::kEfiFileDirectory) != 0) {
    return Failed("initrd= (a directory, not a file)", efi::EFI_INVALID_PARAMETER, path);
  }
  uint64_t address = 0;
  if (EfiFailure failure = Allocate(boot, info.FileSize, address); failure.failed()) return failure;
  for (uint64_t done = 0; done < info.FileSize;) {
    uint64_t piece = info.FileSize - done < kReadChunk ? info.FileSize - done : kReadChunk;
    status = file.Read(&file, &piece, reinterpret_cast<void*>(address + done));
    if (status != efi::EFI_SUCCESS) return Failed("Read", status, path);
    if (piece == 0) return Failed("Read (the file ended before its size)", efi::EFI_LOAD_ERROR, path);
    done += piece;
  }
  return Record(handoff, address, info.FileSize, index);
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

// The `index`-th initrd= path of the command line into `path`: Ok with `found` false past
// the last one; an error for a malformed word, a fifth word, or a path the command line's
// truncation may have cut.
EfiFailure FindPath(const bootinfo::Handoff& handoff, uint32_t index, char16_t* path, bool& found) {
  size_t word_end = 0;
  const auto result = bootinfo::FindInitrdPath(handoff.command_line, index, path, kMaxPathUnits, &word_end);
  EfiFailure failure;
  if (result.is_error()) {
    failure.what.Append("reading the command line (");
    base::Describe(result.error(), failure.what);
    failure.what.Append(")");
  } else if (result.value() && index == bootinfo::kMaxEfiInitrdPaths) {
    failure.what.Append("reading the command line (more than ");
    failure.what.AppendDecimal(bootinfo::kMaxEfiInitrdPaths);
    failure.what.Append(" initrd= words)");
  } else if (result.value() && handoff.descriptor->cmdline_truncated != 0 && handoff.command_line[word_end] == '\0') {
    failure.what.Append("reading the command line (its last initrd= path may be cut by the truncation)");
  } else {
    found = result.value();
    return failure;
  }
  failure.status = efi::EFI_INVALID_PARAMETER;
  return failure;
}

EfiFailure LoadInitrdFiles(efi::EFI_BOOT_SERVICES& boot, const efi::EFI_LOADED_IMAGE_PROTOCOL& image,
                           const bootinfo::Handoff& handoff) {
  efi::EFI_FILE_PROTOCOL* root = nullptr;
  EfiFailure failure;
  for (uint32_t index = 0; index <= bootinfo::kMaxEfiInitrdPaths && !failure.failed(); ++index) {
    char16_t path[kMaxPathUnits];
    bool found = false;
    failure = FindPath(handoff, index, path, found);
    if (failure.failed() || !found) break;
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

}  // namespace

EfiFailure LoadEfiInitrds(efi::EFI_BOOT_SERVICES& boot, const efi::EFI_LOADED_IMAGE_PROTOCOL& image,
                          const bootinfo::Handoff& handoff) {
  gAllocationCount = 0;
  bool offered = false;
  EfiFailure failure = LoadThroughLoadFile2(boot, handoff, offered);
  if (!failure.failed() && !offered) failure = LoadInitrdFiles(boot, image, handoff);
  if (failure.failed()) FreeAllocations(boot);
  return failure;
}

base::Result<> RecordEfiFramebuffer(efi::EFI_BOOT_SERVICES& boot, bootabi::boot_descriptor& descriptor) {
  efi::EFI_GRAPHICS_OUTPUT_PROTOCOL* gop = nullptr;
  if (boot.LocateProtocol(&efi::kGraphicsOutputProtocolGuid, nullptr, reinterpret_cast<void**>(&gop)) !=
          efi::EFI_SUCCESS ||
      gop == nullptr || gop->Mode == nullptr || gop->Mode->Info == nullptr) {
    return base::Ok{};
  }
  const efi::EFI_GRAPHICS_OUTPUT_MODE_INFORMATION& info = *gop->Mode->Info;
  // UEFI 2.10, 12.9 EFI_GRAPHICS_PIXEL_FORMAT: the two 8-bit formats are 32-bit pixels whose
  // byte 0 is red (RGB) or blue (BGR); a bit-mask format gives each channel's mask.
  bootinfo::Framebuffer framebuffer;
  framebuffer.bpp = 32;
  switch (info.PixelFormat) {
    case efi::EFI_GRAPHICS_PIXEL_FORMAT::PixelRedGreenBlueReserved8BitPerColor:
      framebuffer.channels = {{0, 8}, {8, 8}, {16, 8}, {24, 8}};
      break;
    case efi::EFI_GRAPHICS_PIXEL_FORMAT::PixelBlueGreenRedReserved8BitPerColor:
      framebuffer.channels = {{16, 8}, {8, 8}, {0, 8}, {24, 8}};
      break;
    case efi::EFI_GRAPHICS_PIXEL_FORMAT::PixelBitMask: {
      const efi::EFI_PIXEL_BITMASK& masks = info.PixelInformation;
      const uint32_t all = masks.RedMask | masks.GreenMask | masks.BlueMask | masks.ReservedMask;
      if (all == 0) return base::MakeError("bit-mask format without a mask", "gop.PixelInformation");
      framebuffer.bpp = static_cast<uint8_t>((32 - static_cast<uint32_t>(__builtin_clz(all)) + 7) / 8 * 8);
      framebuffer.channels = {TRY(bootinfo::ChannelFromMask(masks.RedMask, "gop.PixelInformation.RedMask")),
                              TRY(bootinfo::ChannelFromMask(masks.GreenMask, "gop.PixelInformation.GreenMask")),
                              TRY(bootinfo::ChannelFromMask(masks.BlueMask, "gop.PixelInformation.BlueMask")),
                              TRY(bootinfo::ChannelFromMask(masks.ReservedMask, "gop.PixelInformation.ReservedMask"))};
      break;
    }
    default:  // PixelBltOnly and unknown formats: no linear framebuffer to hand on.
      return base::Ok{};
  }
  framebuffer.address = gop->Mode->FrameBufferBase;
  framebuffer.pitch = info.PixelsPerScanLine * (framebuffer.bpp / 8u);
  framebuffer.width = info.HorizontalResolution;
  framebuffer.height = info.VerticalResolution;
  // A layout the checks refuse (channels overlapping, past the pixel) is an error, as it is
  // from every other loader's framebuffer information.
  return bootinfo::RecordFramebuffer(descriptor, framebuffer, "gop");
}
