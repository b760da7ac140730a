#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Loader error paths: a missing or bad file, or too little memory, prints a
clear message on the firmware console and returns to the firmware, which
keeps running (no hang in the loader, no triple fault: QEMU runs with
-no-reboot, so a reset would end it)."""
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from machine import TOP, Machine, Reporter, Timeout  # noqa: E402

B = os.path.join(TOP, "build")
ESPDIR = os.path.join(B, "test-esp")


def kernel_image():
    with open(os.path.join(B, "setup.mk")) as f:
        for line in f:
            if line.startswith("KERNEL_IMAGE"):
                return line.split(":=", 1)[1].strip()
    raise RuntimeError("build/setup.mk names no KERNEL_IMAGE")


def make_esp(name, cfg_text=None, core=None, kernel=None):
    os.makedirs(ESPDIR, exist_ok=True)
    cfg = os.path.join(ESPDIR, f"{name}.cfg")
    with open(os.path.join(TOP, "efi", "bulkhead.cfg")) as f:
        base = f.read()
    with open(cfg, "w") as f:
        f.write(cfg_text if cfg_text is not None else base)
    esp = os.path.join(ESPDIR, f"{name}.img")
    subprocess.run([os.path.join(TOP, "tools", "mkesp"), esp, os.path.join(B, "efi", "BOOTX64.EFI"),
                    cfg, core or os.path.join(B, "hv", "hv.elf"), kernel or kernel_image(),
                    os.path.join(B, "rootpart", "initramfs.img")], check=True)
    return esp


def write_file(name, data):
    path = os.path.join(ESPDIR, name)
    with open(path, "wb") as f:
        f.write(data)
    return path


def expect_error(r, name, esp, message):
    m = Machine(cpu="max", smp=1, esp=esp, name=f"loader-{name}").start()
    try:
        m.expect(r"loader: Bulkhead loader", 90)
        try:
            m.expect(message, 30)
            found = True
        except Timeout:
            found = False
        r.check(f"{name}-message", found, f"/{message}/ on the console")
        try:
            m.expect(r"loader: returning to the firmware", 10)
            returned = True
        except Timeout:
            returned = False
        r.check(f"{name}-returns", returned, "loader returned to the firmware")
        time.sleep(3)
        r.check(f"{name}-no-reset", m.alive() and "hv[0]" not in m.all,
                "firmware still running, core never entered")
    except Timeout as e:
        r.check(f"{name}-boot", False, str(e))
    finally:
        m.stop()


def main():
    r = Reporter("loader")
    base = open(os.path.join(TOP, "efi", "bulkhead.cfg")).read()
    expect_error(r, "missing-kernel", make_esp("missing-kernel", base.replace(
        "kernel=vmlinuz", "kernel=no-such-vmlinuz")),
        r"loader: error: cannot open the kernel file .*no-such-vmlinuz")
    expect_error(r, "bad-core-elf", make_esp("bad-core", core=write_file(
        "garbage.elf", b"\x7fELF" + b"\x02\x01\x01" + bytes(200))),
        r"loader: error: bad hypervisor image 'hv.elf'")
    expect_error(r, "not-an-elf", make_esp("not-elf", core=write_file(
        "text.elf", b"this is not an ELF file\n" * 10)),
        r"loader: error: bad hypervisor image 'hv.elf': not an ELF file")
    expect_error(r, "kernel-not-bzimage", make_esp("bad-kernel", kernel=write_file(
        "vmlinuz.bad", bytes(4096 * 4))), r"loader: error: root kernel 'vmlinuz': not a Linux bzImage")
    expect_error(r, "too-little-memory", make_esp("big-hv", base.replace(
        "hv_memory=64M", "hv_memory=4G")), r"loader: error: not enough memory below 4 GiB")
    expect_error(r, "bad-config", make_esp("bad-cfg", base + "colour=blue\n"),
                 r"loader: error: bulkhead.cfg: line \d+: unknown key 'colour'")
    r.exit()


if __name__ == "__main__":
    main()
