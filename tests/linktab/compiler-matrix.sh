#!/usr/bin/env bash
# Builds the linktab test tables with every supported compiler, linker, optimisation and
# layout, runs each program, and fails naming the combinations that did not read back right.
# Usage: compiler-matrix.sh LINKTAB_INCLUDE_DIR WORK_DIR
set -u
include=$1
work=$2
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$work"

failed=()
passed=0
run_cell() {
  local name=$1; shift
  local binary="$work/$name"
  if ! "$@" -std=c++20 -O2 -Wall -Wextra -Werror -I"$include" -I"$here" \
      "$here/items-a.cc" "$here/items-b.cc" "$here/matrix-main.cc" -o "$binary" 2>"$binary.log"; then
    echo "FAIL $name: build failed"; sed 's/^/    /' "$binary.log"; failed+=("$name"); return
  fi
  # LTO may repartition objects, so only non-LTO cells promise object link order.
  local check=--link-order
  case "$*" in *-flto*) check= ;; esac
  if ! "$binary" $check >"$binary.out"; then
    echo "FAIL $name"; sed 's/^/    /' "$binary.out"; failed+=("$name"); return
  fi
  echo "ok   $name"; passed=$((passed + 1))
}

sorted=(-DLINKTAB_SORTED_BY_LINKER_SCRIPT "-Wl,-T,$here/sorted.ld")
gc=(-ffunction-sections -fdata-sections -Wl,--gc-sections)
for layout in hosted sorted; do
  extra=()
  [ "$layout" = sorted ] && extra=("${sorted[@]}")
  run_cell "gcc-bfd-$layout"            g++ "${extra[@]}"
  run_cell "gcc-bfd-gc-lto-$layout"     g++ "${gc[@]}" -flto "${extra[@]}"
  run_cell "gcc-lld-gc-$layout"         g++ -fuse-ld=lld "${gc[@]}" "${extra[@]}"
  run_cell "clang-bfd-$layout"          clang++ "${extra[@]}"
  run_cell "clang-bfd-gc-lto-$layout"   clang++ "${gc[@]}" -flto "${extra[@]}"
  run_cell "clang-lld-gc-lto-$layout"   clang++ -fuse-ld=lld "${gc[@]}" -flto "${extra[@]}"
  run_cell "clang-lld-static-$layout"   clang++ -fuse-ld=lld -static "${gc[@]}" "${extra[@]}"
done
echo "linktab matrix: ${passed} passed, ${#failed[@]} failed"
[ ${#failed[@]} -eq 0 ]
