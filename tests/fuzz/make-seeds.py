#!/usr/bin/env python3
"""Writes the seed corpus for unientry-fuzz-pvh: guest memory images at 0x10000 with an
hvm_start_info at offset 0 (layouts from xen/include/public/arch-x86/hvm/start_info.h)."""
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
for name, data in SEEDS.items():
    with open(os.path.join(HERE, "corpus-pvh", name), "wb") as seed:
        seed.write(data)
