// The node's seccomp filter, as the classic BPF program bubblewrap loads (`--seccomp FD`):
// system calls that change the machine or escape the sandbox get EPERM (mount, setns,
// unshare, ptrace, modules, bpf, keyctl, kexec, reboot, swap, pivot_root, chroot,
// perf_event_open, ...), clone with a namespace flag gets EPERM, clone3 and io_uring get
// ENOSYS (their flags cannot be read by a filter; the C library falls back to clone, libuv
// to its thread pool), and a call from any other architecture (i386 or x32 on x86_64) kills
// the process. Only x86_64 has a table: elsewhere the step fails and says so.

/** Linux x86_64 system call numbers (arch/x86/entry/syscalls/syscall_64.tbl). */
const X86_64_REFUSED: Record<string, number> = {
  ptrace: 101,
  syslog: 103,
  uselib: 134,
  vhangup: 153,
  pivot_root: 155,
  _sysctl: 156,
  chroot: 161,
  acct: 163,
  settimeofday: 164,
  mount: 165,
  umount2: 166,
  swapon: 167,
  swapoff: 168,
  reboot: 169,
  sethostname: 170,
  setdomainname: 171,
  iopl: 172,
  ioperm: 173,
  create_module: 174,
  init_module: 175,
  delete_module: 176,
  get_kernel_syms: 177,
  query_module: 178,
  quotactl: 179,
  nfsservctl: 180,
  lookup_dcookie: 212,
  clock_settime: 227,
  mbind: 237,
  kexec_load: 246,
  add_key: 248,
  request_key: 249,
  keyctl: 250,
  migrate_pages: 256,
  unshare: 272,
  move_pages: 279,
  perf_event_open: 298,
  fanotify_init: 300,
  name_to_handle_at: 303,
  open_by_handle_at: 304,
  clock_adjtime: 305,
  setns: 308,
  process_vm_readv: 310,
  process_vm_writev: 311,
  kcmp: 312,
  finit_module: 313,
  kexec_file_load: 320,
  bpf: 321,
  userfaultfd: 323,
  open_tree: 428,
  move_mount: 429,
  fsopen: 430,
  fsconfig: 431,
  fsmount: 432,
  fspick: 433,
  pidfd_getfd: 438,
  mount_setattr: 442,
  quotactl_fd: 443,
};
const X86_64_UNSUPPORTED: Record<string, number> = {
  io_uring_setup: 425,
  io_uring_enter: 426,
  io_uring_register: 427,
  clone3: 435,
};
const X86_64_CLONE = 56;
/** x32 system calls are x86_64 numbers with this bit set. */
const X32_SYSCALL_BIT = 0x40000000;

const AUDIT_ARCH_X86_64 = 0xc000003e;

/** Every CLONE_NEW* flag (cgroup, uts, ipc, user, pid, net, mount, time). */
export const CLONE_NAMESPACE_FLAGS =
  0x02000000 | 0x04000000 | 0x08000000 | 0x10000000 | 0x20000000 | 0x40000000 | 0x00020000 | 0x80;

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
/** Offsets in struct seccomp_data: nr, arch, then args[0] (its low 32 bits first). */
const OFFSET_NR = 0;
const OFFSET_ARCH = 4;
const OFFSET_ARG0_LOW = 16;

export interface Instruction {
  code: number;
  jt: number;
  jf: number;
  k: number;
}

/** The names refused with EPERM here, for the step's detail and the docs. */
export function refusedSyscalls(): string[] {
  return [...Object.keys(X86_64_REFUSED), "clone with CLONE_NEW*"];
}

/** The filter for this machine's architecture, or null when there is no table for it. */
export function seccompProgram(arch: string = process.arch): Instruction[] | null {
  if (arch !== "x64") return null;
  const refused = Object.values(X86_64_REFUSED);
  const unsupported = Object.values(X86_64_UNSUPPORTED);
  const ins = (code: number, k: number, jt = 0, jf = 0): Instruction => ({ code, jt, jf, k });
  const body: Instruction[] = [];
  // Jumps go forward only, counted from the instruction after the comparison. Layout: the
  // comparisons, then the clone check, then [allow] [deny EPERM] [deny ENOSYS].
  const clone = 1 + refused.length + unsupported.length;
  const allow = clone + 3;
  const deny = allow + 1;
  const nosys = deny + 1;
  const at = (i: number, target: number) => target - (i + 1);
  const head: Instruction[] = [
    ins(LD_W_ABS, OFFSET_ARCH),
    ins(JEQ_K, AUDIT_ARCH_X86_64, 1, 0),
    ins(RET_K, SECCOMP_RET_KILL_PROCESS),
    ins(LD_W_ABS, OFFSET_NR),
  ];
  body.push(ins(JGE_K, X32_SYSCALL_BIT, at(0, deny), 0));
  for (const nr of refused) body.push(ins(JEQ_K, nr, at(body.length, deny), 0));
  for (const nr of unsupported) body.push(ins(JEQ_K, nr, at(body.length, nosys), 0));
  body.push(ins(JEQ_K, X86_64_CLONE, 0, at(clone, allow)));
  body.push(ins(LD_W_ABS, OFFSET_ARG0_LOW));
  body.push(ins(JSET_K, CLONE_NAMESPACE_FLAGS, at(clone + 2, deny), 0));
  body.push(ins(RET_K, SECCOMP_RET_ALLOW));
  body.push(ins(RET_K, SECCOMP_RET_ERRNO | EPERM));
  body.push(ins(RET_K, SECCOMP_RET_ERRNO | ENOSYS));
  for (const i of body) {
    if (i.jt > 255 || i.jf > 255) throw new Error("seccomp filter: a jump is too long");
  }
  return [...head, ...body];
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
