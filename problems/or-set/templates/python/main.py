"""Observed-Remove Set node: the starter.

This node starts, serves every RPC of or_set.proto on LISTEN_ADDR and answers honestly that it
can do nothing yet: Add, Remove and Read fail with UNIMPLEMENTED, Sync is accepted and ignored.
It fails every scenario until you fill in the TODOs. The problem page
(problems/or-set/statement.md, also on the problem's page in the UI) is the contract; read it
first: tags, what a remove removes, what must be on disk before an answer, retries, limits.

How it runs: the platform copies this folder, generates or_set_pb2.py and or_set_pb2_grpc.py
from or_set.proto beside this file (do not upload your own), and starts `python3 -u main.py`
with Debian's Python 3.11. Only the standard library, grpc and google.protobuf are available.
stdout and stderr are your node's log, shown with the result.
"""

import os
import threading
from concurrent import futures

import grpc

import or_set_pb2
import or_set_pb2_grpc


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
        "data_dir": os.environ["DATA_DIR"],  # kept across kill and restart
    }


class OrSetNode(or_set_pb2_grpc.OrSetNodeServicer):
    def __init__(self, env):
        self.env = env
        # gRPC calls arrive on several threads at once: guard all state with this lock.
        self.lock = threading.Lock()
        os.makedirs(env["data_dir"], exist_ok=True)
        # TODO: load from env["data_dir"] the live tags (tag -> element), every tag you have
        # seen removed, your tag counter, per client the highest sequence you applied, and
        # what each peer has not acknowledged yet. Every change must reach the disk (write a
        # temporary file, flush, os.fsync, os.replace) before you answer anything that
        # depends on it.
        self.live = {}
        self.removed = set()
        # TODO: one stub per peer, or_set_pb2_grpc.OrSetNodeStub(grpc.insecure_channel(a)),
        # called with a timeout; resend what a peer has not acknowledged after a failure, and
        # send nothing while every peer is up to date (the efficiency limits).

    def Add(self, request, context):
        # TODO: a sequence at or below the client's last applied one is a retry: answer and
        # change nothing. Otherwise make a new tag f"{node_id}:{counter}", persist, answer.
        context.abort(grpc.StatusCode.UNIMPLEMENTED, "not implemented yet")

    def Remove(self, request, context):
        # TODO: dedup as Add; then tombstone every live tag of request.element you hold now
        # (and only those), persist, answer.
        context.abort(grpc.StatusCode.UNIMPLEMENTED, "not implemented yet")

    def Read(self, request, context):
        # TODO: or_set_pb2.ReadReply(elements=each element with a live tag, once), asking no
        # peer.
        context.abort(grpc.StatusCode.UNIMPLEMENTED, "not implemented yet")

    def Sync(self, request, context):
        # TODO: tombstone the removed tags, keep the added tags you have not seen removed;
        # persist before answering.
        return or_set_pb2.SyncReply()


def main():
    env = read_env()
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=16))
    or_set_pb2_grpc.add_OrSetNodeServicer_to_server(OrSetNode(env), server)
    server.add_insecure_port(env["listen_addr"])
    server.start()
    print(f"{env['node_id']} serving on {env['listen_addr']}", flush=True)
    server.wait_for_termination()


if __name__ == "__main__":
    main()
