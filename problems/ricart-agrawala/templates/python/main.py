"""Ricart-Agrawala Mutual Exclusion node: the starter.

This node starts, serves every RPC of ricart_agrawala.proto on LISTEN_ADDR and answers honestly
that it can do nothing yet: Acquire and Release fail with UNIMPLEMENTED, peer Requests and Replies
are acknowledged and ignored. It fails every scenario until you fill in the TODOs. The problem
page (problems/ricart-agrawala/statement.md, also on the problem's page in the UI) is the
contract; read it first: the clock, when to defer a reply, retries and deduplication, bounds.

How it runs: the platform copies this folder, generates ricart_agrawala_pb2.py and
ricart_agrawala_pb2_grpc.py from ricart_agrawala.proto beside this file (do not upload your own),
and starts `python3 -u main.py` with Debian's Python 3.11. Only the standard library, grpc and
google.protobuf are available. stdout and stderr are your node's log, shown with the result.
"""

import os
import threading
from concurrent import futures

import grpc

import ricart_agrawala_pb2
import ricart_agrawala_pb2_grpc


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


class MutexNode(ricart_agrawala_pb2_grpc.MutexNodeServicer):
    def __init__(self, env):
        self.env = env
        # gRPC calls arrive on several threads at once: guard all state with this lock (and a
        # threading.Condition on it lets a waiting Acquire sleep until its grant).
        self.lock = threading.Lock()
        # TODO: a Lamport clock from 0; the request your client waits for or holds (client_id,
        # sequence, timestamp, the peers that replied); the replies you deferred.
        self.clock = 0
        # TODO: one stub per peer,
        # ricart_agrawala_pb2_grpc.MutexNodeStub(grpc.insecure_channel(address)), called with
        # a timeout of at least 0.5 s; resend a call that failed or went unanswered until the
        # peer acknowledges it (from a thread of its own: never block a handler on a peer).

    def Acquire(self, request, context):
        # TODO: a new request: clock + 1 is its timestamp; send Request to every peer; return
        # ricart_agrawala_pb2.AcquireReply(timestamp=...) once every peer replied. The same
        # (client_id, sequence) again waits for the same request, or answers at once if granted;
        # another one while this is pending or held: RESOURCE_EXHAUSTED.
        context.abort(grpc.StatusCode.UNIMPLEMENTED, "not implemented yet")

    def Release(self, request, context):
        # TODO: leave the critical section (or withdraw the pending request), send every deferred
        # Reply, return ricart_agrawala_pb2.ReleaseReply(). Idempotent.
        context.abort(grpc.StatusCode.UNIMPLEMENTED, "not implemented yet")

    def Request(self, request, context):
        # TODO: clock = max(clock, timestamp) + 1; ignore a resend; defer the Reply while you hold
        # the section or your own request goes first by (timestamp, node id); else reply now.
        # Acknowledge at once either way: the Reply is a separate call.
        return ricart_agrawala_pb2.Ack()

    def Reply(self, request, context):
        # TODO: clock = max(clock, timestamp) + 1; count it for your pending request if the
        # timestamp is that request's; enter once every peer replied.
        return ricart_agrawala_pb2.Ack()


def main():
    env = read_env()
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=16))
    ricart_agrawala_pb2_grpc.add_MutexNodeServicer_to_server(MutexNode(env), server)
    server.add_insecure_port(env["listen_addr"])
    server.start()
    print(f"{env['node_id']} serving on {env['listen_addr']}", flush=True)
    server.wait_for_termination()


if __name__ == "__main__":
    main()
