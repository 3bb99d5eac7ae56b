// SPDX-License-Identifier: MIT
// A loader's framebuffer into the descriptor, with its pixel layout: Multiboot's colour info,
// the EFI GOP's pixel format or bit masks, and the Linux protocol's screen_info all come down
// to where each channel lies, so a kernel can tell RGBX from BGRX without knowing the loader.
#pragma once

#include <cstdint>

#include "abi/boot-descriptor.h"
#include "abi/boot-params.h"
#include "base/result.h"

namespace bootinfo {

struct FramebufferChannels {
  bootabi::boot_framebuffer_channel red, green, blue, reserved;
};

/// A framebuffer as the loader describes it.
struct Framebuffer {
  uint64_t address = 0;
  uint32_t pitch = 0, width = 0, height = 0;
  uint8_t bpp = 0;
  uint8_t type = bootabi::kFramebufferTypeRgb;  // Multiboot's encoding
  FramebufferChannels channels = {};            // RGB only
};

/// The channel an EFI GOP bit mask stands for; a mask with a gap in it is an error.
base::Result<bootabi::boot_framebuffer_channel> ChannelFromMask(uint32_t mask, const char* field);

/// Multiboot 1 and 2 colour info of an RGB framebuffer: red position, red size, green
/// position, green size, blue position, blue size.
FramebufferChannels ChannelsFromMultibootColorInfo(const uint8_t (&info)[6]);

/// A Multiboot 1 info block's or Multiboot 2 tag's framebuffer fields (the same names in both),
/// with the colour info that follows them for an RGB framebuffer.
template <typename MultibootFields>
Framebuffer FramebufferFromMultiboot(const MultibootFields& fields, const uint8_t (&color_info)[6]) {
  Framebuffer framebuffer;
  framebuffer.address = fields.framebuffer_addr;
  framebuffer.pitch = fields.framebuffer_pitch;
  framebuffer.width = fields.framebuffer_width;
  framebuffer.height = fields.framebuffer_height;
  framebuffer.bpp = fields.framebuffer_bpp;
  framebuffer.type = fields.framebuffer_type;
  if (framebuffer.type == bootabi::kFramebufferTypeRgb) framebuffer.channels = ChannelsFromMultibootColorInfo(color_info);
  return framebuffer;
}

/// Checks the framebuffer and records it in the descriptor. For RGB: bpp 1..32, red, green and
/// blue non-empty, every channel inside bpp and none overlapping another (errors name `field`).
/// Where the loader gave no reserved channel, the bits the colours leave, when they are one
/// run, become it (Multiboot has no field for it). An address of 0 records nothing.
base::Result<> RecordFramebuffer(bootabi::boot_descriptor& descriptor, const Framebuffer& framebuffer,
                                 const char* field);

/// The framebuffer in a Linux-protocol loader's screen_info, when orig_video_isVGA says it set
/// up a linear one (VIDEO_TYPE_VLFB, VIDEO_TYPE_EFI); nothing for a text console.
base::Result<> TakeScreenInfo(const bootabi::screen_info& screen, bootabi::boot_descriptor& descriptor);

}  // namespace bootinfo
