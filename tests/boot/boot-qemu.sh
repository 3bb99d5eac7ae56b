#!/usr/bin/env bash
# Boots a kernel once under QEMU and classifies the result from QEMU's exit status and the
# kernel's serial output (docs/serial-format.md). Used by the CTest boot tests and by
# `./unientry run`.
#
#   boot-qemu.sh --machine q35|pc|microvm --kernel FILE [options]
#     --loader qemu|grub:COMMAND
#                            qemu (default): QEMU's own loader (-kernel);
#                            grub:linux16, grub:linux, grub:multiboot, grub:multiboot2,
#                            grub:chainloader (EFI: start the file as an EFI application): a GRUB
#                            ISO (grub-mkrescue) whose one menu entry boots the kernel so;
#                            linux64:LOADER: LOADER (build/kernel/linux64-loader.elf) booted by
#                            QEMU through PVH, which enters the bzImage's 64-bit entry, or an
#                            ELF's e_entry in 64-bit mode with a zero page;
#                            linux64-multiboot2:LOADER: the same loader as an ELF loader that
#                            enters e_entry in 32-bit mode with the Multiboot 2 magic
#                            (linux64-loader.protocol=multiboot2), as kexec-tools does;
#                            xen:pvh, xen:pv: Xen (--xen) boots the kernel as its dom0, PVH or PV
#                            efi:removable: the kernel as EFI/BOOT/BOOTX64.EFI on a FAT disk (a
#                            QEMU vvfat directory), started by OVMF's boot manager without load
#                            options (so no command line and no initrd);
#                            efi:shell: the kernel as EFI/unientry/unientry.efi on a FAT disk,
#                            started by the UEFI shell's startup.nsh with --append and, for an
#                            initrd, initrd=\EFI\unientry\initrd.img (read by the kernel's stub)
#                            efi:syslinux: SYSLINUX's EFI loader (syslinux.efi, Debian's
#                            syslinux-efi) as EFI/BOOT/BOOTX64.EFI under OVMF, its syslinux.cfg
#                            booting the file with LINUX, APPEND and INITRD
#                            uboot:zboot, uboot:bootefi: U-Boot's qemu-x86_64 build (Debian's
#                            u-boot-qemu) as the machine's firmware, running boot.scr from a
#                            FAT disk: `zboot` of the bzImage loaded at 64 MiB (the form that
#                            runs it in place: U-Boot's plain form copies every kernel to 1 MiB,
#                            over its own stack), or `bootefi` of the same file
#                            kexec:bzImage64, kexec:file: Debian's Linux kernel (--kexec) boots an
#                            initramfs whose init kexecs the kernel: kexec-tools' bzImage64
#                            loader (kexec_load), or the kernel's own loader (kexec_file_load)
#     --xen FILE             the Xen hypervisor image (build/xen/xen-4.17; ./unientry setup fetches it)
#     --xen-args WORDS       more words for Xen's command line (dom0_max_vcpus=2)
#     --kexec DIR            Debian's kernel and the kexec initramfs (build/kexec; ./unientry setup
#                            makes it with tests/boot/kexec/make-kexec-root.sh)
#     --firmware bios|efi    bios (default: SeaBIOS or qboot) or efi (OVMF, -bios OVMF.fd)
#     --grub-gfxpayload MODE grub:* only: `set gfxpayload=MODE` before the boot command (keep,
#                            WxHxD): GRUB leaves a framebuffer and describes it (screen_info)
#     --optional-boot-data   pass --append and the initrd only where the loader can take them
#                            (efi:removable takes neither; linux64 and grub:chainloader no
#                            initrd) and drop them elsewhere: the boot matrix's same inputs
#     --serial-input-after REGEX:TEXT
#                            once a serial line matches REGEX, type TEXT on the guest's COM1
#                            (a pipe chardev instead of a file; the boot tests of a routed IRQ)
#     --memory-after ELF:SYMBOL:KIB
#                            RAM size: SYMBOL's address in ELF (nm), rounded up to 4 KiB, plus
#                            KIB KiB; for boots on too little RAM that must stay right as the
#                            kernel grows
#     --shell-first TEXT     efi:shell only: start the kernel once with the command line TEXT
#                            before the real boot (a run expected to fail and return)
#     --qemu-args "ARGS"     more QEMU arguments (split on spaces), e.g. "-cpu qemu64,-hypervisor"
#     --kvm                  run under KVM; exits 77 (a skip for CTest) when /dev/kvm is unusable
#     --gdb PORT             QEMU's gdbstub on 127.0.0.1:PORT, the CPU stopped before its first
#                            instruction until a debugger continues it (./unientry debug)
#     --append TEXT          kernel command line
#     --initrd FILE          initial ramdisk / first module
#     --module FILE[:ARGS]   one more module (Multiboot loaders), with its string; repeatable
#     --initrd-size N        create a deterministic initrd of N bytes and pass it
#     --expect STATUS        ok (default), fail, panic, crash, test-skip, test-failure, test-error
#                            or returned (efi:shell: the EFI stub gave up and returned to the shell)
#     --expect-line REGEX    a serial line (ERE) that must appear; repeatable
#     --reject-line REGEX    a serial line that must not appear; repeatable
#     --timeout SECONDS      default 20
#     --log FILE             keep the serial log here (default: a temporary file)
#     --quiet                print only the one-line verdict
# Exit status: 0 when the boot matched every expectation, 1 otherwise.
set -u

machine= kernel= append= initrd= initrd_size= expect=ok timeout=20 log= quiet=0
loader=qemu firmware=bios qemu_args= kvm=0 xen= xen_extra= memory=256 shell_first= gdb_port= gfxpayload= memory_after= optional_boot_data=0 kexec_root= serial_input=
expect_lines=() reject_lines=() modules=()
while [ $# -gt 0 ]; do
  case "$1" in
    --machine) machine=$2; shift 2 ;;
    --kernel) kernel=$2; shift 2 ;;
    --append) append=$2; shift 2 ;;
    --loader) loader=$2; shift 2 ;;
    --firmware) firmware=$2; shift 2 ;;
    --qemu-args) qemu_args=$2; shift 2 ;;
    --shell-first) shell_first=$2; shift 2 ;;
    --grub-gfxpayload) gfxpayload=$2; shift 2 ;;
    --memory-after) memory_after=$2; shift 2 ;;
    --serial-input-after) serial_input=$2; shift 2 ;;
    --optional-boot-data) optional_boot_data=1; shift ;;
    --kvm) kvm=1; shift ;;
    --gdb) gdb_port=$2; shift 2 ;;
    --xen) xen=$2; shift 2 ;;
    --xen-args) xen_extra=$2; shift 2 ;;
    --kexec) kexec_root=$2; shift 2 ;;
    --initrd) initrd=$2; shift 2 ;;
    --initrd-size) initrd_size=$2; shift 2 ;;
    --module) modules+=("$2"); shift 2 ;;
    --expect) expect=$2; shift 2 ;;
    --expect-line) expect_lines+=("$2"); shift 2 ;;
    --reject-line) reject_lines+=("$2"); shift 2 ;;
    --timeout) timeout=$2; shift 2 ;;
    --log) log=$2; shift 2 ;;
    --quiet) quiet=1; shift ;;
    *) echo "boot-qemu.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
[ -n "$machine" ] && [ -n "$kernel" ] || { echo "boot-qemu.sh: --machine and --kernel are required" >&2; exit 2; }
[ -f "$kernel" ] || { echo "boot-qemu.sh: kernel '$kernel' not found (build it first)" >&2; exit 2; }
command -v qemu-system-x86_64 >/dev/null || { echo "boot-qemu.sh: qemu-system-x86_64 not installed (apt-get install qemu-system-x86)" >&2; exit 2; }

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
[ -n "$log" ] || log="$scratch/serial.log"
mkdir -p "$(dirname "$log")"
if [ -n "$initrd_size" ]; then
  initrd="$scratch/initrd.bin"
  # Deterministic content, so the kernel's fingerprint of it is the same on every run.
  yes "unientry initrd" | head -c "$initrd_size" > "$initrd"
fi

case $loader in xen:*) memory=1024 ;; esac
if [ "$optional_boot_data" = 1 ]; then
  case $loader in
    efi:removable) append= initrd= ;;
    linux64:*|linux64-multiboot2:*|grub:chainloader) initrd= ;;
  esac
fi
if [ -n "$memory_after" ]; then
  IFS=: read -r symbol_file symbol extra_kib <<<"$memory_after"
  address=$(nm "$symbol_file" 2>/dev/null | awk -v name="$symbol" '$3 == name { print $1 }')
  [ -n "$address" ] || { echo "boot-qemu.sh: --memory-after: no symbol '$symbol' in '$symbol_file'" >&2; exit 2; }
  memory="$(( ((0x$address + 4095) / 4096 * 4096) / 1024 + extra_kib ))K"
fi
args=(-M "$machine" -m "$memory" -nodefaults -display none -monitor none -no-reboot
      -device isa-debug-exit,iobase=0xf4,iosize=4)
if [ -n "$serial_input" ]; then
  # COM1 through a pipe pair: its output copied to the log, TEXT written once REGEX shows.
  mkfifo "$scratch/serial.in" "$scratch/serial.out"
  args+=(-chardev "pipe,id=com1,path=$scratch/serial" -serial chardev:com1)
else
  args+=(-serial "file:$log")
fi
# shellcheck disable=SC2206 # splitting on spaces is the option's contract
[ -n "$qemu_args" ] && args+=($qemu_args)
[ -n "$gdb_port" ] && args+=(-S -gdb "tcp:127.0.0.1:$gdb_port")
if [ $kvm -eq 1 ]; then
  if [ ! -r /dev/kvm ] || [ ! -w /dev/kvm ]; then
    echo "SKIP $machine: /dev/kvm is missing or not usable here"
    exit 77
  fi
  args+=(-enable-kvm)
fi
case $loader:$firmware in
  uboot:*:*) args+=(-bios /usr/lib/u-boot/qemu-x86_64/u-boot.rom) ;;  # U-Boot is the firmware (and, for bootefi, the UEFI)
  *:bios) ;;
  *:efi) args+=(-bios /usr/share/ovmf/OVMF.fd) ;;
  *) echo "boot-qemu.sh: unknown firmware '$firmware'" >&2; exit 2 ;;
esac

# A GRUB rescue ISO with one menu entry that boots the kernel with COMMAND.
make_grub_iso() {
  local command=$1 iso=$2 root="$scratch/iso"
  local module_command
  case $command in
    linux16) module_command=initrd16 ;;
    linux) module_command=initrd ;;
    multiboot) module_command=module ;;
    multiboot2) module_command=module2 ;;
    chainloader)  # an EFI application: no modules
      module_command=
      [ -z "$initrd" ] || { echo "boot-qemu.sh: grub:chainloader passes no initrd" >&2; exit 2; } ;;
    *) echo "boot-qemu.sh: unknown GRUB command '$command'" >&2; exit 2 ;;
  esac
  local platform=i386-pc
  [ "$firmware" = efi ] && platform=x86_64-efi
  [ -d "/usr/lib/grub/$platform" ] || { echo "boot-qemu.sh: GRUB for $platform not installed" >&2; exit 2; }
  mkdir -p "$root/boot/grub"
  cp "$kernel" "$root/boot/kernel"
  {
    echo "set timeout=0"
    echo "serial --unit=0 --speed=115200"
    echo "terminal_input serial"
    echo "terminal_output serial"
    echo "menuentry unientry {"
    if [ -n "$gfxpayload" ]; then
      # The firmware's own video interface only (GRUB's hardware drivers would set modes of
      # their own): the GOP under UEFI, VBE under a BIOS.
      if [ "$firmware" = efi ]; then echo "  insmod efi_gop"; else echo "  insmod vbe"; fi
      echo "  set gfxpayload=$gfxpayload"
    fi
    echo "  $command /boot/kernel $append"
    if [ -n "$initrd" ] && [ -n "$module_command" ]; then
      cp "$initrd" "$root/boot/initrd"
      echo "  $module_command /boot/initrd"
    fi
    local index=0
    for module in "${modules[@]}"; do
      cp "${module%%:*}" "$root/boot/module$index"
      local words=""
      [ "$module" != "${module#*:}" ] && words=" ${module#*:}"
      echo "  $module_command /boot/module$index$words"
      index=$((index + 1))
    done
    echo "}"
  } > "$root/boot/grub/grub.cfg"
  grub-mkrescue -d "/usr/lib/grub/$platform" -o "$iso" "$root" >"$scratch/mkrescue.log" 2>&1 ||
    { echo "boot-qemu.sh: grub-mkrescue failed:" >&2; cat "$scratch/mkrescue.log" >&2; exit 2; }
}

case $loader in
  qemu)
    args+=(-kernel "$kernel")
    [ -n "$append" ] && args+=(-append "$append")
    # QEMU's Multiboot loader takes every module, with its string, in one comma-separated
    # -initrd; its other loaders take only the first file.
    initrd_list=$initrd
    for module in "${modules[@]}"; do
      entry="${module%%:*}"
      [ "$module" != "${module#*:}" ] && entry="$entry ${module#*:}"
      initrd_list="${initrd_list:+$initrd_list,}$entry"
    done
    [ -n "$initrd_list" ] && args+=(-initrd "$initrd_list")
    ;;
  grub:*)
    make_grub_iso "${loader#grub:}" "$scratch/boot.iso"
    args+=(-cdrom "$scratch/boot.iso")
    ;;
  linux64:*|linux64-multiboot2:*)
    # QEMU's PVH loader passes one module: the kernel. No initrd on this path.
    [ -z "$initrd" ] || { echo "boot-qemu.sh: the linux64 loader takes no initrd" >&2; exit 2; }
    if [ "${loader%%:*}" = linux64-multiboot2 ]; then
      append="linux64-loader.protocol=multiboot2${append:+ $append}"
    fi
    args+=(-kernel "${loader#*:}" -initrd "$kernel")
    [ -n "$append" ] && args+=(-append "$append")
    ;;
  xen:pvh|xen:pv)
    [ -f "$xen" ] || { echo "boot-qemu.sh: Xen image '$xen' not found (./unientry setup fetches it)" >&2; exit 2; }
    # Xen owns COM1 and prints the kernel's lines as "(d0) ..."; guest_loglvl=all lets them through.
    xen_args="console=com1 com1=115200,8n1 noreboot dom0_mem=64M guest_loglvl=all${xen_extra:+ $xen_extra}"
    if [ "$loader" = xen:pvh ]; then
      # A PVH dom0 needs hardware-assisted paging (-cpu max) and an IOMMU.
      xen_args="$xen_args dom0=pvh iommu=1"
      args+=(-cpu max -device amd-iommu)
    fi
    # Xen's modules: the dom0 kernel with its command line, then its initrd.
    args+=(-kernel "$xen" -append "$xen_args" -initrd "$kernel${append:+ $append}${initrd:+,$initrd}")
    ;;
  efi:removable|efi:shell)
    [ "$firmware" = efi ] || { echo "boot-qemu.sh: loader $loader needs --firmware efi" >&2; exit 2; }
    disk="$scratch/fat"
    if [ "$loader" = efi:removable ]; then
      [ -z "$append$initrd" ] || { echo "boot-qemu.sh: efi:removable passes no command line or initrd" >&2; exit 2; }
      mkdir -p "$disk/EFI/BOOT"
      cp "$kernel" "$disk/EFI/BOOT/BOOTX64.EFI"
    else
      mkdir -p "$disk/EFI/unientry"
      cp "$kernel" "$disk/EFI/unientry/unientry.efi"
      words=$append
      if [ -n "$initrd" ]; then
        cp "$initrd" "$disk/EFI/unientry/initrd.img"
        words="${words:+$words }initrd=\\EFI\\unientry\\initrd.img"
      fi
      # The shell waits 5 s for a key before it runs startup.nsh; there is no switch for that.
      # `reset -s` powers off when the kernel returns to the shell (a stub that failed), so
      # QEMU exits with status 0, classified as "returned".
      image='\EFI\unientry\unientry.efi'
      {
        printf 'fs0:\r\n'
        [ -z "$shell_first" ] || printf '%s %s\r\n' "$image" "$shell_first"
        printf '%s %s\r\nreset -s\r\n' "$image" "$words"
      } > "$disk/startup.nsh"
    fi
    args+=(-drive "file=fat:$disk,format=raw,if=virtio,readonly=on")
    ;;
  efi:syslinux)
    [ "$firmware" = efi ] || { echo "boot-qemu.sh: loader $loader needs --firmware efi" >&2; exit 2; }
    [ -f /usr/lib/SYSLINUX.EFI/efi64/syslinux.efi ] ||
      { echo "boot-qemu.sh: syslinux.efi not installed (apt-get install syslinux-efi syslinux-common)" >&2; exit 2; }
    disk="$scratch/fat"
    mkdir -p "$disk/EFI/BOOT"
    cp /usr/lib/SYSLINUX.EFI/efi64/syslinux.efi "$disk/EFI/BOOT/BOOTX64.EFI"
    cp /usr/lib/syslinux/modules/efi64/ldlinux.e64 "$disk/EFI/BOOT/"
    cp "$kernel" "$disk/kernel"
    {
      echo "DEFAULT unientry"
      echo "PROMPT 0"
      echo "TIMEOUT 0"
      echo "LABEL unientry"
      echo "  LINUX /kernel"
      echo "  APPEND $append"
      if [ -n "$initrd" ]; then cp "$initrd" "$disk/initrd"; echo "  INITRD /initrd"; fi
    } > "$disk/EFI/BOOT/syslinux.cfg"
    args+=(-drive "file=fat:$disk,format=raw,if=virtio,readonly=on")
    ;;
  uboot:zboot|uboot:bootefi)
    [ -f /usr/lib/u-boot/qemu-x86_64/u-boot.rom ] ||
      { echo "boot-qemu.sh: U-Boot for qemu-x86_64 not installed (apt-get install u-boot-qemu u-boot-tools)" >&2; exit 2; }
    disk="$scratch/fat"
    mkdir -p "$disk"
    cp "$kernel" "$disk/kernel"
    # U-Boot's distro boot runs boot.scr from the first partition it finds (a vvfat disk has one).
    {
      echo "setenv bootargs \"$append\""
      if [ "$loader" = uboot:zboot ]; then
        # The file at 64 MiB - 2 KiB puts the protected-mode kernel, after its four setup sectors
        # (setup_sects + 1), page-aligned at 64 MiB. zboot's six-argument form takes the setup
        # header's address and runs the kernel where it lies; the 64-bit U-Boot enters at the
        # given address in 64-bit mode, so that address is the 64-bit entry (+0x200).
        setup_sects=$(od -An -tu1 -j 0x1f1 -N1 "$kernel" | tr -d ' ')
        load=$(( 0x4000000 - (setup_sects + 1) * 512 ))
        echo "load \${devtype} \${devnum}:\${distro_bootpart} $(printf '0x%x' $load) kernel"
        if [ -n "$initrd" ]; then
          cp "$initrd" "$disk/initrd"
          echo "load \${devtype} \${devnum}:\${distro_bootpart} 0x6000000 initrd"
          echo "zboot 0x4000200 0 0x6000000 \${filesize} $(printf '0x%x' $load)"
        else
          echo "zboot 0x4000200 0 0 0 $(printf '0x%x' $load)"
        fi
      else
        echo "load \${devtype} \${devnum}:\${distro_bootpart} 0x4000000 kernel"
        echo "bootefi 0x4000000"
      fi
    } > "$scratch/boot.cmd"
    mkimage -A x86 -O linux -T script -C none -d "$scratch/boot.cmd" "$disk/boot.scr" >/dev/null ||
      { echo "boot-qemu.sh: mkimage failed (apt-get install u-boot-tools)" >&2; exit 2; }
    args+=(-drive "if=none,id=disk,format=raw,readonly=on,file=fat:$disk" -device virtio-blk-pci,drive=disk)
    ;;
  kexec:bzImage64|kexec:file)
    [ -f "$kexec_root/vmlinuz" ] && [ -f "$kexec_root/initramfs.cpio.gz" ] ||
      { echo "boot-qemu.sh: no Debian kernel and kexec initramfs in '$kexec_root' (./unientry setup makes them)" >&2; exit 2; }
    # A second archive after the first: the kernel, its initrd and how to kexec it, for the
    # initramfs's init (tests/boot/kexec/init).
    data="$scratch/kexec-data"
    mkdir -p "$data/kexec"
    cp "$kernel" "$data/kexec/kernel"
    [ -z "$initrd" ] || cp "$initrd" "$data/kexec/initrd"
    printf '%s\n' "${loader#kexec:}" > "$data/kexec/method"
    printf '%s\n' "$append" > "$data/kexec/cmdline"
    (cd "$data" && find kexec | LC_ALL=C sort | cpio -o -H newc --quiet) > "$scratch/data.cpio" ||
      { echo "boot-qemu.sh: cpio failed (apt-get install cpio)" >&2; exit 2; }
    cat "$kexec_root/initramfs.cpio.gz" "$scratch/data.cpio" > "$scratch/initramfs"
    args+=(-kernel "$kexec_root/vmlinuz" -initrd "$scratch/initramfs" -append "console=ttyS0 quiet rdinit=/init")
    ;;
  *) echo "boot-qemu.sh: unknown loader '$loader'" >&2; exit 2 ;;
esac

start=$(date +%s%N)
if [ -n "$serial_input" ]; then
  : > "$log"
  cat "$scratch/serial.out" > "$log" &
  reader=$!
  (
    exec 3>"$scratch/serial.in"  # held open for QEMU, which opens its end at start
    for _ in $(seq 1 "$(( timeout * 10 ))"); do
      if grep -qaE -- "${serial_input%%:*}" "$log" 2>/dev/null; then printf '%s' "${serial_input#*:}" >&3; break; fi
      sleep 0.1
    done
  ) &
  writer=$!
fi
timeout "$timeout" qemu-system-x86_64 "${args[@]}" 2>"$scratch/qemu.err"
status=$?
if [ -n "$serial_input" ]; then
  kill "$writer" 2>/dev/null
  wait "$reader" 2>/dev/null
fi
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
elapsed=$(printf '%d.%03d' $((elapsed_ms / 1000)) $((elapsed_ms % 1000)))

# Under Xen the kernel's lines arrive as "(d0) unientry: ...\r"; check them without those.
raw_log="$scratch/raw.log"
cp "$log" "$raw_log"
sed -E 's/\r$//; s/^\(d[0-9]+\) //' "$raw_log" > "$log"

# QEMU exits with (value << 1) | 1 for a write of `value` to isa-debug-exit.
case $status in
  1) outcome=ok ;;
  3) outcome=fail ;;
  5) outcome=panic ;;
  7) outcome=crash ;;
  9) outcome=test-skip ;;      # unientry::Status: a test guest's results (include/unientry/test.h)
  11) outcome=test-failure ;;
  13) outcome=test-error ;;
  0) outcome=triple-fault ;;  # -no-reboot turns the reset into a clean exit
  124) outcome=timeout ;;
  *) outcome="qemu-error($status)" ;;
esac
# Under the UEFI shell, status 0 is the shell's `reset -s` after the kernel returned to it.
case "$loader/$status" in efi:shell/0) outcome=returned ;; esac

problems=()
[ "$outcome" = "$expect" ] || problems+=("expected outcome '$expect', got '$outcome' (QEMU status $status)")
# The kernel's own status line must agree with the exit status it chose.
case $outcome in
  ok|fail|panic|crash|test-skip|test-failure|test-error)
    grep -qE "^unientry: status $outcome( |$)" "$log" || problems+=("no 'unientry: status $outcome' line on serial") ;;
esac
for pattern in "${expect_lines[@]}"; do
  grep -qE -- "$pattern" "$log" || problems+=("missing line matching: $pattern")
done
for pattern in "${reject_lines[@]}"; do
  ! grep -qE -- "$pattern" "$log" || problems+=("unexpected line matching: $pattern")
done

verdict=PASS
[ ${#problems[@]} -eq 0 ] || verdict=FAIL
label=$loader
case $loader in linux64:*) label=linux64-loader ;; linux64-multiboot2:*) label=linux64-loader-multiboot2 ;; esac
echo "$verdict $machine $label/$firmware $(basename "$kernel") outcome=$outcome time=${elapsed}s memory=$memory"
if [ "$verdict" = FAIL ] || [ $quiet -eq 0 ]; then
  for problem in "${problems[@]}"; do echo "  - $problem"; done
  if [ "$verdict" = FAIL ]; then
    echo "  qemu stderr:"; sed 's/^/    /' "$scratch/qemu.err"
    echo "  serial log:"; sed 's/^/    /' "$log"
  fi
fi
[ "$verdict" = PASS ]
