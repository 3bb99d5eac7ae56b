// SPDX-License-Identifier: MIT
// Bare metal: the platform when no hypervisor is recognised. Nothing to set up: every
// device the kernel uses (COM1, port 0xf4) is the PC's own.
#include "platform/platform.h"

namespace {

uint32_t DetectBareMetal() { return 1; }  // always a candidate, never preferred

void BareMetalBanner(console::Line& line) { line.Append(" (nothing to set up)"); }

}  // namespace

PLATFORM_ENTRY platform::Platform kBareMetal{
    .name = "bare-metal", .detect = DetectBareMetal, .banner = BareMetalBanner};
