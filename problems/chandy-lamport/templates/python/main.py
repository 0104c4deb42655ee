"""Chandy-Lamport node: the starter.

This node starts, serves every RPC of chandy_lamport.proto on LISTEN_ADDR and answers honestly
that it can do nothing yet: Transfer, StartSnapshot and GetSnapshot fail with UNIMPLEMENTED,
Deliver is accepted and ignored. It fails every scenario until you fill in the TODOs. The
problem page (problems/chandy-lamport/statement.md, also on the problem's page in the UI) is the
contract; read it first: channel numbering, resends, markers, what GetSnapshot reports.

How it runs: the platform copies this folder, generates chandy_lamport_pb2.py and
chandy_lamport_pb2_grpc.py from chandy_lamport.proto beside this file (do not upload your own),
and starts `python3 -u main.py` with Debian's Python 3.11. Only the standard library, grpc and
google.protobuf are available. stdout and stderr are your node's log, shown with the result.
"""

import os
import threading
from concurrent import futures

import grpc

import chandy_lamport_pb2
import chandy_lamport_pb2_grpc


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


class SnapshotNode(chandy_lamport_pb2_grpc.SnapshotNodeServicer):
    def __init__(self, env):
        self.env = env
        # gRPC calls arrive on several threads at once: guard all state with this lock.
        self.lock = threading.Lock()
        # TODO: the balance (1000 at start); per client its last transfer's sequence and answer.
        self.balance = 1000
        # TODO: one outgoing channel per peer, each with a thread of its own and a stub,
        # chandy_lamport_pb2_grpc.SnapshotNodeStub(grpc.insecure_channel(address)): number every
        # message from 1, send the oldest one not yet acknowledged with Deliver(timeout=0.5),
        # resend it with the same number until the peer answers OK, then the next one.
        # TODO: per peer, the last number applied on its channel to you; per snapshot id, the
        # balance recorded and, per incoming channel, the last number applied when you
        # recorded, the tokens applied since, and the marker's number once it came.

    def Transfer(self, request, context):
        # TODO: a retry (same client_id and sequence) is answered as before. Otherwise, with too
        # few tokens abort with FAILED_PRECONDITION; else debit request.amount and queue a
        # TOKENS message on the channel to request.to in one step (under the lock), answer OK.
        context.abort(grpc.StatusCode.UNIMPLEMENTED, "not implemented yet")

    def StartSnapshot(self, request, context):
        # TODO: unless you recorded request.snapshot_id already, record it: your balance now,
        # and a MARKER queued on every outgoing channel before anything else is queued there.
        context.abort(grpc.StatusCode.UNIMPLEMENTED, "not implemented yet")

    def GetSnapshot(self, request, context):
        # TODO: chandy_lamport_pb2.GetSnapshotReply(recorded=..., balance=..., complete=...,
        # channels=[...]), one chandy_lamport_pb2.ChannelState per peer. `from` is a Python
        # keyword, so build each with ChannelState(**{"from": peer, "last_applied": ...,
        # "marker_received": ..., "marker_sequence": ..., "messages": [RecordedMessage(...)]}).
        context.abort(grpc.StatusCode.UNIMPLEMENTED, "not implemented yet")

    def Deliver(self, request, context):
        # TODO: a number you applied already: answer and do nothing. Ahead of the next: abort
        # with FAILED_PRECONDITION. The next one: apply it (TOKENS: credit, and add to every
        # snapshot still recording this channel; MARKER: record its snapshot first if you had
        # not, then end that snapshot's recording of this channel). The sender's id is
        # getattr(request, "from"), since `from` is a Python keyword.
        return chandy_lamport_pb2.DeliverReply()


def main():
    env = read_env()
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=16))
    chandy_lamport_pb2_grpc.add_SnapshotNodeServicer_to_server(SnapshotNode(env), server)
    server.add_insecure_port(env["listen_addr"])
    server.start()
    print(f"{env['node_id']} serving on {env['listen_addr']}", flush=True)
    server.wait_for_termination()


if __name__ == "__main__":
    main()
