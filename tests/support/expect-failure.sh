#!/usr/bin/env bash
# expect-failure.sh REGEX [--also REGEX]... COMMAND...: passes when COMMAND exits non-zero and
# its output has, for each extended regular expression REGEX, a line matching it.
set -u
patterns=("$1"); shift
while [ "${1:-}" = --also ]; do patterns+=("$2"); shift 2; done
output=$("$@" 2>&1)
status=$?
if [ $status -eq 0 ]; then
  echo "expected failure, but the command succeeded:"; echo "$output"; exit 1
fi
for pattern in "${patterns[@]}"; do
  if ! grep -qE -- "$pattern" <<<"$output"; then
    echo "the command failed (status $status) without a line matching: $pattern"; echo "$output"; exit 1
  fi
  grep -E -- "$pattern" <<<"$output"
done
echo "failed as expected (status $status)"
