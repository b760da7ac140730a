#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Foundation: the UEFI chain boots the core, the core boots the root, and
the root cannot escape or crash the core. Runs once per CPU model given
(default: max and epyc), each in its own QEMU boot.

  test_foundation.py [max] [epyc]
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from machine import TOP, Machine, Reporter, Timeout  # noqa: E402

PAGE = 4096


def version_string():
    with open(os.path.join(TOP, "hv", "abi", "bulkhead", "version.h")) as f:
        return re.search(r'BH_VERSION_STRING "([^"]+)"', f.read()).group(1)


def parse_info(text):
    info = {}
    for line in text.splitlines():
        if ": " in line:
            k, v = line.split(": ", 1)
            info[k.strip()] = v.strip()
    return info


def check_boot_order(r, m):
    """Firmware, loader, core and root kernel print in this order on the console."""
    text = m.all
    marks = [("firmware", r"BdsDxe: starting Boot"), ("loader", r"loader: Bulkhead loader"),
             ("core", r"hv\[0\]: Bulkhead core .* starting"),
             ("core-starts-root", r"hv\[0\]: starting the root partition"),
             ("root-kernel", r"Linux version 6\."), ("root-ready", r"root partition ready")]
    pos, order_ok, missing = -1, True, []
    for name, rx in marks:
        found = re.search(rx, text)
        if not found:
            missing.append(name)
            continue
        order_ok &= found.start() > pos
        pos = found.start()
    r.check("boot-chain", not missing and order_ok,
            f"missing {missing}" if missing else "firmware, loader, core, root in order")


def check_info(r, m, smp):
    st, out = m.run("hvctl info")
    info = parse_info(out)
    r.check("hvctl-info-exit", st == 0, f"exit {st}: {out[:200]}")
    r.check("hvctl-info-version", info.get("version") == version_string(), info.get("version"))
    r.check("hvctl-info-vendor", info.get("cpu_vendor") == "AuthenticAMD", info.get("cpu_vendor"))
    r.check("hvctl-info-virt", info.get("virtualization") == "svm", info.get("virtualization"))
    r.check("hvctl-info-cpus", info.get("logical_processors") == str(smp),
            info.get("logical_processors"))
    hvm = re.fullmatch(r"0x([0-9a-f]+)-0x([0-9a-f]+)", info.get("hv_memory", ""))
    r.check("hvctl-info-hv-memory", bool(hvm), info.get("hv_memory"))
    try:
        free, total = int(info["free_pages"]), int(info["total_pages"])
        r.check("hvctl-info-pages", 0 < free < total, f"{free} of {total} free")
    except (KeyError, ValueError):
        r.check("hvctl-info-pages", False, "free_pages/total_pages missing")
    if not hvm:
        return None
    start, end = int(hvm.group(1), 16), int(hvm.group(2), 16)
    # The root's e820 keeps the core's range out of its RAM.
    st, iomem = m.run("cat /proc/iomem")
    line = f"{start:08x}-{end:08x} : Reserved"
    r.check("root-e820-reserves-core", line in iomem, f"'{line}' in /proc/iomem")
    ram = [l for l in iomem.splitlines() if "System RAM" in l]
    overlap = []
    for l in ram:
        a, b = (int(x, 16) for x in l.split(":")[0].strip().split("-"))
        if a <= end and start <= b:
            overlap.append(l)
    r.check("root-ram-excludes-core", not overlap, f"RAM overlapping: {overlap}")
    return start, end


def read_page_hex(m, addr):
    st, out = m.run(f"dd if=/dev/mem bs={PAGE} skip={addr // PAGE} count=1 2>/dev/null | "
                    f"hexdump -v -e '16/1 \"%02x\" \"\\n\"' | sort -u")
    return st, out.split()


def check_core_memory(r, m, start, end):
    """The core's range reads all-ones from the root; writes change nothing, crash nothing."""
    pages = [start, start + (end - start + 1) // 2 // PAGE * PAGE, end + 1 - PAGE]
    for i, addr in enumerate(pages):
        st, rows = read_page_hex(m, addr)
        r.check(f"core-range-reads-ones-{i}", st == 0 and rows == ["f" * 32],
                f"{addr:#x}: {rows[:3]}")
    st, _ = m.run(f"dd if=/dev/zero of=/dev/mem bs={PAGE} seek={start // PAGE} count=1 "
                  f"conv=notrunc 2>/dev/null; echo written")
    st, rows = read_page_hex(m, start)
    r.check("core-range-write-discarded", rows == ["f" * 32], f"after writing zeros: {rows[:3]}")
    st, out = m.run("hvctl info | grep ^version")
    r.check("core-alive-after-write", st == 0 and "version" in out, out)


def check_hostile(r, m):
    st, out = m.run("insmod /usr/libexec/bulkhead/tests/bh_hostile.ko; dmesg | grep bh_hostile:")
    results = re.findall(r"bh_hostile: (PASS|FAIL) ([\w-]+): (.*)", out)
    r.check("hostile-module-ran", len(results) >= 10, f"{len(results)} checks reported")
    for verdict, name, detail in results:
        r.check(f"hostile-{name}", verdict == "PASS", detail)
    st, out = m.run("echo still-alive")
    r.check("hostile-machine-alive", "still-alive" in out, out)


def check_hypercalls(r, m, core_start):
    st, out = m.run("/usr/libexec/bulkhead/tests/bh-usercall")
    r.check("hypercall-user-mode-denied", st == 0 and "0x6" in out, out)
    cases = [
        ("unknown-code", "0x7fff --pages", "INVALID_HYPERCALL_CODE"),
        ("output-in-core-range", f"0x800 --r8 {core_start:#x}", "INVALID_GPA"),
        ("output-in-mmio", "0x800 --r8 0xfee00000", "INVALID_GPA"),
        ("output-beyond-ram", "0x800 --r8 0x7000000000", "INVALID_GPA"),
        ("output-misaligned", "0x800 --r8 0x100004", "INVALID_ALIGNMENT"),
        ("output-crosses-page", "0x801 --rdx 0x100000 --r8 0x100008",
         "INVALID_ALIGNMENT"),
        ("input-misaligned", "0x801 --rdx 0x100003 --r8 0x101000", "INVALID_ALIGNMENT"),
        ("oversized-rep-count", f"{(5 << 32) | 0x800:#x} --pages", "INVALID_HYPERCALL_INPUT"),
        ("variable-header", f"{(3 << 17) | 0x800:#x} --pages", "INVALID_HYPERCALL_INPUT"),
        ("reserved-bits", f"{(1 << 30) | 0x800:#x} --pages", "INVALID_HYPERCALL_INPUT"),
        ("fast-form-refused", f"{(1 << 16) | 0x800:#x}", "INVALID_HYPERCALL_INPUT"),
        ("get-info-ok", "0x800 --pages", "SUCCESS"),
    ]
    for name, args, want in cases:
        st, out = m.run(f"hvctl hypercall {args}")
        r.check(f"hypercall-{name}", f"status: {want} " in out, out.replace("\n", " "))
    st, out = m.run("echo still-alive")
    r.check("hypercall-machine-alive", "still-alive" in out, out)


def check_hvctl_cli(r, m):
    st, out = m.run("hvctl bogus 2>&1")
    r.check("hvctl-unknown-command", st == 2 and "unknown command" in out, f"exit {st}: {out}")
    st, out = m.run("hvctl info extra 2>&1")
    r.check("hvctl-bad-args", st == 2 and "usage:" in out, f"exit {st}: {out}")
    for cmd in ("info", "log", "hypercall", "version", "help"):
        st, out = m.run(f"hvctl {cmd} --help")
        r.check(f"hvctl-help-{cmd}", st == 0 and out.startswith(f"usage: hvctl {cmd}"), out[:80])
    st, out = m.run("hvctl --help")
    r.check("hvctl-help", st == 0 and "Commands:" in out, out[:80])
    st, out = m.run("hvctl log")
    r.check("hvctl-log", st == 0 and "starting the root partition" in out, out[-200:])


def check_cpus(r, m, smp):
    st, out = m.run("grep -c ^processor /proc/cpuinfo")
    r.check("root-sees-cpus", out.strip() == str(smp), f"{out.strip()} processors")
    if smp < 2:
        return
    # Offline and online again: the root's INIT/SIPI go through the core once more.
    cycle = ("echo 0 > /sys/devices/system/cpu/cpu1/online; "
             "cat /sys/devices/system/cpu/cpu1/online; "
             "echo 1 > /sys/devices/system/cpu/cpu1/online; "
             "cat /sys/devices/system/cpu/cpu1/online")
    st, out = m.run("; ".join([cycle] * 3), timeout=120)
    r.check("root-cpu-offline-online", out.split() == ["0", "1"] * 3, f"3 cycles: {out}")
    st, out = m.run("taskset -c 1 sh -c 'echo ran-on-cpu1'")
    r.check("root-cpu1-runs", "ran-on-cpu1" in out, out)


def run_model(cpu, smp=2):
    r = Reporter(f"foundation-{cpu}")
    m = Machine(cpu=cpu, smp=smp, name=f"foundation-{cpu}").start()
    try:
        try:
            m.wait_shell(180)
        except Timeout as e:
            r.check("root-shell", False, str(e))
            return r
        r.check("root-shell", True, "root partition ready, shell answers")
        check_boot_order(r, m)
        check_cpus(r, m, smp)
        rng = check_info(r, m, smp)
        if rng:
            check_core_memory(r, m, *rng)
            check_hypercalls(r, m, rng[0])
        check_hostile(r, m)
        check_hvctl_cli(r, m)
        r.check("core-log-uart", "starting the root partition" in m.core_log_text(),
                "core log on the second UART")
    except Timeout as e:
        r.check("suite-timeout", False, str(e))
    finally:
        m.stop()
    return r


def main():
    models = sys.argv[1:] or ["max", "epyc"]
    failed = 0
    for cpu in models:
        failed += run_model(cpu).failed
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
