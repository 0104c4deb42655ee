# A disk filler: writes 1 MiB blocks to DATA_DIR until the write fails, then the same to
# /tmp; reports how much each took and why it stopped, and exits with code 1, both full.
import os

from common import errno_name, report, serve_in_background, wait_for_go

block = b"\xa5" * 2**20


def fill(folder):
    written = 0
    try:
        with open(os.path.join(folder, "filler"), "wb") as f:
            while written < 8 * 2**30:
                f.write(block)
                f.flush()
                written += len(block)
    except OSError as err:
        return {"MiB": written // 2**20, "errno": errno_name(err.errno)}
    return {"MiB": written // 2**20, "errno": None}


serve_in_background()
wait_for_go()
report("DATA_DIR", fill(os.environ["DATA_DIR"]))
report("/tmp", fill("/tmp"))
raise SystemExit(1)
