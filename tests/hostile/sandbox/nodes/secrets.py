# Reads what a node must never read: the machine's secrets, the process above it, and the
# paths the test lists in targets.json (the judge's database, another run's files, another
# node's DATA_DIR, its own agent's config). Read after "go", from a file rather than argv:
# the sandbox binds the command line's paths into the view, as they are the node's code.
import json
import os

from common import errno_of, hold, report, serve_in_background, wait_for_go


def read(path):
    if os.path.isdir(path):
        return os.listdir(path)
    with open(path, "rb") as f:
        return f.read(16)


serve_in_background()
wait_for_go()
with open("targets.json") as f:
    targets = json.load(f)
for path in ["/etc/shadow", "/etc/gshadow", "/root", "/home", "/run", "/var", "/sys",
             "/proc/1/environ", "/proc/1/root/etc", *targets]:
    outcome = errno_of(lambda: read(path))
    report("read " + path, outcome)
    if outcome == "ok" and os.path.isdir(path):
        report("list " + path, sorted(os.listdir(path)))
report("done", True)
hold()
