#!/usr/bin/env python3
"""Writes the seed corpora of the converter fuzzers: guest memory images at 0x10000 with the
loader structure at offset 0: hvm_start_info (xen start_info.h), multiboot_info (Multiboot
0.6.96) and the Multiboot2 tag list."""
import os
import struct

BASE = 0x10000
HERE = os.path.dirname(os.path.abspath(__file__))
MAGIC = 0x336EC578


def start_info(version, nr_modules=0, modlist=0, cmdline=0, rsdp=0, memmap=0, entries=0):
    return struct.pack("<IIIIQQQQII", MAGIC, version, 0, nr_modules, modlist, cmdline, rsdp,
                       memmap, entries, 0)


def image(version, cmdline=b"", modules=(), memmap=(), rsdp=0):
    body = bytearray(start_info(version))
    def place(blob):
        offset = (len(body) + 7) & ~7
        body.extend(b"\0" * (offset - len(body)))
        body.extend(blob)
        return BASE + offset
    cmdline_at = place(cmdline + b"\0") if cmdline else 0
    mod_at = place(b"".join(struct.pack("<QQQQ", *m, 0) for m in modules)) if modules else 0
    map_at = place(b"".join(struct.pack("<QQII", *e, 0) for e in memmap)) if memmap else 0
    header = start_info(version, len(modules), mod_at, cmdline_at, rsdp, map_at, len(memmap))
    body[:len(header)] = header
    return bytes(body)


QEMU_Q35_MAP = [(0, 0x9FC00, 1), (0x9FC00, 0x400, 2), (0xF0000, 0x10000, 2),
                (0x100000, 0x7EE0000, 1), (0x7FE0000, 0x20000, 2), (0xB0000000, 0x10000000, 2),
                (0xFED1C000, 0x4000, 2), (0xFFFC0000, 0x40000, 2), (0xFD00000000, 0x300000000, 2)]
SEEDS = {
    "v0-minimal": image(0),
    "v1-q35": image(1, b"console=ttyS0 quiet", memmap=QEMU_Q35_MAP, rsdp=0xF59E0),
    "v1-microvm-zero-entry": image(1, memmap=QEMU_Q35_MAP[:4] + [(0, 0, 0)]),
    "v1-modules": image(1, b"x", modules=[(0x7F96000, 300000, 0), (0x8000000, 16, BASE)]),
    "v1-overlap": image(1, memmap=[(0, 0x200000, 1), (0x100000, 0x1000, 2), (0x1000, 0x10, 3)]),
}


def mb1(flags=0, cmdline=b"", modules=(), mmap=(), mem=(0, 0), loader=b""):
    body = bytearray(116)
    def place(blob, align=4):
        offset = (len(body) + align - 1) & ~(align - 1)
        body.extend(b"\0" * (offset - len(body)))
        body.extend(blob)
        return BASE + offset
    fields = {}
    if cmdline: fields["cmdline"] = place(cmdline + b"\0")
    if loader: fields["loader"] = place(loader + b"\0")
    if modules: fields["mods"] = place(b"".join(struct.pack("<IIII", s, e, c, 0) for s, e, c in modules))
    if mmap: fields["mmap"] = place(b"".join(struct.pack("<IQQI", 20, a, l, t) for a, l, t in mmap))
    struct.pack_into("<III", body, 0, flags, mem[0], mem[1])
    struct.pack_into("<I", body, 16, fields.get("cmdline", 0))
    struct.pack_into("<II", body, 20, len(modules), fields.get("mods", 0))
    struct.pack_into("<II", body, 44, len(mmap) * 24, fields.get("mmap", 0))
    struct.pack_into("<I", body, 64, fields.get("loader", 0))
    return bytes(body)


def mb2(tags):
    body = bytearray(8)
    for tag_type, payload in tags + [(0, b"")]:
        body.extend(struct.pack("<II", tag_type, 8 + len(payload)) + payload)
        body.extend(b"\0" * (-len(body) % 8))
    struct.pack_into("<I", body, 0, len(body))
    return bytes(body)


MB2_MMAP = struct.pack("<II", 24, 0) + b"".join(struct.pack("<QQII", a, l, t, 0) for a, l, t in QEMU_Q35_MAP)
CORPORA = {
    "pvh": SEEDS,
    "multiboot1": {
        "qemu": mb1(0x24F, b"unientry-mb1.bin hello", [(0x122000, 0x123000, 0)], QEMU_Q35_MAP, (639, 261120), b"qemu"),
        "meminfo-only": mb1(0x1, mem=(639, 130048)),
        "grub": mb1(0x24D, b"hello", [(0x200000, 0x201000, 0), (0x300000, 0x300010, 0)], QEMU_Q35_MAP[:4], (639, 1), b"GRUB 2.06"),
    },
    "multiboot2": {
        "grub": mb2([(1, b"hello\0"), (2, b"GRUB 2.06\0"), (3, struct.pack("<II", 0x121000, 0x122000) + b"arg\0"),
                     (4, struct.pack("<II", 639, 261120)), (6, MB2_MMAP), (14, b"RSD PTR " + bytes(12)), (21, b"\0" * 4)]),
        "meminfo-only": mb2([(4, struct.pack("<II", 639, 130048))]),
        "framebuffer": mb2([(8, struct.pack("<QIIIBBH", 0xfd000000, 4096, 1024, 768, 32, 1, 0))]),
    },
}
for corpus, seeds in CORPORA.items():
    os.makedirs(os.path.join(HERE, "corpus-" + corpus), exist_ok=True)
    for name, data in seeds.items():
        with open(os.path.join(HERE, "corpus-" + corpus, name), "wb") as seed:
            seed.write(data)
