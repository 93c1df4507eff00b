"""The GDB stub of the RV32 core end to end (docs/rv32.md, "Debugging").

Each test starts a short serving run (the quickstart cut to 4 queries on the RV32 core) with the
stub on a free loopback port, drives it with gdb-multiarch in batch mode or with a raw socket,
and checks that the run ends as it should and, where the debugger only looked, that its
queries.csv and summary.json are byte-identical to the same run without a debugger.

Every wait is bounded: socket timeouts, process timeouts, the stub's own wait_timeout; a test
that hangs fails instead. Run one test: python3 test_gdb_stub.py GdbStub.test_ctrl_c
(exit status 77 when the test needs gdb-multiarch and it is not installed: a ctest skip).
"""
import json
import os
import re
import select
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import unittest

SUSHI_VP = os.environ.get("SUSHI_VP", "")
SOURCE_DIR = os.environ.get("SUSHI_SOURCE_DIR", "")
FIRMWARE = os.environ.get("SUSHI_FW_ELF", "")
FAULT_ELF = os.environ.get("SUSHI_FAULT_ELF", "")
GDB = shutil.which("gdb-multiarch")
RUN = ["run", "vp_configs/examples/quickstart.yaml", "--set", "cpu.kind=rv32", "--set", "workload.queries=4"]
DEADLINE_S = 60  # any one run or gdb session


class NoGdb(unittest.SkipTest):
    pass


def need_gdb():
    if GDB is None:
        raise NoGdb("gdb-multiarch is not installed (scripts/setup-debian.sh installs it)")


def run_plain(out, extra=()):
    """The run without a debugger: (exit status, stderr)."""
    p = subprocess.run([SUSHI_VP, *RUN, "--out", out, *extra], cwd=SOURCE_DIR, capture_output=True, text=True,
                       timeout=DEADLINE_S)
    return p.returncode, p.stderr


class StubRun:
    """A run with the stub listening on a free port (printed on stderr), in the background."""

    def __init__(self, out, extra=()):
        self.proc = subprocess.Popen(
            [SUSHI_VP, *RUN, "--out", out, "--gdb", "0", "--set", "cpu.rv32.gdb.wait_timeout=30s", *extra],
            cwd=SOURCE_DIR, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.err = ""
        end = time.monotonic() + 20
        while True:
            m = re.search(r"gdb: listening on 127\.0\.0\.1:(\d+)", self.err)
            if m:
                self.port = int(m.group(1))
                return
            left = end - time.monotonic()
            if left <= 0 or self.proc.poll() is not None:
                self.proc.kill()
                raise AssertionError("the stub did not start listening:\n" + self.err)
            ready, _, _ = select.select([self.proc.stderr], [], [], left)
            if ready:
                self.err += self.proc.stderr.readline()

    def finish(self):
        """Waits for the end of the run: (exit status, stderr)."""
        try:
            _, err = self.proc.communicate(timeout=DEADLINE_S)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            raise AssertionError("the run did not end")
        return self.proc.returncode, self.err + err


class RawClient:
    """gdb's side of the protocol by hand: every read has a timeout."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        self.buf = b""

    def send_raw(self, data):
        self.sock.sendall(data)

    def send(self, payload):
        data = payload.encode("latin-1")
        self.send_raw(b"$" + data + b"#%02x" % (sum(data) & 0xFF))

    def read_byte(self):
        while not self.buf:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise AssertionError("the stub closed the connection")
            self.buf += chunk
        b, self.buf = self.buf[:1], self.buf[1:]
        return b

    def read_packet(self):
        """The next packet's payload (acknowledgements before it are skipped)."""
        while self.read_byte() != b"$":
            pass
        payload = b""
        while (b := self.read_byte()) != b"#":
            payload += b
        checksum = self.read_byte() + self.read_byte()
        assert int(checksum, 16) == sum(payload) & 0xFF, "bad checksum from the stub"
        return payload.decode("latin-1")

    def ask(self, payload):
        self.send(payload)
        return self.read_packet()

    def close(self):
        self.sock.close()


def summary_without_provenance(path):
    """summary.json's text without its provenance block: the debugged run's command line names
    --gdb and its resolved config (so the config's SHA-256) sets cpu.rv32.gdb.*; every result
    must be identical."""
    with open(path) as f:
        summary = json.load(f)
    summary.pop("provenance")
    return json.dumps(summary, indent=1, sort_keys=True)


def assert_same_results(test, reference, out):
    with open(os.path.join(reference, "queries.csv"), "rb") as a, open(os.path.join(out, "queries.csv"), "rb") as b:
        test.assertEqual(a.read(), b.read(), "queries.csv differs from the run without a debugger")
    test.assertEqual(summary_without_provenance(os.path.join(reference, "summary.json")),
                     summary_without_provenance(os.path.join(out, "summary.json")),
                     "summary.json differs from the run without a debugger")


class GdbStub(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="sushi-gdb-")
        cls.reference = os.path.join(cls.tmp.name, "reference")
        rc, err = run_plain(cls.reference)
        assert rc == 0, err

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def out(self, name):
        return os.path.join(self.tmp.name, name)

    def assert_same_results(self, out):
        assert_same_results(self, self.reference, out)

    def gdb(self, port, commands, elf=FIRMWARE):
        script = os.path.join(self.tmp.name, "cmds.gdb")
        with open(script, "w") as f:
            f.write("set pagination off\nset confirm off\ntarget remote 127.0.0.1:%d\n" % port + commands)
        p = subprocess.run([GDB, "-nx", "-batch", "-x", script, elf], capture_output=True, text=True,
                           timeout=DEADLINE_S)
        return p.stdout + p.stderr

    def test_gdb_session(self):
        """Break in the driver, read registers and variables, step, watch, continue to the end."""
        need_gdb()
        out = self.out("session")
        run = StubRun(out)
        log = self.gdb(run.port, """
info registers pc
break fw_accel_start_job
continue
info registers sp mstatus
print desc_count
up
print *q
print choice->subnet
down
stepi
next
print/x $pc
x/wx 0xa0000000
monitor x 0x840000000 1
watch g_popped
continue
delete
continue
""")
        rc, err = run.finish()
        self.assertEqual(rc, 0, err + log)
        # Halted at the ELF's entry before the first instruction.
        self.assertRegex(log, r"pc\s+0x100\s+0x100 <_start>")
        self.assertIn("Breakpoint 1, fw_accel_start_job (", log)
        self.assertRegex(log, r"\nsp\s+0x[0-9a-f]+")        # ABI register names
        self.assertRegex(log, r"\nmstatus\s+0x[0-9a-f]+")   # the machine CSRs
        self.assertRegex(log, r"\$1 = \d+\n")               # desc_count, an argument
        self.assertRegex(log, r"\{id = 0, arrival_ns = \d+, deadline_ns = \d+")  # the first query
        self.assertRegex(log, r"0xa0000000:\s+0x53555348")  # the accelerator's ID register, via the bus
        self.assertIn("0x840000000: 0x474d4953", log)      # the model image's magic in DRAM
        self.assertIn("Hardware watchpoint 2: g_popped", log)
        self.assertIn("Old value = 1\nNew value = 2", log)
        self.assertIn("exited normally", log)
        self.assert_same_results(out)

    def test_protocol_errors(self):
        """Malformed packets, bad checksums, out-of-range memory: answered; a closed connection:
        the run goes on to its end."""
        out = self.out("protocol")
        run = StubRun(out)
        c = RawClient(run.port)
        c.send_raw(b"line noise\n")
        c.send_raw(b"$g#00")                              # bad checksum: NAK
        self.assertEqual(c.read_byte(), b"-")
        self.assertEqual(c.ask("?"), "T05thread:1;")
        self.assertEqual(c.ask("m"), "E01")
        self.assertEqual(c.ask("mzz,4"), "E01")
        self.assertEqual(c.ask("M100,4:12"), "E01")      # shorter than its length
        self.assertEqual(c.ask("p"), "E01")
        self.assertEqual(c.ask("Z0,102,4"), "E01")       # misaligned breakpoint
        self.assertEqual(c.ask("Z2,1000000,4"), "E01")   # watchpoints: local memory only
        self.assertEqual(c.ask("mfffffff0,10"), "E14")   # nothing on the bus there
        self.assertEqual(c.ask("qUnknownThing"), "")
        self.assertEqual(len(c.ask("m100,4")), 8)         # the first instruction of _start
        self.assertEqual(len(c.ask("g")), 33 * 8)
        xml = c.ask("qXfer:features:read:target.xml:0,fff")
        self.assertIn("<architecture>riscv:rv32</architecture>", xml)
        c.send_raw(b"$m100,4#")                            # cut off in the middle ...
        c.close()                                          # ... by a closed connection
        rc, err = run.finish()
        self.assertEqual(rc, 0, err)
        self.assert_same_results(out)

    def halted_session(self, name, extra=()):
        """A run with the stub and a raw client that found the core halted: (run, client)."""
        run = StubRun(self.out(name), extra)
        c = RawClient(run.port)
        self.assertEqual(c.ask("?"), "T05thread:1;")
        return run, c

    def detach_and_check(self, name, run, c):
        """gdb detaches: the run goes on to its end with the undebugged results."""
        self.assertEqual(c.ask("D"), "OK")
        c.close()
        rc, err = run.finish()
        self.assertEqual(rc, 0, err)
        self.assert_same_results(self.out(name))

    def test_ctrl_c(self):
        """Ctrl-C stops a running (or sleeping) core with SIGINT; it goes on when gdb detaches."""
        run, c = self.halted_session("ctrl_c")
        for _ in range(2):
            c.send("c")
            time.sleep(0.05)
            c.send_raw(b"\x03")
            self.assertEqual(c.read_packet(), "T02thread:1;")
        self.detach_and_check("ctrl_c", run, c)

    def test_attach_to_running_core(self):
        """cpu.rv32.gdb.wait=false: the core runs; a debugger connecting finds it halted."""
        run, c = self.halted_session("attach", ["--set", "cpu.rv32.gdb.wait=false"])
        pc = int.from_bytes(bytes.fromhex(c.ask("p20")), "little")  # register 0x20: the pc
        self.assertGreaterEqual(pc, 0x100)
        self.detach_and_check("attach", run, c)

    def test_kill(self):
        """gdb's kill ends the run with a clear error (exit status 1)."""
        run, c = self.halted_session("kill")
        c.send("k")
        rc, err = run.finish()
        c.close()
        self.assertEqual(rc, 1, err)
        self.assertIn("killed by the debugger", err)

    def test_fault(self):
        """A firmware fault under the debugger: the faulting load stops with SIGSEGV, the fault
        record with SIGABRT, then the program is terminated; the run reports the same fault."""
        need_gdb()
        plain = self.out("fault_plain")
        rc, err = run_plain(plain, ["--set", "cpu.rv32.elf=" + FAULT_ELF])
        self.assertEqual(rc, 1, err)
        out = self.out("fault")
        run = StubRun(out, ["--set", "cpu.rv32.elf=" + FAULT_ELF])
        log = self.gdb(run.port, "continue\nbacktrace\ncontinue\nbacktrace\ncontinue\n", elf=FAULT_ELF)
        rc, err = run.finish()
        self.assertEqual(rc, 1, err + log)
        self.assertIn("Program received signal SIGSEGV", log)
        self.assertRegex(log, r"#0 .*hal_read32 .*\n#1 .*fault_site")  # at the faulting load, before the trap
        self.assertIn("Program received signal SIGABRT", log)
        self.assertRegex(log, r"rv32_trap_handler \(mcause=5")          # the handler's fault record
        self.assertIn("Program terminated with signal SIGABRT", log)
        assert_same_results(self, plain, out)


if __name__ == "__main__":
    # One test per process (ctest): a NoGdb skip exits 77, which ctest reports as skipped.
    result = unittest.TextTestRunner(verbosity=2).run(unittest.defaultTestLoader.loadTestsFromNames(sys.argv[1:], sys.modules[__name__]))
    if result.skipped and not result.failures and not result.errors:
        sys.exit(77)
    sys.exit(0 if result.wasSuccessful() else 1)
