// The node's seccomp program for each architecture with a table, run through the classic-BPF
// interpreter in ./support (written apart from the generator): what each system call gets.
// The expected numbers (./support/seccomp-expected.ts) are typed from the kernel's tables,
// not read from syscall-tables.ts, so a wrong entry there fails here.
import { describe, test } from "vitest";
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  BPF_MAXINSNS,
  SECCOMP_RET_ALLOW,
  SECCOMP_RET_ERRNO,
  SECCOMP_RET_KILL_PROCESS,
  encodeProgram,
  refusedSyscalls,
  seccompProgram,
  syscallTable,
} from "../../../shared/adapters/local/cluster/seccomp.ts";
import type { SyscallTable } from "../../../shared/adapters/local/cluster/syscall-tables.ts";
import { checkFilter, decodeFilter, runFilter, seccompData } from "./support/classic-bpf.ts";
import {
  AUDIT_ARCH_X86_64,
  CLONE_NEW,
  EXPECTED,
  SIGCHLD,
  THREAD_FLAGS,
  X86_ONLY,
} from "./support/seccomp-expected.ts";

const EPERM = SECCOMP_RET_ERRNO | 1;
const ENOSYS = SECCOMP_RET_ERRNO | 38;

/** What the kernel would do, from the table alone: the brute-force oracle. */
function oracle(table: SyscallTable, arch: number, signedNr: number, arg0: bigint): number {
  if (arch !== table.auditArch) return SECCOMP_RET_KILL_PROCESS;
  const nr = signedNr >>> 0; // seccomp_data.nr is an int, read by the filter as 32 bits
  if (table.refusedFrom !== undefined && nr >= table.refusedFrom) return EPERM;
  if (Object.values(table.refused).includes(nr)) return EPERM;
  if (Object.values(table.unsupported).includes(nr)) return ENOSYS;
  // The kernel reads clone's flags as lower_32_bits(clone_flags).
  const flags = Number(BigInt.asUintN(32, arg0));
  if (nr === table.clone && (flags & Object.values(CLONE_NEW).reduce((a, b) => a | b)) !== 0) {
    return EPERM;
  }
  return SECCOMP_RET_ALLOW;
}

for (const [arch, expected] of Object.entries(EXPECTED)) {
  describe(arch, () => {
    const table = syscallTable(arch) as SyscallTable;
    const bytes = encodeProgram(seccompProgram(arch) ?? []);
    const verdict = (nr: number, args: bigint[] = [], auditArch = expected.audit) =>
      runFilter(bytes, seccompData(auditArch, nr, args));

    test("the program loads: opcodes, offsets, jumps inside it, a return last, a legal length", () => {
      const program = decodeFilter(bytes);
      checkFilter(program);
      assert.ok(program.length <= BPF_MAXINSNS);
      assert.deepEqual(program, seccompProgram(arch), "encoding round-trips");
      assert.equal(table.auditArch, expected.audit, "the table's arch value");
      assert.equal(table.clone, expected.clone, "the table's clone number");
    });

    test("every refused call gets EPERM, the sample by the kernel's numbers too", () => {
      for (const [name, nr] of Object.entries(table.refused)) {
        assert.equal(verdict(nr), EPERM, `${name} (${nr}) from the table`);
      }
      for (const [name, nr] of Object.entries(expected.refused)) {
        assert.equal(table.refused[name], nr, `${name}'s number in the table`);
        assert.equal(verdict(nr), EPERM, `${name} (${nr})`);
      }
    });

    test("clone3 and io_uring get ENOSYS, so callers fall back", () => {
      assert.deepEqual({ ...table.unsupported }, expected.unsupported);
      for (const [name, nr] of Object.entries(expected.unsupported)) {
        assert.equal(verdict(nr), ENOSYS, name);
      }
    });

    test("clone: each CLONE_NEW* flag is refused; threads and fork pass", () => {
      for (const [name, flag] of Object.entries(CLONE_NEW)) {
        assert.equal(verdict(expected.clone, [BigInt(flag | SIGCHLD)]), EPERM, name);
        assert.equal(verdict(expected.clone, [BigInt(flag | THREAD_FLAGS)]), EPERM, name);
      }
      assert.equal(verdict(expected.clone, [BigInt(THREAD_FLAGS)]), SECCOMP_RET_ALLOW, "thread");
      assert.equal(verdict(expected.clone, [BigInt(SIGCHLD)]), SECCOMP_RET_ALLOW, "fork");
      // vfork as glibc does it on aarch64: CLONE_VM | CLONE_VFORK | SIGCHLD.
      assert.equal(verdict(expected.clone, [0x4111n]), SECCOMP_RET_ALLOW, "vfork by clone");
    });

    test("everyday calls pass", () => {
      for (const [name, nr] of Object.entries(expected.common)) {
        assert.equal(verdict(nr), SECCOMP_RET_ALLOW, `${name} (${nr})`);
      }
    });

    test("a call from another ABI kills the process, whatever its number", () => {
      for (const foreign of expected.foreign) {
        for (const nr of [0, 1, 56, 165, 220, 435, 0x40000000]) {
          assert.equal(verdict(nr, [], foreign), SECCOMP_RET_KILL_PROCESS, `${foreign}/${nr}`);
        }
      }
    });

    test("any call: the program's verdict is the table's (property)", () => {
      const numbers = [
        ...Object.values(table.refused),
        ...Object.values(table.unsupported),
        ...Object.values(expected.common),
        table.clone,
      ];
      const nr = fc.oneof(
        fc.constantFrom(...numbers),
        fc.constantFrom(...numbers).map((n) => n + 1),
        fc.constantFrom(...numbers).map((n) => n - 1),
        fc.integer({ min: 0, max: 600 }),
        fc.integer({ min: 0x3fffff00, max: 0x40000300 }),
        fc.nat({ max: 0xffffffff }),
      );
      const archValue = fc.oneof(
        { weight: 4, arbitrary: fc.constant(expected.audit) },
        { weight: 1, arbitrary: fc.constantFrom(...expected.foreign) },
        { weight: 1, arbitrary: fc.nat({ max: 0xffffffff }) },
      );
      const nsFlags = fc.subarray(Object.values(CLONE_NEW));
      const arg0 = fc.oneof(
        fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
        fc
          .tuple(nsFlags, fc.boolean(), fc.bigInt({ min: 0n, max: 2n ** 32n - 1n }))
          .map(
            ([flags, thread, high]) =>
              (high << 32n) |
              BigInt(flags.reduce((a, b) => a | b, thread ? THREAD_FLAGS : SIGCHLD) >>> 0),
          ),
      );
      fc.assert(
        fc.property(archValue, nr, arg0, (a, n, x) => {
          assert.equal(verdict(n, [x], a), oracle(table, a, n, x));
        }),
        { numRuns: 3000 },
      );
    });
  });
}

test("x86_64: an x32 call (the x86_64 arch value, number | 0x40000000) gets EPERM", () => {
  const bytes = encodeProgram(seccompProgram("x64") ?? []);
  for (const nr of [0, 1, 56, 165, 257, 0x3fffffff]) {
    const x32 = (0x40000000 | nr) >>> 0;
    assert.equal(runFilter(bytes, seccompData(AUDIT_ARCH_X86_64, x32)), EPERM, `x32 ${nr}`);
  }
  assert.equal(runFilter(bytes, seccompData(AUDIT_ARCH_X86_64, 0xffffffff)), EPERM, "nr -1");
});

test("aarch64 refuses x86_64's set less the calls it never had", () => {
  const x64 = syscallTable("x64") as SyscallTable;
  const arm64 = syscallTable("arm64") as SyscallTable;
  assert.deepEqual(
    Object.keys(arm64.refused).sort(),
    Object.keys(x64.refused)
      .filter((n) => !X86_ONLY.includes(n))
      .sort(),
  );
  assert.deepEqual(Object.keys(arm64.unsupported).sort(), Object.keys(x64.unsupported).sort());
  assert.equal(new Set(Object.values(arm64.refused)).size, Object.keys(arm64.refused).length);
  assert.ok(refusedSyscalls("arm64").includes("setns"));
  assert.ok(!refusedSyscalls("arm64").includes("iopl"));
});

test("no table, no program: other architectures and names that are not architectures", () => {
  for (const arch of ["ia32", "arm", "riscv64", "ppc64", "s390x", "constructor", "toString"]) {
    assert.equal(seccompProgram(arch), null, arch);
    assert.deepEqual(refusedSyscalls(arch), [], arch);
  }
});

test("the interpreter refuses what the kernel would not load", () => {
  const ret = { code: 0x06, jt: 0, jf: 0, k: 0 };
  const bad = [
    [],
    [{ code: 0x20, jt: 0, jf: 0, k: 6 }, ret], // a misaligned load
    [{ code: 0x20, jt: 0, jf: 0, k: 64 }, ret], // a load past seccomp_data
    [{ code: 0x15, jt: 1, jf: 0, k: 0 }, ret], // a jump past the end
    [{ code: 0x04, jt: 0, jf: 0, k: 1 }, ret], // BPF_ALU | BPF_ADD: not ours
    [ret, { code: 0x20, jt: 0, jf: 0, k: 0 }], // no return last
    Array.from({ length: BPF_MAXINSNS + 1 }, () => ret),
  ];
  for (const program of bad) assert.throws(() => checkFilter(program));
  checkFilter([{ code: 0x15, jt: 0, jf: 0, k: 0 }, ret]);
});
