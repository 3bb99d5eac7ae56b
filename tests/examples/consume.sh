#!/usr/bin/env bash
# consume.sh MODE EXAMPLE_DIR UNIENTRY [EXPECT [LINE_REGEX...]]: builds an example kernel the way a kernel
# author would, from a copy outside unientry's tree, and boots it through every fast row of
# the boot matrix (each trace checked against the kernel's own plan).
#   MODE installed:    UNIENTRY is an install prefix; cmake -DCMAKE_PREFIX_PATH=UNIENTRY, and the
#                      installed unientry-matrix, boot script and rows boot it
#   MODE subdirectory: UNIENTRY is a source tree; -DUNIENTRY_SOURCE_DIR (add_subdirectory)
#   MODE fetch:        UNIENTRY is a git repository; -DUNIENTRY_GIT_REPOSITORY (FetchContent) at
#                      its HEAD commit
# EXPECT is the status every boot must end with (ok; test-failure for the test guest); each
# LINE_REGEX (ERE) must match a line of every boot's serial log.
# Prints the matrix's JSON to WORK/matrix.json; the work directory is removed on success.
set -eu
mode=$1 example=$2 unientry=$3 expect=${4:-ok}
shift 3; [ $# -gt 0 ] && shift
lines=("$@")
here=$(cd "$(dirname "$0")" && pwd)
name=$(basename "$example")
work=$(mktemp -d "${TMPDIR:-/tmp}/unientry-consumer-$name-XXXXXX")
cp -r "$example" "$work/$name"
case $mode in
  installed) configure=(-DCMAKE_PREFIX_PATH="$unientry")
             matrix="$unientry/bin/unientry-matrix" script="$unientry/share/unientry/boot-qemu.sh"
             rows="$unientry/share/unientry/matrix.tsv" loader="$unientry/lib/unientry/linux64-loader.elf" ;;
  subdirectory|fetch)
    if [ "$mode" = subdirectory ]; then
      configure=(-DUNIENTRY_SOURCE_DIR="$unientry")
    else
      configure=(-DUNIENTRY_GIT_REPOSITORY="file://$unientry" -DUNIENTRY_GIT_TAG="$(git -C "$unientry" rev-parse HEAD)")
    fi
    matrix="$work/build/unientry/tools/unientry-matrix" script="$here/../boot/boot-qemu.sh"
    rows="$here/../boot/matrix.tsv" loader="$work/build/unientry/kernel/linux64-loader.elf"
    [ "$mode" = fetch ] && matrix="$work/build/_deps/unientry-build/tools/unientry-matrix" &&
      loader="$work/build/_deps/unientry-build/kernel/linux64-loader.elf"
    ;;
  *) echo "consume.sh: unknown mode $mode" >&2; exit 2 ;;
esac
echo "== configure ($mode): ${configure[*]}"
cmake -S "$work/$name" -B "$work/build" -G Ninja "${configure[@]}" >"$work/configure.log" 2>&1 ||
  { cat "$work/configure.log"; exit 1; }
echo "== build"
cmake --build "$work/build" >"$work/build.log" 2>&1 || { tail -50 "$work/build.log"; exit 1; }
for file in "$name.elf" "$name.bzImage" "$name-mb1.bin"; do
  [ -s "$work/build/$file" ] || { echo "missing $file"; exit 1; }
done
# The project's own kernels are not built for a consumer.
if [ -d "$work/build/unientry/kernel" ] && ls "$work/build/unientry/kernel/"unientry*.elf >/dev/null 2>&1; then
  echo "the consumer's build also built unientry's own kernels:"; ls "$work/build/unientry/kernel/"unientry*.elf; exit 1
fi
echo "== boot"
"$matrix" --rows "$rows" --boot-script "$script" --kernel "$work/build/$name" --linux64-loader "$loader" \
  --fast --jobs 2 --expect "$expect" --keep-logs "$work/logs" --json >"$work/matrix.json" || status=$?
cat "$work/matrix.json"
echo
[ "${status:-0}" -eq 0 ] || { echo "the boot matrix failed (logs in $work/logs)"; exit 1; }
for log in "$work"/logs/*.log; do
  for pattern in "${lines[@]}"; do
    grep -qE -- "$pattern" "$log" || { echo "$(basename "$log"): no line matching $pattern"; exit 1; }
  done
done
echo "== $name ($mode): every fast row booted and ended with status $expect${lines:+, with every expected line}"
rm -rf "$work"
