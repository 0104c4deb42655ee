// The seccomp programs loaded by this machine's kernel through bubblewrap, as nodes get
// them: the native one answers real calls as its table says; the other architecture's
// program passes the kernel's own checks when loaded (so its shape is legal) and kills the
// first call, which comes from a foreign architecture; a program with a jump past its end
// is refused. Only the native table meets real calls here (x86_64 on this project's VM).
import { test } from "vitest";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findOnPath } from "../../../shared/agent/launch.ts";
import {
  encodeProgram,
  seccompProgram,
  syscallTable,
  type Instruction,
} from "../../../shared/adapters/local/cluster/seccomp.ts";
import { SYSCALL_TABLES } from "../../../shared/adapters/local/cluster/syscall-tables.ts";
import { skipIf } from "../../support/skip.ts";

const bwrap = findOnPath("bwrap", process.env);
const native = syscallTable();
const foreign = Object.keys(SYSCALL_TABLES).find((arch) => arch !== process.arch);
const skip = skipIf(
  (!bwrap && "bubblewrap is not installed") ||
    (!native && `no system call table for ${process.arch}`) ||
    (process.getuid?.() !== 0 && "needs root (bwrap's namespaces as the nodes get them)"),
);

/** Runs argv under bwrap with the program on fd 3, as the node's prefix does. */
function underFilter(program: Instruction[], argv: string[]) {
  const dir = mkdtempSync(join(tmpdir(), "seccomp-kernel-"));
  try {
    const file = join(dir, "filter.bpf");
    writeFileSync(file, encodeProgram(program));
    const fd = openSync(file, "r");
    try {
      const shape = ["--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--unshare-pid"];
      return spawnSync(bwrap as string, [...shape, "--seccomp", "3", "--", ...argv], {
        stdio: ["ignore", "pipe", "pipe", fd],
        encoding: "utf8",
        timeout: 30_000,
      });
    } finally {
      closeSync(fd);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test(
  "the native program: refused calls get EPERM, clone3 and io_uring ENOSYS, others run",
  skip,
  () => {
    const table = native!;
    const calls = {
      unshare_user: `libc.unshare(0x10000000)`,
      setns: `libc.syscall(${table.refused.setns}, -1, 0)`,
      mount: `libc.mount(b"none", b"/tmp", b"tmpfs", 0, None)`,
      clone_newnet: `libc.syscall(${table.clone}, 0x40000000 | 17, 0, 0, 0, 0)`,
      clone3: `libc.syscall(${table.unsupported.clone3}, 0, 0)`,
      io_uring_setup: `libc.syscall(${table.unsupported.io_uring_setup}, 1, 0)`,
      getpid: `libc.getpid()`,
    };
    const script = [
      "import ctypes, errno, json",
      "libc = ctypes.CDLL(None, use_errno=True)",
      "def run(f):",
      "    r = f()",
      "    return 'ok' if r >= 0 else errno.errorcode[ctypes.get_errno()]",
      `print(json.dumps({${Object.entries(calls)
        .map(([name, call]) => `"${name}": run(lambda: ${call})`)
        .join(", ")}}))`,
    ].join("\n");
    const run = underFilter(seccompProgram() as Instruction[], ["/usr/bin/python3", "-c", script]);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), {
      unshare_user: "EPERM",
      setns: "EPERM",
      mount: "EPERM",
      clone_newnet: "EPERM",
      clone3: "ENOSYS",
      io_uring_setup: "ENOSYS",
      getpid: "ok",
    });
  },
);

test(
  "the other architecture's program loads (the kernel accepts it) and kills a call from here",
  skipIf(skip.skip ? "see above" : !foreign && "only one table"),
  () => {
    const run = underFilter(seccompProgram(foreign) as Instruction[], ["/usr/bin/true"]);
    assert.doesNotMatch(run.stderr, /PR_SET_SECCOMP/, "the kernel refused the program");
    // bwrap reports its child killed by SIGSYS (31) as 128 + 31.
    assert.equal(run.status, 128 + 31, `${run.status} ${run.stderr}`);
  },
);

test("a program with a jump past its end is refused by the kernel", skip, () => {
  const broken = (seccompProgram() as Instruction[]).map((i) => ({ ...i }));
  (broken[1] as Instruction).jt = 250;
  const run = underFilter(broken, ["/usr/bin/true"]);
  assert.notEqual(run.status, 0);
  assert.match(run.stderr, /PR_SET_SECCOMP.*EINVAL/);
});
