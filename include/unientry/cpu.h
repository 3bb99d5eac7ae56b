// SPDX-License-Identifier: MIT
// The CPUs: the boot CPU (index 0) runs KernelMain; every other CPU the MADT lists as enabled
// was started by the framework's "smp" init entry, ran the per-CPU init entries of the same
// plan (its own trace), and waits, halted with interrupts ready, for a function to run, as
// Limine's goto_address does. An AP that did not answer its start within 1 s is reported
// (`unientry: smp cpu 3 apic-id=3 did not start within 1000 ms`) and left out; the boot goes on.
//
//   void Hello(void*) { unientry::Print("hello from cpu {}\n", unientry::CurrentCpu()); }
//   unientry::RunOnAll(Hello, nullptr);  // on every CPU, this one too; returns when all are done
#pragma once

#include <cstdint>

namespace unientry {

/// CPUs online: the boot CPU and every AP that reached its parked state.
uint32_t CpuCount();
/// This CPU's index (0: the boot CPU; APs 1.. in MADT order), on any CPU.
uint32_t CurrentCpu();
/// The local APIC ID of CPU `cpu` (x2APIC IDs may exceed 255); 0xffffffff past CpuCount().
uint32_t CpuApicId(uint32_t cpu);

using CpuFunction = void (*)(void* argument);
/// Hands `function(argument)` to parked AP `cpu`, which runs it with interrupts off and parks
/// again when it returns (it may also never return). False when `cpu` is not a parked AP.
bool RunOn(uint32_t cpu, CpuFunction function, void* argument);
/// Waits until AP `cpu` is parked again (its function returned).
void WaitForCpu(uint32_t cpu);
/// Runs `function(argument)` on every online CPU, this one included, and returns when every
/// one returned.
void RunOnAll(CpuFunction function, void* argument);

}  // namespace unientry
