// SPDX-License-Identifier: MIT
// The common start path: the one place every boot entry reaches (from common-entry.S).
#include "abi/boot-params.h"
#include "api/boot-info.h"
#include "arch/x86/cpu.h"
#include "common/boot-context.h"
#include "common/console.h"
#include "common/cost.h"
#include "common/exit.h"
#include "common/init-plan.h"
#include "common/per-cpu.h"
#include "platform/platform.h"
#include "unientry/boot.h"
#include "unientry/exit.h"

extern "C" [[noreturn]] void CommonStart(const bootabi::boot_params* params, uint64_t common_tsc) {
  platform::SelectPlatform(PeekHardwareSubarch(params));  // also picks the console
  platform::InstallDescriptorTables();
  percpu::InitBootCpu();
  AcceptHandoff(params);
  platform::AnnouncePlatform();
  PrintCost("entry", gBoot.descriptor->entry_tsc);
  PrintCost("long-mode", gBoot.descriptor->long_mode_tsc);
  PrintCost("firmware-exit", gBoot.descriptor->firmware_exit_tsc);
  PrintCost("common", common_tsc);
  api::BeginBootInfo();
  RunInitTable(gBoot.entry, gBoot.firmware);
  PrintCost("kernel-main", arch::ReadTsc());
  FlushCosts();
  KernelMain(unientry::Boot());
  console::Line(console::Importance::kAlways).Append("kernel-main returned: halting");
  unientry::Halt();
}
