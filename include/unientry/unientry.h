// SPDX-License-Identifier: MIT
// Everything a kernel built on unientry includes (docs/kernel-authors.md).
#pragma once

#include "unientry/acpi.h"
#include "unientry/boot.h"
#include "unientry/cpu.h"
#include "unientry/exit.h"
#include "unientry/init.h"
#include "unientry/interrupts.h"
#include "unientry/memory.h"
#include "unientry/print.h"
#include "unientry/report.h"
#include "unientry/test.h"
#include "unientry/time.h"
