"""Fixed Window rate limiter node: the starter.

This node starts, serves every RPC of fixed_window.proto on LISTEN_ADDR and answers honestly
that it can do nothing yet: Configure, Allow and Forward fail with UNIMPLEMENTED. It fails every
scenario until you fill in the TODOs. The problem page (problems/fixed-window/statement.md, also
on the problem's page in the UI) is the contract; read it first: who decides a key, what a node
does before it is configured and after a restart, retries, what is checked.

How it runs: the platform copies this folder, generates fixed_window_pb2.py and
fixed_window_pb2_grpc.py from fixed_window.proto beside this file (do not upload your own), and
starts `python3 -u main.py` with Debian's Python 3.11. Only the standard library, grpc and
google.protobuf are available. stdout and stderr are your node's log, shown with the result.
"""

import os
import threading
from concurrent import futures

import grpc

import fixed_window_pb2_grpc


def read_env():
    """The node contract: who this node is and whom it talks to."""
    peers = {}
    for item in filter(None, os.environ.get("PEERS", "").split(",")):
        node_id, address = item.split("=", 1)
        peers[node_id] = address  # the chaos agent's address for that peer: just dial it
    return {
        "node_id": os.environ["NODE_ID"],  # "node-1"
        "listen_addr": os.environ["LISTEN_ADDR"],  # serve here
        "peers": peers,  # every other node: {"node-0": "127.0.0.1:7100", ...}
    }


class FixedWindowNode(fixed_window_pb2_grpc.FixedWindowNodeServicer):
    def __init__(self, env):
        self.env = env
        # gRPC calls arrive on several threads at once: guard all state with this lock.
        self.lock = threading.Lock()
        # TODO: decide who decides each key (the same answer at every node), e.g. one home
        # node per key; one stub per peer,
        # fixed_window_pb2_grpc.FixedWindowNodeStub(grpc.insecure_channel(address)), called
        # with a short timeout. Measure time with time.monotonic(): never compare a time read
        # on one node with a time read on another.

    def Configure(self, request, context):
        # TODO: put the limit in force (the same limit again changes nothing). Window k starts
        # k * window_ms after (now - elapsed_ms) on your monotonic clock; with elapsed_ms > 0,
        # admit nothing before the next window begins. Return ConfigureReply().
        context.abort(grpc.StatusCode.UNIMPLEMENTED, "not implemented yet")

    def Allow(self, request, context):
        # TODO: AllowReply(allowed=...) as the key's one decider says; a retried request_id
        # gets the decision it got before. Not configured, or the decider unreachable: False.
        context.abort(grpc.StatusCode.UNIMPLEMENTED, "not implemented yet")

    def Forward(self, request, context):
        # TODO (if you use it): decide a request a peer passed on, as for Allow.
        context.abort(grpc.StatusCode.UNIMPLEMENTED, "not implemented yet")


def main():
    env = read_env()
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=16))
    fixed_window_pb2_grpc.add_FixedWindowNodeServicer_to_server(FixedWindowNode(env), server)
    server.add_insecure_port(env["listen_addr"])
    server.start()
    print(f"{env['node_id']} serving on {env['listen_addr']}", flush=True)
    server.wait_for_termination()


if __name__ == "__main__":
    main()
