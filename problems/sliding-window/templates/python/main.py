"""Sliding Window Rate Limiter node: the starter.

This node starts, serves every RPC of sliding_window.proto on LISTEN_ADDR and answers honestly
that it can do nothing yet: Configure, Allow and Forward fail with UNIMPLEMENTED. It fails every
scenario until you fill in the TODOs. The problem page (problems/sliding-window/statement.md,
also on the problem's page in the UI) is the contract; read it first: the consistent mode,
retries, restarts, clocks, the bounds.

How it runs: the platform copies this folder, generates sliding_window_pb2.py and
sliding_window_pb2_grpc.py from sliding_window.proto beside this file (do not upload your own),
and starts `python3 -u main.py` with Debian's Python 3.11. Only the standard library, grpc and
google.protobuf are available. stdout and stderr are your node's log, shown with the result.
"""

import os
import threading
from concurrent import futures

import grpc

import sliding_window_pb2
import sliding_window_pb2_grpc


def read_env():
    """The node contract: who this node is and whom it talks to. Nothing needs to be on disk."""
    peers = {}
    for item in filter(None, os.environ.get("PEERS", "").split(",")):
        node_id, address = item.split("=", 1)
        peers[node_id] = address  # the chaos agent's address for that peer: just dial it
    return {
        "node_id": os.environ["NODE_ID"],  # "node-1"
        "listen_addr": os.environ["LISTEN_ADDR"],  # serve here
        "peers": peers,  # every other node: {"node-0": "127.0.0.1:7100", ...}
    }


class SlidingWindowNode(sliding_window_pb2_grpc.SlidingWindowNodeServicer):
    def __init__(self, env):
        self.env = env
        # gRPC calls arrive on several threads at once: guard all state with this lock.
        self.lock = threading.Lock()
        self.config = None
        # TODO: measure time with time.monotonic(), never compare wall-clock times across
        # nodes. Decide where each key's requests are counted so that the whole cluster allows
        # at most `limit` in any window of window_ms, and deny whenever you cannot be sure (a
        # peer you need does not answer): e.g. one home node per key that the others ask with
        # Forward, with a timeout. One stub per peer:
        # sliding_window_pb2_grpc.SlidingWindowNodeStub(grpc.insecure_channel(address)).

    def Configure(self, request, context):
        # TODO: keep the limit; elapsed_ms above 0 means you may have allowed requests before a
        # restart that you no longer remember: allow nothing for one window (statement.md).
        context.abort(grpc.StatusCode.UNIMPLEMENTED, "not implemented yet")

    def Allow(self, request, context):
        # TODO: sliding_window_pb2.AllowReply(allowed=...); a retry (same request_id) gets the
        # same answer and counts once. Not configured yet: allowed=False.
        context.abort(grpc.StatusCode.UNIMPLEMENTED, "not implemented yet")

    def Forward(self, request, context):
        # TODO (if your design uses it): decide a request another node received.
        context.abort(grpc.StatusCode.UNIMPLEMENTED, "not implemented yet")


def main():
    env = read_env()
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=16))
    sliding_window_pb2_grpc.add_SlidingWindowNodeServicer_to_server(SlidingWindowNode(env), server)
    server.add_insecure_port(env["listen_addr"])
    server.start()
    print(f"{env['node_id']} serving on {env['listen_addr']}", flush=True)
    server.wait_for_termination()


if __name__ == "__main__":
    main()
