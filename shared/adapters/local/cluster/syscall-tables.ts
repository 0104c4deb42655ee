// What the node's seccomp filter refuses, per architecture: one entry per Node `process.arch`
// name, each with the numbers of its own system call table. seccomp.ts turns an entry into
// the BPF program; the unit tests run that program against these same tables.

export interface SyscallTable {
  /** The kernel's name for the ABI, for messages and docs. */
  name: string;
  /** AUDIT_ARCH_* (linux/audit.h): seccomp_data.arch for a call from this ABI. */
  auditArch: number;
  /** Refused with EPERM: they change the machine or leave the sandbox. */
  refused: Readonly<Record<string, number>>;
  /** Refused with ENOSYS: a filter cannot read their arguments, and callers fall back. */
  unsupported: Readonly<Record<string, number>>;
  /** clone(2): refused when its first argument (the flags on both ABIs) asks for a namespace. */
  clone: number;
  /**
   * Every number at or above this is refused with EPERM: another ABI that shares this
   * arch value and marks its calls with a high bit (x32 on x86_64).
   */
  refusedFrom?: number;
}

/**
 * Linux x86_64 (arch/x86/entry/syscalls/syscall_64.tbl; checked against the machine's
 * asm/unistd_64.h by tests/unit/agent/seccomp-headers.test.ts).
 */
const X86_64: SyscallTable = {
  name: "x86_64",
  auditArch: 0xc000003e, // EM_X86_64 (62) | __AUDIT_ARCH_64BIT | __AUDIT_ARCH_LE
  refused: {
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
  },
  unsupported: {
    io_uring_setup: 425,
    io_uring_enter: 426,
    io_uring_register: 427,
    clone3: 435,
  },
  clone: 56,
  // x32 calls carry __X32_SYSCALL_BIT on top of their number and the x86_64 arch value.
  refusedFrom: 0x40000000,
};

/**
 * Linux aarch64: the generic table (include/uapi/asm-generic/unistd.h, 64-bit; checked against
 * the machine's copy by tests/unit/agent/seccomp-headers.test.ts). The same refused set as
 * x86_64 less the calls aarch64 never had: uselib, _sysctl, iopl, ioperm, create_module,
 * get_kernel_syms, query_module. AArch32 tasks report AUDIT_ARCH_ARM and are killed.
 */
const AARCH64: SyscallTable = {
  name: "aarch64",
  auditArch: 0xc00000b7, // EM_AARCH64 (183) | __AUDIT_ARCH_64BIT | __AUDIT_ARCH_LE
  refused: {
    lookup_dcookie: 18,
    umount2: 39,
    mount: 40,
    pivot_root: 41,
    nfsservctl: 42,
    chroot: 51,
    vhangup: 58,
    quotactl: 60,
    acct: 89,
    unshare: 97,
    kexec_load: 104,
    init_module: 105,
    delete_module: 106,
    clock_settime: 112,
    syslog: 116,
    ptrace: 117,
    reboot: 142,
    sethostname: 161,
    setdomainname: 162,
    settimeofday: 170,
    add_key: 217,
    request_key: 218,
    keyctl: 219,
    swapon: 224,
    swapoff: 225,
    mbind: 235,
    migrate_pages: 238,
    move_pages: 239,
    perf_event_open: 241,
    fanotify_init: 262,
    name_to_handle_at: 264,
    open_by_handle_at: 265,
    clock_adjtime: 266,
    setns: 268,
    process_vm_readv: 270,
    process_vm_writev: 271,
    kcmp: 272,
    finit_module: 273,
    bpf: 280,
    userfaultfd: 282,
    kexec_file_load: 294,
    open_tree: 428,
    move_mount: 429,
    fsopen: 430,
    fsconfig: 431,
    fsmount: 432,
    fspick: 433,
    pidfd_getfd: 438,
    mount_setattr: 442,
    quotactl_fd: 443,
  },
  unsupported: {
    io_uring_setup: 425,
    io_uring_enter: 426,
    io_uring_register: 427,
    clone3: 435,
  },
  // arm64 selects CLONE_BACKWARDS, which swaps tls and child_tidptr: the flags stay first.
  clone: 220,
};

/** By Node's `process.arch`. */
export const SYSCALL_TABLES: Readonly<Record<string, SyscallTable>> = {
  x64: X86_64,
  arm64: AARCH64,
};
