"""PN-Counter node: the starter.

This node starts, serves every RPC of pn_counter.proto on LISTEN_ADDR and answers honestly that
it can do nothing yet: Add and Read fail with UNIMPLEMENTED, Gossip is accepted and ignored. It
fails every scenario until you fill in the TODOs. The problem page
(problems/pn-counter/statement.md, also on the problem's page in the UI) is the contract; read it
first: what a read returns, what must be on disk before an answer, retries, limits.

How it runs: the platform copies this folder, generates pn_counter_pb2.py and
pn_counter_pb2_grpc.py from pn_counter.proto beside this file (do not upload your own), and starts
`python3 -u main.py` with Debian's Python 3.11. Only the standard library, grpc and
google.protobuf are available. stdout and stderr are your node's log, shown with the result.
"""

import os
import threading
from concurrent import futures

import grpc

import pn_counter_pb2
import pn_counter_pb2_grpc


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


class CounterNode(pn_counter_pb2_grpc.CounterNodeServicer):
    def __init__(self, env):
        self.env = env
        # gRPC calls arrive on several threads at once: guard all state with this lock.
        self.lock = threading.Lock()
        os.makedirs(env["data_dir"], exist_ok=True)
        # TODO: load from env["data_dir"] every node's two counts (increments, and the sizes of
        # decrements) as you know them, and per client the highest add sequence you applied. Every change must reach the disk (write a temporary
        # file, flush, os.fsync, os.replace) before you answer anything that depends on it.
        self.increments = {}
        self.decrements = {}
        self.applied = {}
        # TODO: one stub per peer, pn_counter_pb2_grpc.CounterNodeStub(grpc.insecure_channel(a)),
        # called with a timeout; resend what a peer has not acknowledged after a failure, and
        # send nothing while every peer is up to date (the efficiency limits).

    def Add(self, request, context):
        # TODO: a sequence at or below the client's last applied one is a retry: answer and
        # apply nothing. Otherwise add a positive request.delta to your own increments, a
        # negative one's size to your own decrements, persist, then answer.
        context.abort(grpc.StatusCode.UNIMPLEMENTED, "not implemented yet")

    def Read(self, request, context):
        # TODO: pn_counter_pb2.ReadReply(value=Σ increments − Σ decrements), asking no peer.
        context.abort(grpc.StatusCode.UNIMPLEMENTED, "not implemented yet")

    def Gossip(self, request, context):
        # TODO: keep, for each node's increments and decrements apart, the larger of what you
        # know and what the peer says; persist before answering.
        return pn_counter_pb2.GossipReply()


def main():
    env = read_env()
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=16))
    pn_counter_pb2_grpc.add_CounterNodeServicer_to_server(CounterNode(env), server)
    server.add_insecure_port(env["listen_addr"])
    server.start()
    print(f"{env['node_id']} serving on {env['listen_addr']}", flush=True)
    server.wait_for_termination()


if __name__ == "__main__":
    main()
