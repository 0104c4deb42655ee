# Who the node is: its credentials, capabilities, seccomp state, the pids it can see, its
# environment, host name and the root of its file system view.
import os

from common import hold, report, serve_in_background

serve_in_background()
status = {}
with open("/proc/self/status") as f:
    for line in f:
        key, _, value = line.partition(":")
        status[key] = value.strip()
for key in ["Uid", "Gid", "Groups", "CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb",
            "NoNewPrivs", "Seccomp"]:
    report(key, status.get(key, ""))
report("pids", sorted(int(p) for p in os.listdir("/proc") if p.isdigit()))
report("env", sorted(os.environ.keys()))
report("hostname", os.uname().nodename)
report("root", sorted(os.listdir("/")))
report("etc", sorted(os.listdir("/etc")))
report("fds", sorted(int(fd) for fd in os.listdir("/proc/self/fd")))
report("done", True)
hold()
