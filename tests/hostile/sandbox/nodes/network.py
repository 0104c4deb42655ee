# What the node can reach: each "host:port" the test lists in targets.json (after "go"),
# by TCP, and the interfaces, routes and listening ports its namespace has. Loopback only:
# no connection to any other address is tried.
import json
import socket

from common import errno_of, hold, report, serve_in_background, wait_for_go


def connect(address):
    host, port = address.rsplit(":", 1)
    with socket.create_connection((host, int(port)), timeout=1):
        pass


serve_in_background()
wait_for_go()
with open("targets.json") as f:
    targets = json.load(f)
for address in targets:
    report("connect " + address, errno_of(lambda: connect(address)))
with open("/proc/net/dev") as f:
    report("interfaces", sorted(line.split(":")[0].strip() for line in f.readlines()[2:]))
with open("/proc/net/route") as f:
    report("routes", len(f.readlines()) - 1)
with open("/proc/net/tcp") as f:
    listening = [line.split()[1] for line in f.readlines()[1:] if line.split()[3] == "0A"]
report("listening", sorted(int(a.split(":")[1], 16) for a in listening))
report("done", True)
hold()
