"""Bully Leader Election node: the starter.

This node starts, serves every RPC of bully_election.proto on LISTEN_ADDR and answers honestly
that it can do nothing yet: GetCoordinator fails with UNIMPLEMENTED; Election, Coordinator and
Heartbeat are accepted and ignored. It fails every scenario until you fill in the TODOs. The
problem page (problems/bully-election/statement.md, also on the problem's page in the UI) is
the contract; read it first: ids, the timers as numbers, what is checked.

How it runs: the platform copies this folder, generates bully_election_pb2.py and
bully_election_pb2_grpc.py from bully_election.proto beside this file (do not upload your
own), and starts `python3 -u main.py` with Debian's Python 3.11. Only the standard library,
grpc and google.protobuf are available. stdout and stderr are your node's log, shown with the
result.
"""

import os
import threading
from concurrent import futures

import grpc

import bully_election_pb2
import bully_election_pb2_grpc

# The contract's timers, in seconds (statement.md, "Timing").
HEARTBEAT_S = 0.2
FAILURE_TIMEOUT_S = 0.8
ELECTION_ANSWER_S = 0.3
COORDINATOR_WAIT_S = 1.0


def id_of(name):
    """ "node-3" -> 3: a node's id is the number in its name; the highest live id leads."""
    return int(name.rsplit("-", 1)[1])


def read_env():
    """The node contract: who this node is and whom it talks to. Nothing needs to be on disk:
    a started node names nobody and elects."""
    peers = {}
    for item in filter(None, os.environ.get("PEERS", "").split(",")):
        node_id, address = item.split("=", 1)
        peers[node_id] = address  # the chaos agent's address for that peer: just dial it
    return {
        "node_id": os.environ["NODE_ID"],  # "node-1"
        "listen_addr": os.environ["LISTEN_ADDR"],  # serve here
        "peers": peers,  # every other node: {"node-0": "127.0.0.1:7100", ...}
    }


class BullyNode(bully_election_pb2_grpc.BullyNodeServicer):
    def __init__(self, env):
        self.env = env
        self.id = id_of(env["node_id"])
        # gRPC calls arrive on several threads at once: guard all state with this lock.
        self.lock = threading.Lock()
        # TODO: one stub per peer, keyed by id_of(name):
        # bully_election_pb2_grpc.BullyNodeStub(grpc.insecure_channel(address)), each call with
        # a timeout (an Election's: ELECTION_ANSWER_S). Call peers outside the lock.
        # TODO: the state: the coordinator you name (None at start), whether an election of
        # yours is running, and your election number (1 for the first, one more each time).
        # TODO: an election: Election to every higher id; no OK within ELECTION_ANSWER_S -> you
        # win: name yourself and send Coordinator to every other node. An OK -> wait up to
        # COORDINATOR_WAIT_S for a higher node's Coordinator, else elect again.
        # TODO: as coordinator, Heartbeat to every other node every HEARTBEAT_S; as any other
        # node, elect when the coordinator you name was silent for FAILURE_TIMEOUT_S.

    def GetCoordinator(self, request, context):
        # TODO: bully_election_pb2.GetCoordinatorReply(known=True, coordinator=<id>), or
        # GetCoordinatorReply(known=False) while you are electing.
        context.abort(grpc.StatusCode.UNIMPLEMENTED, "not implemented yet")

    def Election(self, request, context):
        # TODO: answer at once; then, if request.sender is lower, start your own election
        # (on another thread) unless one is running.
        return bully_election_pb2.ElectionReply()

    def Coordinator(self, request, context):
        # TODO: a higher sender: name it and stop electing. A lower one: elect (bully it).
        return bully_election_pb2.CoordinatorReply()

    def Heartbeat(self, request, context):
        # TODO: from the coordinator you name: it is alive. From a lower id: elect (bully it).
        return bully_election_pb2.HeartbeatReply()


def main():
    env = read_env()
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=16))
    bully_election_pb2_grpc.add_BullyNodeServicer_to_server(BullyNode(env), server)
    server.add_insecure_port(env["listen_addr"])
    server.start()
    print(f"{env['node_id']} serving on {env['listen_addr']}", flush=True)
    # TODO: start your first election here, once you listen.
    server.wait_for_termination()


if __name__ == "__main__":
    main()
