// SPDX-License-Identifier: MIT
// Tests for hypervisor test guests, in the manner of XTF and kvm-unit-tests: each test says
// SUCCESS, SKIP (with why), FAILURE or ERROR (the test itself could not run as written), a CPU
// exception during one is a CRASH (the crash report), and the boot ends with the status of the
// worst result, so that QEMU's exit status and unientry-matrix tell them apart:
//
//   UNIENTRY_TEST(NxIsOn, "nx-is-on") {
//     if (!HaveNx()) return unientry::test::Skip("the CPU has no NX");
//     return ReadEfer() & kNxe ? unientry::test::Success() : unientry::test::Failure("EFER.NXE is clear");
//   }
//   void KernelMain(const unientry::BootInfo&) { unientry::test::RunAll(); }
//
// Lines (docs/serial-format.md): `unientry: test NAME RESULT ["MESSAGE"]` per test, then
// `unientry: test-summary success=N skip=N failure=N error=N` and the status line: `ok` (all
// passed), `test-skip`, `test-failure` or `test-error`.
#pragma once

#include "linktab/linktab.h"

namespace unientry::test {

enum class Result { kSuccess, kSkip, kFailure, kError };

struct Outcome {
  Result result;
  const char* message;  // why it skipped, what failed; nullptr for a success
};

constexpr Outcome Success() { return {Result::kSuccess, nullptr}; }
constexpr Outcome Skip(const char* why) { return {Result::kSkip, why}; }
constexpr Outcome Failure(const char* what) { return {Result::kFailure, what}; }
constexpr Outcome Error(const char* what) { return {Result::kError, what}; }

struct Test {
  const char* name;
  Outcome (*run)();
};

/// Runs every UNIENTRY_TEST in link order, prints each result and the summary, and ends the
/// boot with the worst result's status (error, then failure, then skip; ok when all passed).
[[noreturn]] void RunAll();

}  // namespace unientry::test

LINKTAB_DECLARE(::unientry::test::Test, unientry_tests, 10000);

/// UNIENTRY_TEST(Identifier, "name") { ... return unientry::test::Success(); }
#define UNIENTRY_TEST(identifier, test_name)                                              \
  static ::unientry::test::Outcome identifier();                                          \
  LINKTAB_NAMED_ENTRY(unientry_tests, 10000, test_name)                                   \
  ::unientry::test::Test identifier##Entry{test_name, identifier};                        \
  static ::unientry::test::Outcome identifier()
