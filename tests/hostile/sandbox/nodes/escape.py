# Tries each way out of the sandbox that a capability, a namespace or a kernel interface
# would give; each must fail. argv[1]: the node's own code folder (read-only).
import ctypes
import os
import sys

from common import errno_of, libc, hold, report, serve_in_background

serve_in_background()
CLONE_NEWNS, CLONE_NEWUSER, CLONE_NEWNET = 0x00020000, 0x10000000, 0x40000000
MS_REMOUNT, MS_BIND = 32, 4096
code = sys.argv[1]
# Raw system call numbers: x86_64's syscall_64.tbl, aarch64's asm-generic/unistd.h. clone's
# first argument is its flags on both.
NR = {
    "x86_64": dict(clone=56, bpf=321, keyctl=250, perf_event_open=298, init_module=175,
                   kexec_load=246, reboot=169),
    "aarch64": dict(clone=220, bpf=280, keyctl=219, perf_event_open=241, init_module=105,
                    kexec_load=104, reboot=142),
}[os.uname().machine]

net = os.open("/proc/self/ns/net", os.O_RDONLY)
report("setns", errno_of(lambda: libc.setns(net, 0)))
report("unshare user", errno_of(lambda: libc.unshare(CLONE_NEWUSER)))
report("unshare net", errno_of(lambda: libc.unshare(CLONE_NEWNET)))
report("unshare mount", errno_of(lambda: libc.unshare(CLONE_NEWNS)))
# clone(CLONE_NEWUSER | SIGCHLD) through the raw system call.
report("clone newuser", errno_of(lambda: libc.syscall(NR["clone"], CLONE_NEWUSER | 17, 0, 0, 0, 0)))
report("mount tmpfs", errno_of(lambda: libc.mount(b"none", b"/tmp", b"tmpfs", 0, None)))
report("remount code rw", errno_of(lambda: libc.mount(None, code.encode(), None, MS_REMOUNT | MS_BIND, None)))
report("write code", errno_of(lambda: open(os.path.join(code, "planted"), "w").write("x")))
report("write /usr", errno_of(lambda: open("/usr/planted", "w").write("x")))
report("chroot", errno_of(lambda: os.chroot("/tmp")))
report("setuid 0", errno_of(lambda: os.setuid(0)))
report("ptrace pid 1", errno_of(lambda: libc.ptrace(16, 1, 0, 0)))  # PTRACE_ATTACH
report("bpf", errno_of(lambda: libc.syscall(NR["bpf"], 0, 0, 0)))
report("keyctl", errno_of(lambda: libc.syscall(NR["keyctl"], 0, 0, 0, 0, 0)))
report("perf_event_open", errno_of(lambda: libc.syscall(NR["perf_event_open"], 0, 0, -1, -1, 0)))
report("init_module", errno_of(lambda: libc.syscall(NR["init_module"], 0, 0, b"")))
report("kexec_load", errno_of(lambda: libc.syscall(NR["kexec_load"], 0, 0, 0, 0)))
report("reboot", errno_of(lambda: libc.syscall(NR["reboot"], 0, 0, 0, 0)))
report("mknod", errno_of(lambda: os.mknod("/tmp/disk", 0o600 | 0o060000, os.makedev(8, 0))))
report("done", True)
hold()
