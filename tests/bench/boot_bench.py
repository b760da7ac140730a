#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Boot time, power-on to the root's "ready" line, split into firmware,
loader, core and root kernel; beside it, in the same run, the same kernel
and initrd booted by QEMU directly (-kernel, SeaBIOS). Times are host
wall-clock seconds at which each line reached the serial console.
Benchmarks print figures; they assert nothing."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "integration"))
from machine import TOP, DirectMachine, Machine, kernel_image  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "2"))


def stamp(m, rx):
    t = m.first_seen(rx)
    if t is None:
        raise RuntimeError(f"no line /{rx}/")
    return t


def cfg_value(key):
    with open(os.path.join(TOP, "efi", "bulkhead.cfg")) as f:
        for line in f:
            if line.startswith(key + "="):
                return line.split("=", 1)[1].strip()
    return ""


def bulkhead_boot():
    m = Machine(cpu="max", smp=2, name="bench-boot").start()
    try:
        m.expect(r"root partition ready", 240)
        t = {
            "loader": stamp(m, r"loader: Bulkhead loader"),
            "core": stamp(m, r"hv\[0\]: Bulkhead core"),
            "root": stamp(m, r"hv\[0\]: starting the root partition"),
            "linux": stamp(m, r"Linux version"),
            "ready": stamp(m, r"root partition ready"),
        }
    finally:
        m.stop()
    return t


def direct_boot():
    m = DirectMachine(kernel_image(), os.path.join(TOP, "build", "rootpart", "initramfs.img"),
                      cfg_value("cmdline"), name="bench-direct").start()
    try:
        m.expect(r"root partition ready", 240)
        t = {"linux": stamp(m, r"Linux version"), "ready": stamp(m, r"root partition ready")}
    finally:
        m.stop()
    return t


def median(xs):
    xs = sorted(xs)
    return xs[len(xs) // 2] if len(xs) % 2 else (xs[len(xs) // 2 - 1] + xs[len(xs) // 2]) / 2


def line(name, value, yname, yvalue):
    print(f"bench: {name} {value:.2f} s vs {yname} {yvalue:.2f} s ratio {value / yvalue:.2f}",
          flush=True)


def main():
    ours, direct = [], []
    for _ in range(RUNS):
        ours.append(bulkhead_boot())
        direct.append(direct_boot())
    o = {k: median([r[k] for r in ours]) for k in ours[0]}
    d = {k: median([r[k] for r in direct]) for k in direct[0]}
    total, dtotal = o["ready"], d["ready"]
    line("boot_total_power_on_to_ready", total, "qemu_direct_power_on_to_ready", dtotal)
    line("boot_stage_firmware", o["loader"], "qemu_direct_power_on_to_ready", dtotal)
    line("boot_stage_loader", o["core"] - o["loader"], "qemu_direct_power_on_to_ready", dtotal)
    line("boot_stage_core", o["root"] - o["core"], "qemu_direct_power_on_to_ready", dtotal)
    line("boot_stage_root_kernel", o["ready"] - o["root"], "qemu_direct_power_on_to_ready", dtotal)
    # The root stage is mostly the bzImage decompressor, which TCG runs
    # slowly; the direct boot pays it too, after SeaBIOS.
    line("root_start_to_linux_version", o["linux"] - o["root"],
         "qemu_direct_power_on_to_linux_version", d["linux"])
    line("root_linux_version_to_ready", o["ready"] - o["linux"], "qemu_direct_linux_version_to_ready",
         d["ready"] - d["linux"])
    print(f"(median of {RUNS} runs each; -M q35 -cpu max -smp 2 -m 2G, TCG)")


if __name__ == "__main__":
    main()
