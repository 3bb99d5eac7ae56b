// SPDX-License-Identifier: MIT
// The demonstration kernel: what ./unientry run boots everywhere. Its KernelMain prints the
// framework's boot report (which the boot tests read) and ends the boot with "status ok".
#include <unientry/unientry.h>

void KernelMain(const unientry::BootInfo&) {
  unientry::PrintBootReport();
  unientry::Exit(unientry::Status::kOk);
}
