// SPDX-License-Identifier: MIT
// The public boot information: a view of the handoff area and of what the init entries found,
// all in the framework's own memory.
#include "arch/x86/identity-map.h"
#include "api/boot-info.h"

#include "bootinfo/command-line.h"
#include "common/boot-context.h"
#include "platform/platform.h"
#include "unientry/boot.h"

namespace {

constinit unientry::BootInfo gInfo = {};
constinit unientry::Module gModules[bootabi::kBootDescriptorMaxModules] = {};

}  // namespace

namespace api {

void BeginBootInfo() {
  const bootabi::boot_params& params = *gBoot.params;
  const bootabi::boot_descriptor& descriptor = *gBoot.descriptor;
  gInfo.entry = gBoot.entry;
  gInfo.firmware = gBoot.firmware;
  gInfo.hardware_subarch = params.hdr.hardware_subarch;
  gInfo.platform = platform::Current().name;
  gInfo.loader_name = descriptor.loader_name;
  gInfo.command_line = unientry::CommandLine(gBoot.command_line, descriptor.cmdline_truncated != 0);
  uint32_t count = descriptor.module_count;
  if (count > bootabi::kBootDescriptorMaxModules) count = bootabi::kBootDescriptorMaxModules;
  for (uint32_t i = 0; i < count; ++i) {
    const bootabi::boot_module& module = descriptor.modules[i];
    // The strings are the stub's copies (handoff area), NUL-terminated within their slot.
    const char* text = module.cmdline_paddr != 0 ? reinterpret_cast<const char*>(module.cmdline_paddr) : "";
    size_t length = 0;
    while (length + 1 < bootabi::kBootModuleStringSize && text[length] != '\0') ++length;
    gModules[i] = unientry::Module{module.paddr, module.size, unientry::StringView(text, length)};
  }
  gInfo.modules = unientry::Span<unientry::Module>(gModules, count);
  gInfo.modules_dropped = descriptor.modules_dropped;
  gInfo.acpi_rsdp = params.acpi_rsdp_addr;
  if (descriptor.framebuffer_addr != 0) {
    const auto channel = [](bootabi::boot_framebuffer_channel c) { return unientry::ColorChannel{c.shift, c.size}; };
    gInfo.framebuffer = unientry::Framebuffer{descriptor.framebuffer_addr,
                                              descriptor.framebuffer_pitch,
                                              descriptor.framebuffer_width,
                                              descriptor.framebuffer_height,
                                              descriptor.framebuffer_bpp,
                                              descriptor.framebuffer_type,
                                              channel(descriptor.framebuffer_red),
                                              channel(descriptor.framebuffer_green),
                                              channel(descriptor.framebuffer_blue),
                                              channel(descriptor.framebuffer_reserved)};
  }
  gInfo.efi_system_table = descriptor.efi_system_table;
}

void SetMemoryMap(const bootinfo::MemoryRange* ranges, uint32_t count, uint32_t dropped) {
  gInfo.memory_map = unientry::Span<unientry::MemoryRange>(ranges, count);
  gInfo.memory_map_dropped = dropped;
}

}  // namespace api

namespace unientry {

const BootInfo& Boot() { return gInfo; }

uint64_t BootInfo::UsableBytes() const {
  uint64_t total = 0;
  for (const MemoryRange& range : memory_map) {
    if (range.type == MemoryType::kUsable) total += range.size;
  }
  return total;
}

uint64_t BootInfo::IdentityMappedEnd() const { return arch::IdentityMappedBytes(); }

uint64_t BootInfo::UsablePages() const {
  uint64_t total = 0;
  for (const MemoryRange& range : memory_map) {
    if (range.type == MemoryType::kUsable) total += range.WholePages();
  }
  return total;
}

bool CommandLine::Lookup(StringView key, StringView& value) const {
  bootinfo::CommandLineWord word;
  if (bootinfo::CommandLine(text_).Find(key, word) == nullptr) return false;
  value = word.value;
  return true;
}

bool CommandLine::Has(StringView key) const {
  StringView value;
  return Lookup(key, value);
}

}  // namespace unientry
