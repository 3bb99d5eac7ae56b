#!/usr/bin/env bash
# make-kexec-root.sh DIR: Debian 12's own Linux kernel (DIR/vmlinuz) and an initramfs
# (DIR/initramfs.cpio.gz: busybox, kexec-tools with its libraries, kexec-file-load and /init)
# for the kexec boot tests. Packages are downloaded with apt-get download and unpacked into
# DIR only: nothing is installed on the host. boot-qemu.sh adds the kernel to boot per boot.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
mkdir -p "$1"
dir=$(cd "$1" && pwd)
[ -f "$dir/vmlinuz" ] && [ -f "$dir/initramfs.cpio.gz" ] && [ "$dir/initramfs.cpio.gz" -nt "$here/init" ] &&
  [ "$dir/initramfs.cpio.gz" -nt "$here/kexec-file-load.c" ] && exit 0
work="$dir/work"
rm -rf "$work" && mkdir -p "$work/debs" "$work/unpacked"
download() {
  (cd "$work/debs" && apt-get download -q "$@" >/dev/null 2>&1) && return 0
  [ "$(id -u)" -eq 0 ] || { echo "make-kexec-root.sh: cannot download $*; run 'sudo apt-get update' and retry" >&2; exit 1; }
  apt-get update -qq
  (cd "$work/debs" && apt-get download -q "$@" >/dev/null 2>&1) ||
    { echo "make-kexec-root.sh: apt-get download $* failed" >&2; exit 1; }
}
# linux-image-amd64 names the current kernel package; kexec-tools links libxenctrl.
download linux-image-amd64
image=$(dpkg-deb -f "$work"/debs/linux-image-amd64_*.deb Depends | grep -o 'linux-image-[0-9][^ ,]*-amd64' | head -n1)
download "$image" kexec-tools busybox-static libxenmisc4.17 libxencall1 libxendevicemodel1 libxenevtchn1 \
  libxenforeignmemory1 libxengnttab1 libxenhypfs1 libxenstore4 libxentoolcore1 libxentoollog1 libyajl2
for deb in "$work"/debs/*.deb; do dpkg-deb -x "$deb" "$work/unpacked"; done

root="$work/root"
mkdir -p "$root"/{bin,sbin,proc,sys,dev,kexec,lib/x86_64-linux-gnu,lib64}
cp "$work/unpacked/bin/busybox" "$root/bin/busybox"
for applet in sh mount cat echo uname dmesg grep sed poweroff; do ln -s busybox "$root/bin/$applet"; done
cp "$work/unpacked/sbin/kexec" "$root/sbin/kexec"
gcc -O2 -static -o "$root/sbin/kexec-file-load" "$here/kexec-file-load.c"
# kexec's shared libraries, from the host and the unpacked Xen libraries.
LD_LIBRARY_PATH="$work/unpacked/usr/lib/x86_64-linux-gnu:$work/unpacked/lib/x86_64-linux-gnu" \
  ldd "$work/unpacked/sbin/kexec" | awk '/=> \// { print $3 } /^\t\/lib64/ { print $1 }' | while read -r lib; do
    case $lib in /lib64/*) cp -L "$lib" "$root/lib64/" ;; *) cp -L "$lib" "$root/lib/x86_64-linux-gnu/" ;; esac
  done
cp "$here/init" "$root/init" && chmod 755 "$root/init"
(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc --quiet) | gzip -9 > "$work/initramfs.cpio.gz"
# boot-qemu.sh appends a second archive; Linux looks for it at a 4-byte boundary after zeros.
size=$(stat -c %s "$work/initramfs.cpio.gz")
head -c $(( (4 - size % 4) % 4 + 4 )) /dev/zero >> "$work/initramfs.cpio.gz"
cp "$work"/unpacked/boot/vmlinuz-*-amd64 "$dir/vmlinuz"
mv "$work/initramfs.cpio.gz" "$dir/initramfs.cpio.gz"
rm -rf "$work"
echo "make-kexec-root.sh: Debian's $image and the kexec initramfs are in $dir"
