// SPDX-License-Identifier: MIT
#include "common/exit.h"

#include "arch/x86/cpu.h"
#include "arch/x86/ports.h"
#include "base/string-buffer.h"
#include "common/console.h"

namespace {
using arch::kIsaDebugExitPort;
constinit ExitHook gExitHook = nullptr;
}  // namespace

void SetExitHook(ExitHook hook) { gExitHook = hook; }


void Fail(const char* message) { unientry::Exit(unientry::Status::kFail, message); }

void FailWithError(const char* context, const base::Error& error) {
  base::StringBuffer<512> message;
  message.Append(context);
  message.Append(": ");
  base::Describe(error, message);
  Fail(message.c_str());
}

void Panic(const char* message) { unientry::Exit(unientry::Status::kPanic, message); }

namespace unientry {

const char* StatusName(Status status) {
  switch (status) {
    case Status::kOk: return "ok";
    case Status::kFail: return "fail";
    case Status::kPanic: return "panic";
    case Status::kCrash: return "crash";
    case Status::kTestSkip: return "test-skip";
    case Status::kTestFailure: return "test-failure";
    case Status::kTestError: return "test-error";
  }
  return "unknown";
}

void Exit(Status status, const char* message) {
  console::Line line(console::Importance::kAlways);
  line.Append("status ").Append(StatusName(status));
  if (message != nullptr) line.Append(" ").AppendQuoted(message);
  line.End();
  ExitQemu(status);
}

void ExitQemu(Status status) {
  if (gExitHook != nullptr) gExitHook(static_cast<uint32_t>(status));
  arch::OutLong(kIsaDebugExitPort, static_cast<uint32_t>(status));
  arch::HaltForever();
}

void Halt() { arch::HaltForever(); }

}  // namespace unientry
