// SPDX-License-Identifier: MIT
// The test runner of include/unientry/test.h.
#include "common/console.h"
#include "common/crash-context.h"
#include "unientry/exit.h"
#include "unientry/test.h"

LINKTAB_DEFINE(unientry_tests);

namespace unientry::test {
namespace {

const char* ResultName(Result result) {
  switch (result) {
    case Result::kSuccess: return "SUCCESS";
    case Result::kSkip: return "SKIP";
    case Result::kFailure: return "FAILURE";
    case Result::kError: return "ERROR";
  }
  return "ERROR";
}

}  // namespace

void RunAll() {
  uint32_t counts[4] = {};
  for (const Test& test : linktab::Entries<LINKTAB_TABLE(unientry_tests)>()) {
    SetRunningTest(test.name);
    Outcome outcome = test.run != nullptr ? test.run() : Error("the test has no function");
    SetRunningTest(nullptr);
    const auto index = static_cast<uint32_t>(outcome.result);
    if (index > 3) outcome = Error("the test returned an unknown result");
    ++counts[static_cast<uint32_t>(outcome.result)];
    console::Line line;
    line.Append("test ").Append(test.name).Append(" ").Append(ResultName(outcome.result));
    if (outcome.message != nullptr) line.Append(" ").AppendQuoted(outcome.message);
  }
  console::Line()
      .Append("test-summary success=")
      .AppendDecimal(counts[0])
      .Append(" skip=")
      .AppendDecimal(counts[1])
      .Append(" failure=")
      .AppendDecimal(counts[2])
      .Append(" error=")
      .AppendDecimal(counts[3]);
  if (counts[3] != 0) Exit(Status::kTestError);
  if (counts[2] != 0) Exit(Status::kTestFailure);
  if (counts[1] != 0) Exit(Status::kTestSkip);
  Exit(Status::kOk);
}

}  // namespace unientry::test
