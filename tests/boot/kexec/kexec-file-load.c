/* SPDX-License-Identifier: MIT
 *
 * kexec-file-load KERNEL INITRD|- CMDLINE: loads KERNEL with the running kernel's own loader
 * (kexec_file_load(2): for a bzImage, Linux's kexec-bzImage64), for `kexec -e` to start.
 *
 * Why not `kexec -s`: kexec-tools (2.0.25, and upstream since) ignores -t with -s and takes
 * the first file type whose probe accepts the file, and its multiboot2-x86 probe comes first
 * and accepts unientry.bzImage (it carries a Multiboot 2 header for GRUB); that loader has no
 * --initrd and cannot load through kexec_file_load. The syscall itself is what `kexec -s`
 * makes for a bzImage, so this is the kernel's loader without kexec-tools' probe.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define KEXEC_FILE_NO_INITRAMFS 0x4UL /* linux/kexec.h */

int main(int argc, char** argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: kexec-file-load KERNEL INITRD|- CMDLINE\n");
    return 2;
  }
  const int kernel = open(argv[1], O_RDONLY);
  const int initrd = strcmp(argv[2], "-") == 0 ? -1 : open(argv[2], O_RDONLY);
  if (kernel < 0 || (initrd < 0 && strcmp(argv[2], "-") != 0)) {
    fprintf(stderr, "kexec-file-load: open: %s\n", strerror(errno));
    return 1;
  }
  /* The command line's length counts its NUL (kexec_file_load(2)). */
  const unsigned long flags = initrd < 0 ? KEXEC_FILE_NO_INITRAMFS : 0;
  if (syscall(SYS_kexec_file_load, kernel, initrd, strlen(argv[3]) + 1, argv[3], flags) != 0) {
    fprintf(stderr, "kexec-file-load: kexec_file_load: %s\n", strerror(errno));
    return 1;
  }
  return 0;
}
