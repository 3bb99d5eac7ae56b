#!/usr/bin/env bash
# The hosted mistakes linktab turns into link errors, with each compiler and linker: a program
# whose files mix the two layouts, and entries of a table no file defines. Each must fail to
# link with a message naming the entry (table, level, file and line) and what is wrong.
# Usage: layout-mistakes.sh LINKTAB_INCLUDE_DIR WORK_DIR
set -u
include=$1
work=$2
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$work"
sorted=(-DLINKTAB_SORTED_BY_LINKER_SCRIPT)
failed=0

# expect NAME PATTERN... -- COMPILER ARGS...: the build fails with a line matching each pattern.
expect() {
  local name=$1; shift
  local patterns=()
  while [ "$1" != -- ]; do patterns+=("$1"); shift; done
  shift
  local log="$work/$name.log"
  if "$@" >"$log" 2>&1; then
    echo "FAIL $name: linked, but it must not"; failed=$((failed + 1)); return
  fi
  for pattern in "${patterns[@]}"; do
    if ! grep -qE -- "$pattern" "$log"; then
      echo "FAIL $name: no line matching: $pattern"; sed 's/^/    /' "$log"; failed=$((failed + 1)); return
    fi
  done
  echo "ok   $name: $(grep -E -- "${patterns[0]}" "$log" | head -1)"
}

for toolchain in "g++" "clang++ -fuse-ld=lld"; do
  label=${toolchain%% *}
  # items-a.cc holds the LINKTAB_DEFINEs; compiled sorted, while items-b.cc is hosted.
  cxx() { $toolchain -std=c++20 -O2 -Wno-unused-command-line-argument -I"$include" -I"$here" "$@"; }
  cxx "${sorted[@]}" -c "$here/items-a.cc" -o "$work/a-sorted.o"
  cxx -c "$here/items-a.cc" -o "$work/a-hosted.o"
  cxx "${sorted[@]}" -c "$here/items-b.cc" -o "$work/b-sorted.o"
  cxx -c "$here/items-b.cc" -o "$work/b-hosted.o"
  cxx -c "$here/matrix-main.cc" -o "$work/main.o"
  expect "$label-hosted-entries-sorted-definition" \
    "linktab entry of table items level 20000 \(items-b.cc:8, #[0-9]+\)" \
    "linktab_items_is_not_defined_for_entries_compiled_without_LINKTAB_SORTED_BY_LINKER_SCRIPT" \
    -- cxx "$work/a-sorted.o" "$work/b-hosted.o" "$work/main.o" "-Wl,-T,$here/sorted.ld" -o "$work/mixed1"
  expect "$label-sorted-entries-hosted-definition" \
    "linktab entry of table items level 20000 \(items-b.cc:8, #[0-9]+\)" \
    "linktab_items_is_not_defined_for_entries_compiled_with_LINKTAB_SORTED_BY_LINKER_SCRIPT" \
    -- cxx "$work/a-hosted.o" "$work/b-sorted.o" "$work/main.o" "-Wl,-T,$here/sorted.ld" -o "$work/mixed2"
  # No file defines the tables items-b.cc fills.
  expect "$label-no-definition" \
    "linktab entry of table flags level 10000 \(items-b.cc:10, #[0-9]+\)" \
    "linktab_flags_is_not_defined_for_entries_compiled_without_LINKTAB_SORTED_BY_LINKER_SCRIPT" \
    -- cxx "$work/b-hosted.o" "$here/undefined-tables-main.cc" -o "$work/undefined"
done
echo "linktab layout mistakes: $failed failed"
[ $failed -eq 0 ]
