"""Gossip Broadcast node: the starter.

This node starts, serves every RPC of gossip_broadcast.proto on LISTEN_ADDR and answers
honestly that it can do nothing yet: Broadcast and Read fail with UNIMPLEMENTED, Gossip is
accepted and ignored. It fails every scenario until you fill in the TODOs. The problem page
(problems/gossip-broadcast/statement.md, also on the problem's page in the UI) is the contract;
read it first: what must be on disk before an answer, retries, whom to gossip with, what a read
returns, the message and latency limits.

How it runs: the platform copies this folder, generates gossip_broadcast_pb2.py and
gossip_broadcast_pb2_grpc.py from gossip_broadcast.proto beside this file (do not upload your
own), and starts `python3 -u main.py` with Debian's Python 3.11. Only the standard library, grpc
and google.protobuf are available. stdout and stderr are your node's log, shown with the result.
"""

import os
import threading
from concurrent import futures

import grpc

import gossip_broadcast_pb2
import gossip_broadcast_pb2_grpc


def read_env():
    """The node contract: who this node is and whom it talks to."""
    peers = {}
    for item in filter(None, os.environ.get("PEERS", "").split(",")):
        node_id, address = item.split("=", 1)
        peers[node_id] = address  # the chaos agent's address for that peer: just dial it
    return {
        "node_id": os.environ["NODE_ID"],  # "node-1"
        "listen_addr": os.environ["LISTEN_ADDR"],  # serve here
        # Every other node: {"node-0": "127.0.0.1:7100", ...}. This is the whole topology:
        # every node may gossip with every other directly.
        "peers": peers,
        "data_dir": os.environ["DATA_DIR"],  # kept across kill and restart
    }


class BroadcastNode(gossip_broadcast_pb2_grpc.BroadcastNodeServicer):
    def __init__(self, env):
        self.env = env
        # gRPC calls arrive on several threads at once: guard all state with this lock.
        self.lock = threading.Lock()
        os.makedirs(env["data_dir"], exist_ok=True)
        # TODO: load from env["data_dir"] the values you hold and what each peer has not
        # acknowledged yet. Every change must reach the disk (write a temporary file, flush,
        # os.fsync, os.replace) before you answer anything that depends on it, and before a
        # read may show it.
        self.values = set()
        # TODO: one stub per peer,
        # gossip_broadcast_pb2_grpc.BroadcastNodeStub(grpc.insecure_channel(address)), called
        # with a timeout; batch values that arrive close together, resend what a peer has not
        # acknowledged after a failure, and send nothing while every peer is up to date (the
        # efficiency limits).

    def Broadcast(self, request, context):
        # TODO: a value you hold already is a retry: answer and change nothing. Otherwise hold
        # request.message, owe it to every peer, persist, answer, and get the gossip going.
        context.abort(grpc.StatusCode.UNIMPLEMENTED, "not implemented yet")

    def Read(self, request, context):
        # TODO: gossip_broadcast_pb2.ReadReply(messages=every value you hold, each once),
        # asking no peer.
        context.abort(grpc.StatusCode.UNIMPLEMENTED, "not implemented yet")

    def Gossip(self, request, context):
        # TODO: hold the values of request.messages you did not hold; persist before answering.
        return gossip_broadcast_pb2.GossipReply()


def main():
    env = read_env()
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=16))
    gossip_broadcast_pb2_grpc.add_BroadcastNodeServicer_to_server(BroadcastNode(env), server)
    server.add_insecure_port(env["listen_addr"])
    server.start()
    print(f"{env['node_id']} serving on {env['listen_addr']}", flush=True)
    server.wait_for_termination()


if __name__ == "__main__":
    main()
