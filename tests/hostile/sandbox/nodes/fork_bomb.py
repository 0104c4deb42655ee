# A fork bomb: every child forks again until fork fails; the first process counts its
# refusals, reports, and keeps serving (its children stay, sleeping, holding the limit).
import os
import time

from common import errno_name, report, serve_in_background, wait_for_go

serve_in_background()
wait_for_go()
refused = 0
made = 0
for _ in range(5000):
    try:
        pid = os.fork()
    except OSError as err:
        refused += 1
        last = errno_name(err.errno)
        if refused >= 50:
            break
        continue
    if pid == 0:
        # A child: try to fork once more, then sleep forever holding its task.
        try:
            os.fork()
        except OSError:
            pass
        while True:
            time.sleep(3600)
    made += 1
report("forks", {"made": made, "refused": refused, "errno": last if refused else None})
while True:
    time.sleep(3600)
