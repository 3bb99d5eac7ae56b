// SPDX-License-Identifier: MIT
// Framebuffer layouts: EFI GOP masks, screen_info and the checks every loader's framebuffer gets.
#include <gtest/gtest.h>

#include <string>

#include "base/string-buffer.h"
#include "bootinfo/framebuffer.h"
#include "unientry/boot.h"

namespace {

std::string Describe(const base::Error& error) {
  base::StringBuffer<256> text;
  base::Describe(error, text);
  return text.c_str();
}

TEST(FramebufferTest, MaskToChannel) {
  const auto red = bootinfo::ChannelFromMask(0x00ff0000, "red");
  ASSERT_TRUE(red.ok());
  EXPECT_EQ(red.value().shift, 16);
  EXPECT_EQ(red.value().size, 8);
  const auto five = bootinfo::ChannelFromMask(0xf800, "red");  // RGB565's red
  ASSERT_TRUE(five.ok());
  EXPECT_EQ(five.value().shift, 11);
  EXPECT_EQ(five.value().size, 5);
  const auto none = bootinfo::ChannelFromMask(0, "reserved");
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none.value().size, 0);
  const auto all = bootinfo::ChannelFromMask(0xffffffff, "x");
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all.value().size, 32);
}

TEST(FramebufferTest, MaskWithAGapIsAnError) {
  const auto gap = bootinfo::ChannelFromMask(0x00ff00ff, "gop.PixelInformation.RedMask");
  ASSERT_TRUE(gap.is_error());
  EXPECT_EQ(Describe(gap.error()),
            "gop.PixelInformation.RedMask: colour mask is not one run of bits: expected 0x0, got 0xff00ff");
}

bootabi::screen_info EfiScreen() {
  bootabi::screen_info screen{};
  screen.orig_video_isVGA = bootabi::kVideoTypeEfi;
  screen.lfb_base = 0x80000000;
  screen.lfb_width = 1280;
  screen.lfb_height = 800;
  screen.lfb_depth = 32;
  screen.lfb_linelength = 1280 * 4;
  screen.red_pos = 16, screen.red_size = 8;
  screen.green_pos = 8, screen.green_size = 8;
  screen.blue_pos = 0, screen.blue_size = 8;
  screen.rsvd_pos = 24, screen.rsvd_size = 8;
  return screen;
}

TEST(FramebufferTest, ScreenInfoOfAnEfiLoader) {
  bootabi::boot_descriptor descriptor{};
  ASSERT_TRUE(bootinfo::TakeScreenInfo(EfiScreen(), descriptor).ok());
  EXPECT_EQ(descriptor.framebuffer_addr, 0x80000000u);
  EXPECT_EQ(descriptor.framebuffer_pitch, 5120u);
  EXPECT_EQ(descriptor.framebuffer_width, 1280u);
  EXPECT_EQ(descriptor.framebuffer_bpp, 32);
  EXPECT_EQ(descriptor.framebuffer_type, bootabi::kFramebufferTypeRgb);
  EXPECT_EQ(descriptor.framebuffer_red.shift, 16);
  EXPECT_EQ(descriptor.framebuffer_reserved.size, 8);
}

TEST(FramebufferTest, ScreenInfoAbove4GiB) {
  bootabi::screen_info screen = EfiScreen();
  screen.capabilities = bootabi::kVideoCapability64BitBase;
  screen.ext_lfb_base = 0x38;
  bootabi::boot_descriptor descriptor{};
  ASSERT_TRUE(bootinfo::TakeScreenInfo(screen, descriptor).ok());
  EXPECT_EQ(descriptor.framebuffer_addr, 0x3880000000u);
  // Without the capability bit, ext_lfb_base is not part of the address.
  screen.capabilities = 0;
  ASSERT_TRUE(bootinfo::TakeScreenInfo(screen, descriptor).ok());
  EXPECT_EQ(descriptor.framebuffer_addr, 0x80000000u);
}

TEST(FramebufferTest, TextConsoleIsNoFramebuffer) {
  bootabi::screen_info screen = EfiScreen();
  screen.orig_video_isVGA = 1;  // VIDEO_TYPE_VGAC: text mode
  bootabi::boot_descriptor descriptor{};
  ASSERT_TRUE(bootinfo::TakeScreenInfo(screen, descriptor).ok());
  EXPECT_EQ(descriptor.framebuffer_addr, 0u);
}

TEST(FramebufferTest, ScreenInfoErrors) {
  bootabi::boot_descriptor descriptor{};
  bootabi::screen_info screen = EfiScreen();
  screen.lfb_base = 0;
  EXPECT_EQ(Describe(bootinfo::TakeScreenInfo(screen, descriptor).error()),
            "screen_info.lfb_base: linear framebuffer at address 0");
  screen = EfiScreen();
  screen.lfb_depth = 48;
  EXPECT_EQ(Describe(bootinfo::TakeScreenInfo(screen, descriptor).error()),
            "screen_info.lfb_depth: framebuffer bits per pixel outside 1..32: expected 0x20, got 0x30");
  screen = EfiScreen();
  screen.lfb_linelength = 1000;
  EXPECT_EQ(Describe(bootinfo::TakeScreenInfo(screen, descriptor).error()),
            "screen_info.lfb_linelength: line length shorter than a line of pixels: expected 0x1400, got 0x3e8");
  screen = EfiScreen();
  screen.red_pos = 28;  // 28 + 8 > 32
  EXPECT_EQ(Describe(bootinfo::TakeScreenInfo(screen, descriptor).error()),
            "screen_info: a colour channel lies past the pixel's bits: expected 0x20, got 0x24");
  EXPECT_EQ(descriptor.framebuffer_addr, 0u);  // nothing recorded from a refused layout
}

TEST(FramebufferTest, Rgb565LeavesNoReservedChannel) {
  bootinfo::Framebuffer framebuffer;
  framebuffer.address = 0xe0000000;
  framebuffer.bpp = 16;
  framebuffer.channels = {{11, 5}, {5, 6}, {0, 5}, {0, 0}};
  bootabi::boot_descriptor descriptor{};
  ASSERT_TRUE(bootinfo::RecordFramebuffer(descriptor, framebuffer, "fb").ok());
  EXPECT_EQ(descriptor.framebuffer_reserved.size, 0);
}

// The public API turns a colour into this layout's pixel value.
TEST(FramebufferTest, PixelFollowsTheLayout) {
  unientry::Framebuffer bgrx;
  bgrx.red = {16, 8};
  bgrx.green = {8, 8};
  bgrx.blue = {0, 8};
  EXPECT_EQ(bgrx.Pixel(0x12, 0x34, 0x56), 0x123456u);
  unientry::Framebuffer rgbx;
  rgbx.red = {0, 8};
  rgbx.green = {8, 8};
  rgbx.blue = {16, 8};
  EXPECT_EQ(rgbx.Pixel(0x12, 0x34, 0x56), 0x563412u);
  unientry::Framebuffer rgb565;
  rgb565.red = {11, 5};
  rgb565.green = {5, 6};
  rgb565.blue = {0, 5};
  EXPECT_EQ(rgb565.Pixel(0xff, 0xff, 0xff), 0xffffu);
  EXPECT_EQ(rgb565.red.mask(), 0xf800u);
}

}  // namespace
