# Links out of DATA_DIR: symbolic links to the machine's files and to the folders above,
# followed from inside; hard links to files outside DATA_DIR (another file system: EXDEV).
# Leaves its symbolic links in place for the agent's wipe to meet.
import os

from common import errno_of, hold, report, serve_in_background

serve_in_background()
data = os.environ["DATA_DIR"]


def through(link, target):
    os.symlink(target, os.path.join(data, link))
    path = os.path.join(data, link)
    return os.listdir(path) if os.path.isdir(path) else open(path, "rb").read(16)


report("symlink /etc/shadow", errno_of(lambda: through("shadow", "/etc/shadow")))
report("symlink up", sorted(os.listdir(os.path.join(data, ".."))))
report("symlink / listing", errno_of(lambda: through("root", "/")))
report("symlink agent.json", errno_of(lambda: through("agent", "../agent.json")))
report("symlink host etc", errno_of(lambda: through("etc", "/etc")))
report("hardlink /etc/passwd", errno_of(lambda: os.link("/etc/passwd", os.path.join(data, "passwd"))))
report("hardlink /usr/bin/python3", errno_of(lambda: os.link("/usr/bin/python3", os.path.join(data, "py"))))
report("done", True)
hold()
