// SPDX-License-Identifier: MIT
// The common start path: the one place every boot entry reaches (from common-entry.S).
#include "abi/boot-params.h"
#include "arch/x86/descriptor-tables.h"
#include "common/boot-context.h"
#include "common/boot-report.h"
#include "common/console.h"
#include "common/exit.h"
#include "common/init-plan.h"
#include "platform/platform.h"

extern "C" [[noreturn]] void CommonStart(const bootabi::boot_params* params) {
  arch::InstallDescriptorTables();
  platform::SelectPlatform();  // also picks the console
  AcceptHandoff(params);
  platform::AnnouncePlatform();
  RunInitTable(gBoot.entry);
  PrintBootReport();
  console::Line().Append("status ok");
  ExitQemu(ExitCode::kSuccess);
}
