// The node's seccomp filter, as the classic BPF program bubblewrap loads (`--seccomp FD`):
// system calls that change the machine or escape the sandbox get EPERM (mount, setns,
// unshare, ptrace, modules, bpf, keyctl, kexec, reboot, swap, pivot_root, chroot,
// perf_event_open, ...), clone with a namespace flag gets EPERM, clone3 and io_uring get
// ENOSYS (their flags cannot be read by a filter; the C library falls back to clone, libuv
// to its thread pool), a call from any other architecture (i386 on x86_64, AArch32 on
// aarch64) kills the process, and an x32 call on x86_64 gets EPERM. One generator for every
// architecture in syscall-tables.ts (x86_64, aarch64); elsewhere the step fails and says so.
import { SYSCALL_TABLES, type SyscallTable } from "./syscall-tables.ts";

/** Every CLONE_NEW* flag (cgroup, uts, ipc, user, pid, net, mount, time). */
export const CLONE_NAMESPACE_FLAGS =
  0x02000000 | 0x04000000 | 0x08000000 | 0x10000000 | 0x20000000 | 0x40000000 | 0x00020000 | 0x80;

// asm-generic/errno*.h: the same on x86_64 and aarch64.
const EPERM = 1;
const ENOSYS = 38;

// Classic BPF opcodes (linux/filter.h) and seccomp return values (linux/seccomp.h).
const LD_W_ABS = 0x20;
const JEQ_K = 0x15;
const JGE_K = 0x35;
const JSET_K = 0x45;
const RET_K = 0x06;
export const SECCOMP_RET_KILL_PROCESS = 0x80000000;
export const SECCOMP_RET_ERRNO = 0x00050000;
export const SECCOMP_RET_ALLOW = 0x7fff0000;
/** The kernel refuses a longer program (BPF_MAXINSNS, linux/bpf_common.h). */
export const BPF_MAXINSNS = 4096;
/**
 * Offsets in struct seccomp_data: nr, arch, then args[0], whose low 32 bits come first on a
 * little-endian machine (both tables here are); clone's flags live in those low bits.
 */
const OFFSET_NR = 0;
const OFFSET_ARCH = 4;
const OFFSET_ARG0_LOW = 16;

export interface Instruction {
  code: number;
  jt: number;
  jf: number;
  k: number;
}

/** The table for a Node `process.arch` name, or null when there is none. */
export function syscallTable(arch: string = process.arch): SyscallTable | null {
  return Object.hasOwn(SYSCALL_TABLES, arch) ? (SYSCALL_TABLES[arch] ?? null) : null;
}

/** The names refused with EPERM on this architecture, for the step's detail and the docs. */
export function refusedSyscalls(arch: string = process.arch): string[] {
  const table = syscallTable(arch);
  return table ? [...Object.keys(table.refused), "clone with CLONE_NEW*"] : [];
}

/** The filter for an architecture (Node's names: x64, arm64), or null without a table. */
export function seccompProgram(arch: string = process.arch): Instruction[] | null {
  const table = syscallTable(arch);
  return table ? programFor(table) : null;
}

function programFor(table: SyscallTable): Instruction[] {
  const ins = (code: number, k: number, jt = 0, jf = 0): Instruction => ({ code, jt, jf, k });
  const refused = Object.values(table.refused);
  const unsupported = Object.values(table.unsupported);
  const head: Instruction[] = [
    ins(LD_W_ABS, OFFSET_ARCH),
    ins(JEQ_K, table.auditArch, 1, 0),
    ins(RET_K, SECCOMP_RET_KILL_PROCESS),
    ins(LD_W_ABS, OFFSET_NR),
  ];
  // Jumps go forward only, counted from the instruction after the comparison. Layout of the
  // body: [the high-bit check] the comparisons, the clone check (3 instructions), then
  // [allow] [deny EPERM] [deny ENOSYS].
  const extra = table.refusedFrom === undefined ? 0 : 1;
  const clone = extra + refused.length + unsupported.length;
  const allow = clone + 3;
  const deny = allow + 1;
  const nosys = deny + 1;
  const at = (i: number, target: number) => target - (i + 1);
  const body: Instruction[] = [];
  if (table.refusedFrom !== undefined) body.push(ins(JGE_K, table.refusedFrom, at(0, deny), 0));
  for (const nr of refused) body.push(ins(JEQ_K, nr, at(body.length, deny), 0));
  for (const nr of unsupported) body.push(ins(JEQ_K, nr, at(body.length, nosys), 0));
  body.push(ins(JEQ_K, table.clone, 0, at(clone, allow)));
  body.push(ins(LD_W_ABS, OFFSET_ARG0_LOW));
  body.push(ins(JSET_K, CLONE_NAMESPACE_FLAGS, at(clone + 2, deny), 0));
  body.push(ins(RET_K, SECCOMP_RET_ALLOW));
  body.push(ins(RET_K, SECCOMP_RET_ERRNO | EPERM));
  body.push(ins(RET_K, SECCOMP_RET_ERRNO | ENOSYS));
  for (const i of body) {
    if (i.jt > 255 || i.jf > 255) throw new Error("seccomp filter: a jump is too long");
  }
  const program = [...head, ...body];
  if (program.length > BPF_MAXINSNS) throw new Error("seccomp filter: too many instructions");
  return program;
}

/** The program as struct sock_filter[], little-endian, as bubblewrap reads it. */
export function encodeProgram(program: Instruction[]): Buffer {
  const out = Buffer.alloc(program.length * 8);
  program.forEach((i, n) => {
    out.writeUInt16LE(i.code, n * 8);
    out.writeUInt8(i.jt, n * 8 + 2);
    out.writeUInt8(i.jf, n * 8 + 3);
    out.writeUInt32LE(i.k >>> 0, n * 8 + 4);
  });
  return out;
}
