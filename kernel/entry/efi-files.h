// SPDX-License-Identifier: MIT
// What the EFI entry reads through boot services before it leaves them, besides the memory
// map: the initrd (a loader's LoadFile2 initrd device path, else the `initrd=` files) and the
// GOP framebuffer. Only the EFI stub calls these.
#pragma once

#include "abi/efi.h"
#include "base/string-buffer.h"
#include "bootinfo/handoff.h"

// A failed firmware call: what was called (and on what) and the status it returned.
struct EfiFailure {
  base::StringBuffer<160> what;
  bootabi::efi::EFI_STATUS status = bootabi::efi::EFI_SUCCESS;

  bool failed() const { return status != bootabi::efi::EFI_SUCCESS; }
};

/// Loads the initrd into pages below 4 GiB and records it as the first module. A loader's
/// LoadFile2 initrd (Linux's LINUX_EFI_INITRD_MEDIA_GUID device path: OVMF's -initrd, GRUB,
/// systemd-boot) wins; without one, each `initrd=PATH` word of the command line is read from
/// the volume the image was loaded from, each becoming one module (at most
/// kMaxEfiInitrdPaths; more is an error). On failure the pages it allocated are freed, so the
/// firmware gets its memory back when the stub returns.
EfiFailure LoadEfiInitrds(bootabi::efi::EFI_BOOT_SERVICES& boot, const bootabi::efi::EFI_LOADED_IMAGE_PROTOCOL& image,
                          const bootinfo::Handoff& handoff);

/// Records the Graphics Output Protocol's current mode in the descriptor's framebuffer fields;
/// no GOP, or a mode without a linear framebuffer (PixelBltOnly), records nothing. A layout
/// the framebuffer checks refuse (a mask with a gap, overlapping channels) is an error.
base::Result<> RecordEfiFramebuffer(bootabi::efi::EFI_BOOT_SERVICES& boot, bootabi::boot_descriptor& descriptor);
