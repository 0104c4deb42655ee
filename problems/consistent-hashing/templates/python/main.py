"""Consistent Hashing node: the starter.

This node starts, serves every RPC of consistent_hashing.proto on LISTEN_ADDR and answers
honestly that it can do nothing yet: the calls fail with UNIMPLEMENTED, except Info, which
declares the virtual-node count you choose. It fails every scenario until you fill in the TODOs.
The problem page (problems/consistent-hashing/statement.md, also on the problem's page in the
UI) is the contract; read it first: the ring and its test vectors, when a new owner may answer,
what must be on disk before an answer, the statuses, the bounds.

How it runs: the platform copies this folder, generates consistent_hashing_pb2.py and
consistent_hashing_pb2_grpc.py from consistent_hashing.proto beside this file (do not upload
your own), and starts `python3 -u main.py` with Debian's Python 3.11. Only the standard library
(hashlib has SHA-256), grpc and google.protobuf are available. stdout and stderr are your log.
"""

import os
import threading
from concurrent import futures

import grpc

import consistent_hashing_pb2
import consistent_hashing_pb2_grpc

# Your ring's virtual nodes per member: one of 16, 32, 64, 100, 128, 256 (the statement).
VNODES = 100


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


class ShardNode(consistent_hashing_pb2_grpc.ShardNodeServicer):
    def __init__(self, env):
        self.env = env
        # gRPC calls arrive on several threads at once: guard all state with this lock.
        self.lock = threading.Lock()
        os.makedirs(env["data_dir"], exist_ok=True)
        # TODO: load from env["data_dir"] the installed view (epoch, members), every key you
        # hold with its version, and which peers sent their Transfer for which epoch. Every
        # change must reach the disk (temporary file, flush, os.fsync, os.replace) before you
        # answer anything that depends on it.
        # TODO: one stub per peer, consistent_hashing_pb2_grpc.ShardNodeStub(
        # grpc.insecure_channel(address)), called with a timeout, to forward calls and send
        # Transfers (resent until acknowledged).

    def Put(self, request, context):
        # TODO: the owner under your view answers (once it has every other node's Transfer for
        # that view), any other node forwards to it; UNAVAILABLE when that cannot happen now.
        context.abort(grpc.StatusCode.UNIMPLEMENTED, "not implemented yet")

    def Get(self, request, context):
        context.abort(grpc.StatusCode.UNIMPLEMENTED, "not implemented yet")

    def SetMembership(self, request, context):
        # TODO: install a newer epoch (persist it), then send each member the keys it now owns.
        context.abort(grpc.StatusCode.UNIMPLEMENTED, "not implemented yet")

    def Owners(self, request, context):
        # TODO: OwnersReply(epoch=..., owners=[the owner of each key under your view]).
        context.abort(grpc.StatusCode.UNIMPLEMENTED, "not implemented yet")

    def Info(self, request, context):
        return consistent_hashing_pb2.InfoReply(vnodes=VNODES)

    def ForwardPut(self, request, context):
        context.abort(grpc.StatusCode.UNIMPLEMENTED, "not implemented yet")

    def ForwardGet(self, request, context):
        context.abort(grpc.StatusCode.UNIMPLEMENTED, "not implemented yet")

    def Transfer(self, request, context):
        context.abort(grpc.StatusCode.UNIMPLEMENTED, "not implemented yet")


def main():
    env = read_env()
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=16))
    consistent_hashing_pb2_grpc.add_ShardNodeServicer_to_server(ShardNode(env), server)
    server.add_insecure_port(env["listen_addr"])
    server.start()
    print(f"{env['node_id']} serving on {env['listen_addr']}", flush=True)
    server.wait_for_termination()


if __name__ == "__main__":
    main()
