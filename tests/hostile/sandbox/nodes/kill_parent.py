# A node that turns on what runs it: signals its parent and pid 1, then leaves a detached
# grandchild behind (setsid, its parent gone) and exits.
import os
import signal
import time

from common import errno_of, report, serve_in_background, wait_for_go

serve_in_background()
wait_for_go()
report("parent", os.getppid())
report("kill parent", errno_of(lambda: os.kill(os.getppid(), signal.SIGKILL)))
report("kill 1", errno_of(lambda: os.kill(1, signal.SIGKILL)))
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        report("orphan", os.getpid())
        while True:
            time.sleep(3600)
    os._exit(0)
time.sleep(0.5)
raise SystemExit(3)
