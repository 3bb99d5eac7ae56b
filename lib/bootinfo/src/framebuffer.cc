// SPDX-License-Identifier: MIT
#include "bootinfo/framebuffer.h"

namespace bootinfo {
namespace {

constexpr uint64_t ChannelMask(bootabi::boot_framebuffer_channel channel) {
  if (channel.size == 0) return 0;
  return ((uint64_t{1} << channel.size) - 1) << channel.shift;
}

base::Result<> CheckChannel(bootabi::boot_framebuffer_channel channel, uint32_t bpp, uint64_t& taken,
                            const char* field, const char* what_empty) {
  if (channel.size == 0) {
    if (what_empty != nullptr) return base::MakeError(what_empty, field);
    return base::Ok{};
  }
  if (uint32_t{channel.shift} + channel.size > bpp) {
    return base::MakeError("a colour channel lies past the pixel's bits", field, bpp,
                           uint32_t{channel.shift} + channel.size);
  }
  const uint64_t mask = ChannelMask(channel);
  if ((taken & mask) != 0) {
    return base::MakeError("two colour channels share bits", field, 0, taken & mask);
  }
  taken |= mask;
  return base::Ok{};
}

}  // namespace

base::Result<bootabi::boot_framebuffer_channel> ChannelFromMask(uint32_t mask, const char* field) {
  if (mask == 0) return bootabi::boot_framebuffer_channel{0, 0};
  const uint32_t shift = static_cast<uint32_t>(__builtin_ctz(mask));
  const uint32_t run = mask >> shift;
  if ((run & (run + 1)) != 0) {  // not of the form 0b0..01..1
    return base::MakeError("colour mask is not one run of bits", field, 0, mask);
  }
  const uint32_t size = static_cast<uint32_t>(__builtin_popcount(mask));
  return bootabi::boot_framebuffer_channel{static_cast<uint8_t>(shift), static_cast<uint8_t>(size)};
}

FramebufferChannels ChannelsFromMultibootColorInfo(const uint8_t (&info)[6]) {
  return FramebufferChannels{{info[0], info[1]}, {info[2], info[3]}, {info[4], info[5]}, {0, 0}};
}

base::Result<> RecordFramebuffer(bootabi::boot_descriptor& descriptor, const Framebuffer& framebuffer,
                                 const char* field) {
  if (framebuffer.address == 0) return base::Ok{};
  FramebufferChannels channels = {};
  if (framebuffer.type == bootabi::kFramebufferTypeRgb) {
    channels = framebuffer.channels;
    const uint32_t bpp = framebuffer.bpp;
    if (bpp == 0 || bpp > 32) return base::MakeError("RGB framebuffer bits per pixel outside 1..32", field, 32, bpp);
    uint64_t taken = 0;
    TRY(CheckChannel(channels.red, bpp, taken, field, "RGB framebuffer without a red channel"));
    TRY(CheckChannel(channels.green, bpp, taken, field, "RGB framebuffer without a green channel"));
    TRY(CheckChannel(channels.blue, bpp, taken, field, "RGB framebuffer without a blue channel"));
    TRY(CheckChannel(channels.reserved, bpp, taken, field, nullptr));
    if (channels.reserved.size == 0) {
      const uint64_t rest = ((uint64_t{1} << bpp) - 1) & ~taken;
      const auto reserved = ChannelFromMask(static_cast<uint32_t>(rest), field);
      if (reserved.ok()) channels.reserved = reserved.value();  // scattered padding is no channel
    }
  }
  descriptor.framebuffer_addr = framebuffer.address;
  descriptor.framebuffer_pitch = framebuffer.pitch;
  descriptor.framebuffer_width = framebuffer.width;
  descriptor.framebuffer_height = framebuffer.height;
  descriptor.framebuffer_bpp = framebuffer.bpp;
  descriptor.framebuffer_type = framebuffer.type;
  descriptor.framebuffer_red = channels.red;
  descriptor.framebuffer_green = channels.green;
  descriptor.framebuffer_blue = channels.blue;
  descriptor.framebuffer_reserved = channels.reserved;
  return base::Ok{};
}

base::Result<> TakeScreenInfo(const bootabi::screen_info& screen, bootabi::boot_descriptor& descriptor) {
  if (screen.orig_video_isVGA != bootabi::kVideoTypeVlfb && screen.orig_video_isVGA != bootabi::kVideoTypeEfi) {
    return base::Ok{};  // a text console (or nothing): no linear framebuffer
  }
  uint64_t address = screen.lfb_base;
  if ((screen.capabilities & bootabi::kVideoCapability64BitBase) != 0) address |= uint64_t{screen.ext_lfb_base} << 32;
  if (address == 0) return base::MakeError("linear framebuffer at address 0", "screen_info.lfb_base");
  if (screen.lfb_depth > 32) {
    return base::MakeError("framebuffer bits per pixel outside 1..32", "screen_info.lfb_depth", 32, screen.lfb_depth);
  }
  Framebuffer framebuffer;
  framebuffer.address = address;
  framebuffer.pitch = screen.lfb_linelength;
  framebuffer.width = screen.lfb_width;
  framebuffer.height = screen.lfb_height;
  framebuffer.bpp = static_cast<uint8_t>(screen.lfb_depth);
  framebuffer.channels = FramebufferChannels{{screen.red_pos, screen.red_size},
                                             {screen.green_pos, screen.green_size},
                                             {screen.blue_pos, screen.blue_size},
                                             {screen.rsvd_pos, screen.rsvd_size}};
  if (framebuffer.pitch < (uint64_t{framebuffer.width} * framebuffer.bpp + 7) / 8) {
    return base::MakeError("line length shorter than a line of pixels", "screen_info.lfb_linelength",
                           (uint64_t{framebuffer.width} * framebuffer.bpp + 7) / 8, framebuffer.pitch);
  }
  return RecordFramebuffer(descriptor, framebuffer, "screen_info");
}

}  // namespace bootinfo
