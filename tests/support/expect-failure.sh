#!/usr/bin/env bash
# expect-failure.sh REGEX COMMAND...: passes when COMMAND exits non-zero and its output has a
# line matching the extended regular expression REGEX.
set -u
pattern=$1; shift
output=$("$@" 2>&1)
status=$?
if [ $status -eq 0 ]; then
  echo "expected failure, but the command succeeded:"; echo "$output"; exit 1
fi
if ! grep -qE -- "$pattern" <<<"$output"; then
  echo "the command failed (status $status) without a line matching: $pattern"; echo "$output"; exit 1
fi
grep -E -- "$pattern" <<<"$output"
echo "failed as expected (status $status)"
