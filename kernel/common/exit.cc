// SPDX-License-Identifier: MIT
#include "common/exit.h"

#include "arch/x86/cpu.h"
#include "base/string-buffer.h"
#include "common/console.h"

namespace {
constexpr uint16_t kIsaDebugExitPort = 0xf4;
constinit ExitHook gExitHook = nullptr;
}  // namespace

void SetExitHook(ExitHook hook) { gExitHook = hook; }

void ExitQemu(ExitCode code) {
  if (gExitHook != nullptr) {
    gExitHook(static_cast<uint32_t>(code));
  }
  arch::OutLong(kIsaDebugExitPort, static_cast<uint32_t>(code));
  arch::HaltForever();
}

void Fail(const char* message) {
  console::Line().Append("status fail ").AppendQuoted(message);
  ExitQemu(ExitCode::kFailure);
}

void FailWithError(const char* context, const base::Error& error) {
  base::StringBuffer<512> message;
  message.Append(context);
  message.Append(": ");
  base::Describe(error, message);
  Fail(message.c_str());
}

void Panic(const char* message) {
  console::Line().Append("status panic ").AppendQuoted(message);
  ExitQemu(ExitCode::kPanic);
}
