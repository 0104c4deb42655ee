# What every hostile node shares: report a finding as one log line the test reads, try a
# call and keep its errno, and serve LISTEN_ADDR so the node counts as ready.
import ctypes
import json
import os
import socket
import sys
import threading

libc = ctypes.CDLL(None, use_errno=True)
_out = threading.Lock()


def report(check, result):
    """One whole line per finding, even with threads writing too."""
    line = "HOSTILE " + json.dumps({"check": check, "result": result}) + "\n"
    with _out:
        sys.stdout.write(line)
        sys.stdout.flush()


def errno_of(action):
    """'ok' when the action succeeded, else the errno's name (EPERM, ENOENT ...)."""
    try:
        result = action()
    except OSError as err:
        return errno_name(err.errno)
    if isinstance(result, int) and result < 0:
        return errno_name(ctypes.get_errno())
    return "ok"


def errno_name(number):
    import errno

    return errno.errorcode.get(number, str(number))


def serve_forever():
    """Accepts connections on LISTEN_ADDR (readiness is a port that accepts) until killed."""
    host, port = os.environ["LISTEN_ADDR"].rsplit(":", 1)
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind((host, int(port)))
    server.listen(16)
    report("serving", os.environ["LISTEN_ADDR"])
    while True:
        conn, _ = server.accept()
        conn.close()


def serve_in_background():
    threading.Thread(target=serve_forever, daemon=True).start()


def wait_for_go():
    """Waits until the test drops a file named "go" into the node's code folder (its cwd):
    the attack starts once the deploy is done, whatever the machine's load."""
    import time

    while not os.path.exists("go"):
        time.sleep(0.05)


def hold():
    """Keeps the node up (serving) after its attack, until the agent kills it."""
    threading.Event().wait()
