// SPDX-License-Identifier: MIT
// What the crash report names besides the init entry: the test of include/unientry/test.h
// that is running, so a test guest's crash says which test crashed.
#pragma once

/// Sets (or, with nullptr, clears) the running test's name.
void SetRunningTest(const char* name);

/// The running test's name, or nullptr.
const char* RunningTest();
