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

net = os.open("/proc/self/ns/net", os.O_RDONLY)
report("setns", errno_of(lambda: libc.setns(net, 0)))
report("unshare user", errno_of(lambda: libc.unshare(CLONE_NEWUSER)))
report("unshare net", errno_of(lambda: libc.unshare(CLONE_NEWNET)))
report("unshare mount", errno_of(lambda: libc.unshare(CLONE_NEWNS)))
# clone(CLONE_NEWUSER | SIGCHLD) through the raw system call (x86_64: 56).
report("clone newuser", errno_of(lambda: libc.syscall(56, CLONE_NEWUSER | 17, 0, 0, 0, 0)))
report("mount tmpfs", errno_of(lambda: libc.mount(b"none", b"/tmp", b"tmpfs", 0, None)))
report("remount code rw", errno_of(lambda: libc.mount(None, code.encode(), None, MS_REMOUNT | MS_BIND, None)))
report("write code", errno_of(lambda: open(os.path.join(code, "planted"), "w").write("x")))
report("write /usr", errno_of(lambda: open("/usr/planted", "w").write("x")))
report("chroot", errno_of(lambda: os.chroot("/tmp")))
report("setuid 0", errno_of(lambda: os.setuid(0)))
report("ptrace pid 1", errno_of(lambda: libc.ptrace(16, 1, 0, 0)))  # PTRACE_ATTACH
report("bpf", errno_of(lambda: libc.syscall(321, 0, 0, 0)))
report("keyctl", errno_of(lambda: libc.syscall(250, 0, 0, 0, 0, 0)))
report("perf_event_open", errno_of(lambda: libc.syscall(298, 0, 0, -1, -1, 0)))
report("init_module", errno_of(lambda: libc.syscall(175, 0, 0, b"")))
report("kexec_load", errno_of(lambda: libc.syscall(246, 0, 0, 0, 0)))
report("reboot", errno_of(lambda: libc.syscall(169, 0, 0, 0, 0)))
report("mknod", errno_of(lambda: os.mknod("/tmp/disk", 0o600 | 0o060000, os.makedev(8, 0))))
report("done", True)
hold()
