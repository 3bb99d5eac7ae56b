// SPDX-License-Identifier: MIT
// The common start path: the one place every boot entry reaches (from common-entry.S).
#include "abi/boot-params.h"
#include "common/boot-context.h"
#include "common/boot-report.h"
#include "common/console.h"
#include "common/exit.h"
#include "common/init-plan.h"
#include "platform/platform.h"

extern "C" [[noreturn]] void CommonStart(const bootabi::boot_params* params) {
  platform::SelectPlatform(PeekHardwareSubarch(params));  // also picks the console
  platform::InstallDescriptorTables();
  AcceptHandoff(params);
  platform::AnnouncePlatform();
  RunInitTable(gBoot.entry);
  PrintBootReport();
  console::Line().Append("status ok");
  ExitQemu(ExitCode::kSuccess);
}
