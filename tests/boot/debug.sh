#!/usr/bin/env bash
# debug.sh --rows FILE --build DIR ROW [--kernel PREFIX] [--port N] [--batch]
# Boots one row of the boot matrix under QEMU's gdbstub, the CPU held before its first
# instruction, and starts gdb with the kernel's symbols, a hardware breakpoint on the row's
# entry stub and the CPU continued to it (./unientry debug). --batch runs gdb without a
# terminal: it stops at the entry, prints where, and ends the boot (the test of this script).
set -u
rows= build= row= kernel= port=1234 batch=0
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    --kernel) kernel=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --batch) batch=1; shift ;;
    -*) echo "debug.sh: unknown option $1" >&2; exit 2 ;;
    *) row=$1; shift ;;
  esac
done
[ -n "$row" ] || { echo "usage: ./unientry debug ROW (a row of $rows)" >&2; exit 2; }
[ -n "$kernel" ] || kernel="$build/kernel/unientry"
read -r _ entry machine image loader firmware _ < <(awk -v name="$row" '$1 == name' "$rows") ||
  { echo "debug.sh: no row '$row' in $rows" >&2; exit 2; }
# The symbol each entry stub starts at. The 16-bit setup is not part of the kernel's ELF, so a
# linux16 boot stops where the setup hands over to the kernel's C++ half; an EFI boot stops
# after the trampoline has moved the kernel to its link address.
case $entry in
  pvh) symbol=pvh_start ;;
  linux16) symbol=LinuxStubMain ;;
  linux32) symbol=linux32_start ;;
  linux64) symbol=linux64_start ;;
  multiboot1) symbol=multiboot1_start ;;
  multiboot2) symbol=multiboot2_start ;;
  efi) symbol=EfiStubMain ;;
  *) echo "debug.sh: row $row boots under Xen, whose guests QEMU's gdbstub does not show; debug a QEMU row" >&2
     exit 2 ;;
esac
case $image in
  mb1.bin) file="$kernel-mb1.bin" ;;
  *) file="$kernel.$image" ;;
esac
case $loader in linux64) loader="linux64:$build/kernel/linux64-loader.elf" ;; esac
[ "$firmware" = uefi ] && firmware=efi || firmware=bios
here=$(cd "$(dirname "$0")" && pwd)
"$here/boot-qemu.sh" --machine "$machine" --kernel "$file" --loader "$loader" --firmware "$firmware" \
  --gdb "$port" --timeout 3600 --quiet --log "${TMPDIR:-/tmp}/unientry-debug-$row.log" &
boot=$!
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
commands=(-ex "target remote 127.0.0.1:$port" -ex "hbreak $symbol" -ex continue)
echo "unientry debug: $row ($entry on $machine, $loader), breakpoint at $symbol; serial log in ${TMPDIR:-/tmp}/unientry-debug-$row.log"
if [ $batch -eq 1 ]; then
  gdb -q -batch "$kernel.elf" "${commands[@]}" -ex 'printf "stopped at %#lx\n", $pc' -ex "info symbol \$pc" -ex kill
else
  gdb -q "$kernel.elf" "${commands[@]}"
fi
status=$?
kill "$boot" 2>/dev/null; pkill -P "$boot" 2>/dev/null; wait "$boot" 2>/dev/null
exit $status
