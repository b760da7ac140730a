#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Child partitions (issue 5): time from `hvctl create` to the stock guest's
init ("guest ready"), beside the same kernel and initrd booted directly by
QEMU in the same run; and the exit_cost test guest's cycles per CPUID and
emulated port read, against a VMMCALL the core answers alone. Benchmarks
print figures; they assert nothing."""
import os
import re
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "integration"))
from machine import TOP, DirectMachine, Machine, Timeout, kernel_image  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "2"))
GUEST_INITRD = os.path.join(TOP, "build", "rootpart", "guest-initrd.img")
DEMO = "/usr/share/bulkhead/demo.xml"

EXIT_COST_XML = """<domain type='bulkhead'>
  <name>exit-cost</name>
  <memory unit='MiB'>32</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64'>hvm</type>
    <kernel>/usr/libexec/bulkhead/guests/exit_cost.elf</kernel>
    <cmdline>bulkhead=1</cmdline>
  </os>
  <on_poweroff>destroy</on_poweroff>
  <devices><serial type='pty'><target port='0'/></serial></devices>
</domain>
"""


def line(name, value, unit, yname, yvalue):
    print(f"bench: {name} {value:.2f} {unit} vs {yname} {yvalue:.2f} {unit} "
          f"ratio {value / yvalue:.2f}", flush=True)


def create_to_ready(m):
    """Seconds from hvctl create to the guest's ready line, by the root's clock."""
    st, out = m.run(
        "rm -f /run/bulkhead/demo.console.log; t0=$(date +%s%N); "
        f"hvctl create {DEMO} >/dev/null || exit 1; "
        "i=0; until grep -q 'guest ready' /run/bulkhead/demo.console.log 2>/dev/null; do "
        "sleep 0.1; i=$((i+1)); [ $i -lt 3000 ] || exit 2; done; "
        "echo elapsed-ns $(( $(date +%s%N) - t0 ))", timeout=330)
    m.run("hvctl destroy demo >/dev/null 2>&1; sleep 1")
    mm = re.search(r"elapsed-ns (\d+)", out)
    return int(mm.group(1)) / 1e9 if st == 0 and mm else None


def exit_costs(m):
    m.write_file("/tmp/exit-cost.xml", EXIT_COST_XML)
    m.run("hvctl create /tmp/exit-cost.xml >/dev/null")
    for _ in range(120):
        st, out = m.run("grep -c 'Test result' /run/bulkhead/exit-cost.console.log 2>/dev/null")
        if out.strip() not in ("", "0"):
            break
        time.sleep(1)
    st, out = m.run("grep '^bench:' /run/bulkhead/exit-cost.console.log")
    m.run("hvctl destroy exit-cost >/dev/null 2>&1")
    return [l.strip() for l in out.splitlines() if l.startswith("bench:")]


def direct_to_ready():
    with open(os.path.join(TOP, "docs", "examples", "demo.xml")) as f:
        xml = f.read()
    append = re.search(r"<cmdline>(.*)</cmdline>", xml).group(1)
    mem = re.search(r"<memory unit='MiB'>(\d+)</memory>", xml).group(1) + "M"
    d = DirectMachine(kernel_image(), GUEST_INITRD, append, smp=1, mem=mem,
                      name="bench-partition-direct").start()
    try:
        d.expect(r"guest ready", 300)
        return d.first_seen(r"guest ready")
    finally:
        d.stop()


def median(xs):
    xs = sorted(xs)
    return xs[len(xs) // 2] if len(xs) % 2 else (xs[len(xs) // 2 - 1] + xs[len(xs) // 2]) / 2


def main():
    ours, direct, costs = [], [], []
    m = Machine(cpu="max", smp=2, name="bench-partition").start()
    try:
        m.wait_shell(240)
        costs = exit_costs(m)
        for _ in range(RUNS):
            t = create_to_ready(m)
            if t is None:
                print("# bench: create-to-ready: the guest did not reach init", flush=True)
                break
            ours.append(t)
    except Timeout as e:
        print(f"# bench: the root stopped answering ({e}); see docs/architecture.md, "
              "known QEMU TCG problem", flush=True)
    finally:
        m.stop()
    for _ in range(max(1, len(ours))):
        direct.append(direct_to_ready())
    for c in costs:
        print(c, flush=True)
    if ours:
        line("create_to_guest_init", median(ours), "s", "qemu_direct_power_on_to_guest_init",
             median(direct))
    else:
        print(f"# yardstick alone: qemu_direct_power_on_to_guest_init {median(direct):.2f} s",
              flush=True)
    print(f"(median of {len(ours)} runs; root -cpu max -smp 2 under TCG, guest 1 vCPU; "
          "the direct boot is SeaBIOS + the same kernel and initrd, same memory)", flush=True)
    return 0 if ours and costs else 1


if __name__ == "__main__":
    sys.exit(main())
