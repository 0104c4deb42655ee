// The node's seccomp program, run through a classic-BPF interpreter written here for the
// five instructions it uses: what each system call gets, on this architecture and others.
import { test } from "vitest";
import assert from "node:assert/strict";
import {
  SECCOMP_RET_ALLOW,
  SECCOMP_RET_ERRNO,
  SECCOMP_RET_KILL_PROCESS,
  encodeProgram,
  seccompProgram,
  type Instruction,
} from "../../../shared/adapters/local/cluster/seccomp.ts";

const X86_64 = 0xc000003e;
const I386 = 0x40000003;
const EPERM = SECCOMP_RET_ERRNO | 1;
const ENOSYS = SECCOMP_RET_ERRNO | 38;

/** struct seccomp_data as the kernel lays it out: nr, arch, ip, args[6] (little-endian). */
function seccompData(arch: number, nr: number, args: number[] = []): Buffer {
  const data = Buffer.alloc(64);
  data.writeInt32LE(nr, 0);
  data.writeUInt32LE(arch, 4);
  args.forEach((a, i) => data.writeBigUInt64LE(BigInt(a), 16 + 8 * i));
  return data;
}

function run(program: Instruction[], data: Buffer): number {
  let acc = 0;
  for (let pc = 0; pc < program.length;) {
    const { code, jt, jf, k } = program[pc] as Instruction;
    switch (code) {
      case 0x20: // ld [k]
        acc = data.readUInt32LE(k);
        pc += 1;
        break;
      case 0x15: // jeq #k
        pc += 1 + (acc === k >>> 0 ? jt : jf);
        break;
      case 0x35: // jge #k
        pc += 1 + (acc >= k >>> 0 ? jt : jf);
        break;
      case 0x45: // jset #k
        pc += 1 + ((acc & k) !== 0 ? jt : jf);
        break;
      case 0x06: // ret #k
        return k >>> 0;
      default:
        throw new Error(`unknown opcode ${code} at ${pc}`);
    }
  }
  throw new Error("the program fell off its end");
}

const program = seccompProgram("x64") as Instruction[];
const verdict = (nr: number, args?: number[], arch = X86_64) =>
  run(program, seccompData(arch, nr, args));

test("system calls that change the machine or leave the sandbox get EPERM", () => {
  const refused = {
    mount: 165,
    umount2: 166,
    setns: 308,
    unshare: 272,
    ptrace: 101,
    init_module: 175,
    finit_module: 313,
    delete_module: 176,
    bpf: 321,
    keyctl: 250,
    add_key: 248,
    kexec_load: 246,
    reboot: 169,
    swapon: 167,
    pivot_root: 155,
    chroot: 161,
    perf_event_open: 298,
    open_by_handle_at: 304,
    fsopen: 430,
    move_mount: 429,
  };
  for (const [name, nr] of Object.entries(refused)) assert.equal(verdict(nr), EPERM, name);
});

test("everyday system calls pass, threads too; namespaces by clone do not", () => {
  for (const nr of [0, 1, 2, 3, 9, 41, 42, 43, 49, 50, 59, 60, 231, 257, 262, 293, 302]) {
    assert.equal(verdict(nr), SECCOMP_RET_ALLOW, `nr ${nr}`);
  }
  const pthread = 0x3d0f00; // CLONE_VM|FS|FILES|SIGHAND|THREAD|SYSVSEM|SETTLS|*_TID
  assert.equal(verdict(56, [pthread]), SECCOMP_RET_ALLOW, "a thread");
  assert.equal(verdict(56, [17]), SECCOMP_RET_ALLOW, "fork: SIGCHLD only");
  for (const flag of [0x10000000, 0x40000000, 0x20000000, 0x00020000, 0x02000000, 0x80]) {
    assert.equal(verdict(56, [flag | 17]), EPERM, `clone flag ${flag.toString(16)}`);
  }
  assert.equal(
    verdict(435),
    ENOSYS,
    "clone3: its flags are out of reach, the C library falls back",
  );
  assert.equal(verdict(425), ENOSYS, "io_uring_setup");
});

test("other ABIs are killed: i386 by its arch, x32 by its bit", () => {
  assert.equal(verdict(165, [], I386), SECCOMP_RET_KILL_PROCESS);
  assert.equal(verdict(0, [], I386), SECCOMP_RET_KILL_PROCESS);
  assert.equal(verdict(0x40000000 + 165), EPERM);
  assert.equal(verdict(0x40000000 + 0), EPERM);
});

test("the program is struct sock_filter[]; only x86_64 has a table", () => {
  const bytes = encodeProgram(program);
  assert.equal(bytes.length, program.length * 8);
  assert.equal(bytes.readUInt16LE(0), 0x20);
  assert.equal(bytes.readUInt32LE(4), 4, "first: load the arch");
  assert.equal(seccompProgram("arm64"), null);
});
