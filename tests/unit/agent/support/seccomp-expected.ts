// What the seccomp tests expect per architecture, typed from the kernel's own tables
// (x86_64: arch/x86/entry/syscalls/syscall_64.tbl; aarch64: include/uapi/asm-generic/unistd.h)
// rather than read from syscall-tables.ts, so a wrong entry there fails the tests.
// seccomp-headers.test.ts checks these numbers against the machine's kernel headers.

// linux/audit.h: EM_* | __AUDIT_ARCH_64BIT (0x80000000) | __AUDIT_ARCH_LE (0x40000000).
export const AUDIT_ARCH_X86_64 = 0xc000003e;
export const AUDIT_ARCH_I386 = 0x40000003;
export const AUDIT_ARCH_AARCH64 = 0xc00000b7;
export const AUDIT_ARCH_ARM = 0x40000028;

// linux/sched.h
export const CLONE_NEW = {
  CLONE_NEWNS: 0x00020000,
  CLONE_NEWCGROUP: 0x02000000,
  CLONE_NEWUTS: 0x04000000,
  CLONE_NEWIPC: 0x08000000,
  CLONE_NEWUSER: 0x10000000,
  CLONE_NEWPID: 0x20000000,
  CLONE_NEWNET: 0x40000000,
  CLONE_NEWTIME: 0x00000080,
};
export const SIGCHLD = 17;
/** What glibc's pthread_create passes to clone. */
export const THREAD_FLAGS =
  0x00000100 | // CLONE_VM
  0x00000200 | // CLONE_FS
  0x00000400 | // CLONE_FILES
  0x00000800 | // CLONE_SIGHAND
  0x00010000 | // CLONE_THREAD
  0x00040000 | // CLONE_SYSVSEM
  0x00080000 | // CLONE_SETTLS
  0x00100000 | // CLONE_PARENT_SETTID
  0x00200000; // CLONE_CHILD_CLEARTID

export interface Expected {
  audit: number;
  /** Other ABIs the same kernel runs: their calls must kill. */
  foreign: number[];
  clone: number;
  /** A sample of the refused calls, by the kernel's numbers. */
  refused: Record<string, number>;
  unsupported: Record<string, number>;
  /** What any program (node, python, a JVM, a Go binary) calls all the time. */
  common: Record<string, number>;
}

export const EXPECTED: Record<"x64" | "arm64", Expected> = {
  x64: {
    audit: AUDIT_ARCH_X86_64,
    foreign: [AUDIT_ARCH_I386, AUDIT_ARCH_AARCH64, AUDIT_ARCH_ARM, 0],
    clone: 56,
    refused: {
      mount: 165,
      umount2: 166,
      pivot_root: 155,
      chroot: 161,
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
      perf_event_open: 298,
      open_by_handle_at: 304,
      process_vm_writev: 311,
      fsopen: 430,
      move_mount: 429,
      iopl: 172,
      ioperm: 173,
    },
    unsupported: { io_uring_setup: 425, io_uring_enter: 426, io_uring_register: 427, clone3: 435 },
    common: {
      read: 0,
      write: 1,
      close: 3,
      fstat: 5,
      mmap: 9,
      mprotect: 10,
      munmap: 11,
      brk: 12,
      rt_sigaction: 13,
      ioctl: 16,
      socket: 41,
      connect: 42,
      accept: 43,
      bind: 49,
      listen: 50,
      execve: 59,
      exit: 60,
      fcntl: 72,
      prctl: 157,
      futex: 202,
      epoll_ctl: 233,
      exit_group: 231,
      openat: 257,
      newfstatat: 262,
      epoll_pwait: 281,
      pipe2: 293,
      prlimit64: 302,
      seccomp: 317,
      getrandom: 318,
      statx: 332,
      rseq: 334,
    },
  },
  arm64: {
    audit: AUDIT_ARCH_AARCH64,
    foreign: [AUDIT_ARCH_ARM, AUDIT_ARCH_X86_64, AUDIT_ARCH_I386, 0],
    clone: 220,
    refused: {
      mount: 40,
      umount2: 39,
      pivot_root: 41,
      chroot: 51,
      setns: 268,
      unshare: 97,
      ptrace: 117,
      init_module: 105,
      finit_module: 273,
      delete_module: 106,
      bpf: 280,
      keyctl: 219,
      add_key: 217,
      kexec_load: 104,
      reboot: 142,
      swapon: 224,
      perf_event_open: 241,
      open_by_handle_at: 265,
      process_vm_writev: 271,
      fsopen: 430,
      move_mount: 429,
    },
    unsupported: { io_uring_setup: 425, io_uring_enter: 426, io_uring_register: 427, clone3: 435 },
    common: {
      getcwd: 17,
      epoll_create1: 20,
      epoll_ctl: 21,
      epoll_pwait: 22,
      fcntl: 25,
      ioctl: 29,
      openat: 56,
      close: 57,
      pipe2: 59,
      read: 63,
      write: 64,
      newfstatat: 79,
      fstat: 80,
      exit: 93,
      exit_group: 94,
      futex: 98,
      rt_sigaction: 134,
      prctl: 167,
      socket: 198,
      bind: 200,
      listen: 201,
      accept: 202,
      connect: 203,
      brk: 214,
      munmap: 215,
      execve: 221,
      mmap: 222,
      mprotect: 226,
      prlimit64: 261,
      seccomp: 277,
      getrandom: 278,
      statx: 291,
      rseq: 293,
    },
  },
};

/** Calls x86_64 has and aarch64 never had: the generic table must not name them. */
export const X86_ONLY = [
  "uselib",
  "_sysctl",
  "iopl",
  "ioperm",
  "create_module",
  "get_kernel_syms",
  "query_module",
];
