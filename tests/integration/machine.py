# SPDX-License-Identifier: GPL-2.0
"""A QEMU machine running Bulkhead, driven over its serial console.

Tests boot the real ESP image through OVMF with tools/qemu-run --batch,
wait for lines the stack prints and run shell commands in the root
partition. Every read has a timeout, so a hang fails a test instead of
stalling the suite.
"""
import os
import re
import select
import subprocess
import sys
import time

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PROMPT = "root# "


class Timeout(Exception):
    pass


class Machine:
    def __init__(self, cpu="max", smp=2, mem="2G", esp=None, name="vm", extra=None):
        self.cpu, self.smp, self.mem = cpu, smp, mem
        self.esp = esp or os.path.join(TOP, "build", "esp.img")
        logdir = os.path.join(TOP, "build", "test-logs")
        os.makedirs(logdir, exist_ok=True)
        self.console_log = os.path.join(logdir, f"{name}.console.log")
        self.core_log = os.path.join(logdir, f"{name}.core.log")
        self.extra = extra or []
        self.buf = ""          # console output not yet consumed by expect()
        self.all = ""          # everything the console printed
        self.proc = None
        self.t_start = None
        self.stamps = []       # (seconds since start, line) for timing
        self._partial = ""
        self._partial_t = 0.0  # when the unfinished line's first text came

    def start(self):
        cmd = [os.path.join(TOP, "tools", "qemu-run"), "--batch", "--cpu", self.cpu,
               "--smp", str(self.smp), "--mem", self.mem, "--esp", self.esp,
               "--core-log", self.core_log, "--"] + self.extra
        return self._launch(cmd)

    def _launch(self, cmd):
        """Starts QEMU with its console on our pipe; the clock starts here."""
        self._log = open(self.console_log, "w")
        self.t_start = time.monotonic()
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, cwd=TOP)
        os.set_blocking(self.proc.stdout.fileno(), False)
        return self

    def _pump(self, timeout):
        """Reads what the console printed within 'timeout' seconds."""
        fd = self.proc.stdout.fileno()
        r, _, _ = select.select([fd], [], [], timeout)
        if not r:
            return False
        try:
            data = os.read(fd, 65536)
        except BlockingIOError:
            return False
        if not data:
            raise Timeout("QEMU exited (console closed)")
        text = data.decode("utf-8", "replace").replace("\r", "")
        self._log.write(text)
        self._log.flush()
        self.buf += text
        self.all += text
        now = time.monotonic() - self.t_start
        if not self._partial:
            self._partial_t = now
        *lines, rest = (self._partial + text).split("\n")
        # A line is stamped when its first text arrived, so a line still
        # waiting for its newline (a prompt, the last line) has a time too.
        for i, line in enumerate(lines):
            self.stamps.append((self._partial_t if i == 0 else now, line))
        if lines:
            self._partial_t = now
        self._partial = rest
        return True

    def first_seen(self, pattern):
        """Seconds from start to the first console line matching pattern,
        counting the unfinished last line; None if no line matched."""
        rx = re.compile(pattern)
        for t, line in self.stamps + [(self._partial_t, self._partial)]:
            if rx.search(line):
                return t
        return None

    def expect(self, pattern, timeout=60):
        """Waits for a regex in the console output; returns the match."""
        rx = re.compile(pattern, re.M)
        deadline = time.monotonic() + timeout
        while True:
            m = rx.search(self.buf)
            if m:
                self.buf = self.buf[m.end():]
                return m
            left = deadline - time.monotonic()
            if left <= 0:
                raise Timeout(f"no /{pattern}/ within {timeout}s")
            if self.proc.poll() is not None and not self._pump(0):
                raise Timeout(f"QEMU exited before /{pattern}/")
            self._pump(min(left, 0.5))

    def send(self, text):
        self.proc.stdin.write(text.encode())
        self.proc.stdin.flush()

    def wait_shell(self, timeout=120):
        self.expect(r"root partition ready", timeout)
        self.expect(re.escape(PROMPT), 30)
        # No echo and no kernel messages on the console: command output only.
        self.send("stty -echo; dmesg -n 1\n")
        self.expect(re.escape(PROMPT), 10)

    def run(self, command, timeout=60):
        """Runs a shell command in the root; returns (exit status, output)."""
        marker = f"__done_{int(time.monotonic() * 1000) % 100000}__"
        self.buf = ""
        self.send(f"{command}; echo {marker}$?\n")
        m = self.expect(re.escape(marker) + r"(\d+)\n", timeout)
        out = self.buf_before(m)
        self.expect(re.escape(PROMPT), 10)
        return int(m.group(1)), out

    def write_file(self, path, text):
        """Creates a file in the root partition with 'text' (a here-document)."""
        tag = "BULKHEAD_EOF"
        assert tag not in text
        self.send(f"cat > {path} <<'{tag}'\n{text}\n{tag}\n")
        self.expect(re.escape(PROMPT), 30)
        st, _ = self.run(f"test -f {path}")
        return st == 0

    def buf_before(self, m):
        return m.string[:m.start()].strip("\n")

    def core_log_text(self):
        try:
            with open(self.core_log, errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def monitor(self, command):
        """One QEMU monitor command (for diagnosing a hung machine)."""
        import socket
        path = self.core_log[:-len(".log")] + ".monitor"
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(5)
        try:
            s.connect(path)
            s.sendall(command.encode() + b"\n")
            time.sleep(1)
            data = b""
            try:
                while True:
                    chunk = s.recv(65536)
                    if not chunk:
                        break
                    data += chunk
            except socket.timeout:
                pass
            return data.decode("utf-8", "replace")
        finally:
            s.close()

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
        if self.proc:
            self.proc.wait()
            # Drain what is left for the log.
            try:
                while self._pump(0):
                    pass
            except Timeout:
                pass
        if getattr(self, "_log", None):
            self._log.close()


class DirectMachine(Machine):
    """A kernel and initrd under plain QEMU -kernel (SeaBIOS, no OVMF, no
    core): the yardstick the benchmarks measure Bulkhead's boots against."""

    def __init__(self, kernel, initrd, append, cpu="max", smp=2, mem="2G", name="direct"):
        super().__init__(cpu=cpu, smp=smp, mem=mem, name=name)
        self.kernel, self.initrd, self.append = kernel, initrd, append

    def start(self):
        cmd = ["qemu-system-x86_64", "-M", "q35", "-cpu", self.cpu, "-smp", str(self.smp),
               "-m", self.mem, "-no-reboot", "-accel", "tcg", "-net", "none", "-display", "none",
               "-monitor", "none", "-serial", "stdio",
               "-kernel", self.kernel, "-initrd", self.initrd, "-append", self.append]
        return self._launch(cmd)


def kernel_image():
    """The Debian kernel tools/setup extracted (build/setup.mk names it)."""
    with open(os.path.join(TOP, "build", "setup.mk")) as f:
        return re.search(r"KERNEL_IMAGE := (\S+)", f.read()).group(1)


class Reporter:
    """Prints PASS/FAIL/SKIP lines in the format tests/run counts."""

    def __init__(self, suite):
        self.suite = suite
        self.failed = 0

    def check(self, name, ok, detail=""):
        tag = "PASS" if ok else "FAIL"
        line = f"{tag}: {self.suite}/{name}"
        detail = " | ".join(l.strip() for l in str(detail).splitlines() if l.strip())
        if len(detail) > 300:
            detail = detail[:300] + "..."
        if detail and not ok:
            line += f": {detail}"
        elif detail:
            line += f" ({detail})"
        print(line, flush=True)
        self.failed += 0 if ok else 1
        return ok

    def skip(self, name, why):
        print(f"SKIP: {self.suite}/{name}: {why}", flush=True)

    def exit(self):
        sys.exit(1 if self.failed else 0)
