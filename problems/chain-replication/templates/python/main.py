"""Chain replication node: the starter.

This node starts, serves every RPC of chain_replication.proto on LISTEN_ADDR and answers
honestly that it can do nothing yet: it adopts no configuration (every Configure is answered
with epoch 0), refuses every peer call with WRONG_EPOCH and answers every client UNAVAILABLE.
It fails every scenario until you fill in the TODOs. The problem page
(problems/chain-replication/statement.md, also on the problem's page in the UI) is the
contract; read it first.

How it runs: the platform copies this folder, generates chain_replication_pb2.py and
chain_replication_pb2_grpc.py from chain_replication.proto beside this file (do not upload
your own), and starts `python3 -u main.py` with Debian's Python 3.11. Only the standard
library, grpc and google.protobuf are available. stdout and stderr are your node's log, shown
with the result: log epochs and chains, not every RPC.
"""

import os
import threading
from concurrent import futures

import grpc

import chain_replication_pb2 as pb
import chain_replication_pb2_grpc as pb_grpc


def read_env():
    """The node contract: who this node is and whom it talks to."""
    peers = {}
    for item in filter(None, os.environ.get("PEERS", "").split(",")):
        node_id, address = item.split("=", 1)
        peers[node_id] = address  # the chaos agent's address for that peer: just dial it
    return {
        "node_id": os.environ["NODE_ID"],  # "node-2"
        "cluster_size": int(os.environ["CLUSTER_SIZE"]),  # 3
        "listen_addr": os.environ["LISTEN_ADDR"],  # serve here
        "peers": peers,  # every other node: {"node-0": "127.0.0.1:7100", ...}
        # Kept across kill and restart, but this problem needs nothing to survive a restart.
        "data_dir": os.environ["DATA_DIR"],
    }


class ChainNode(pb_grpc.ChainNodeServicer):
    def __init__(self, env):
        self.env = env
        # gRPC calls arrive on several threads at once: guard all state with this lock.
        self.lock = threading.Lock()
        self.epoch = 0  # 0 until the first Configure
        self.chain = []  # node ids, head first, tail last
        self.last_seq = 0  # the highest update seq this node holds
        # TODO: the state, in memory: the key-value map, the log of updates you hold (to
        # resend to a successor), acked (the highest seq the tail is known to have applied)
        # and, per client, the sequence of its latest applied write with the seq of its update.
        # TODO: one stub per peer, e.g.
        #   pb_grpc.ChainNodeStub(grpc.insecure_channel(address))
        # called with a timeout: stub.Forward(request, timeout=0.3), from a thread per link: at
        # most one Forward or Transfer outstanding to your successor, one Ack to your
        # predecessor. Never call a peer while holding self.lock.

    def peer_answer(self, status):
        return pb.PeerResponse(status=status, epoch=self.epoch, last_seq=self.last_seq)

    def Configure(self, request, context):
        with self.lock:
            # TODO: adopt a higher epoch and its chain (answer at once: never wait for a
            # peer), give up your outstanding peer calls, and start over with your new
            # successor and predecessor: a successor that joined in this epoch gets a Transfer
            # of your whole state first; the tail acknowledges what it holds at once. A lower
            # or equal epoch changes nothing.
            return pb.ConfigureResponse(epoch=self.epoch)

    def Forward(self, request, context):
        with self.lock:
            # TODO: refuse another epoch (WRONG_EPOCH); accept an update you hold already
            # without applying it again; apply update last_seq + 1 and pass it on (or, as the
            # tail, Ack it); answer GAP to anything beyond. Every answer carries your epoch and
            # last_seq.
            return self.peer_answer(pb.WRONG_EPOCH)

    def Ack(self, request, context):
        with self.lock:
            # TODO: raise acked, pass it on to your predecessor; as head, answer the clients
            # waiting on every update up to it.
            return self.peer_answer(pb.WRONG_EPOCH)

    def Transfer(self, request, context):
        with self.lock:
            # TODO: as a node that joined, replace your whole state with the one sent (map,
            # sessions, last_seq), unless it is older than what you hold.
            return self.peer_answer(pb.WRONG_EPOCH)

    def ClientRequest(self, request, context):
        if (
            not request.client_id
            or request.sequence == 0
            or request.op == pb.OPERATION_UNSPECIFIED
        ):
            context.abort(
                grpc.StatusCode.INVALID_ARGUMENT, "client_id, sequence and op are required"
            )
        with self.lock:
            # TODO: writes at the head only (else NOT_HEAD with the head as hint): a new
            # (client_id, sequence) gets the next seq; answer OK only once the tail's Ack
            # covers it (wait on a threading.Condition, without holding the lock meanwhile),
            # UNAVAILABLE after 1.5 s without it. A retry is never applied twice. Reads at the
            # tail only (else NOT_TAIL with the tail as hint), from its map.
            return pb.ClientResponse(status=pb.UNAVAILABLE)


def main():
    env = read_env()
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=16))
    pb_grpc.add_ChainNodeServicer_to_server(ChainNode(env), server)
    server.add_insecure_port(env["listen_addr"])
    server.start()
    print(f"{env['node_id']} serving on {env['listen_addr']}", flush=True)
    server.wait_for_termination()


if __name__ == "__main__":
    main()
