"""Multi-Paxos key-value node: the starter.

This node starts, serves every RPC of multi_paxos.proto on LISTEN_ADDR and answers honestly
that it can do nothing yet: it promises nothing, accepts nothing, ignores Learns, and answers
every client with NOT_LEADER and no hint. It fails every scenario until you fill in the TODOs.
The problem page (problems/multi-paxos/statement.md, also on the problem's page in the UI) is
the contract; read it first, above all "Answers" and "Durability".

How it runs: the platform copies this folder, generates multi_paxos_pb2.py and
multi_paxos_pb2_grpc.py from multi_paxos.proto beside this file (do not upload your own), and
starts `python3 -u main.py` with Debian's Python 3.11. Only the standard library, grpc and
google.protobuf are available. stdout and stderr are your node's log, shown with the result:
log ballots and leadership changes, not every RPC.
"""

import os
import threading
from concurrent import futures

import grpc

import multi_paxos_pb2
import multi_paxos_pb2_grpc


def read_env():
    """The node contract: who this node is and whom it talks to."""
    peers = {}
    for item in filter(None, os.environ.get("PEERS", "").split(",")):
        node_id, address = item.split("=", 1)
        peers[node_id] = address  # the chaos agent's address for that peer: just dial it
    return {
        "node_id": os.environ["NODE_ID"],  # "node-2": 2 is the node part of your ballots
        "cluster_size": int(os.environ["CLUSTER_SIZE"]),  # 5
        "listen_addr": os.environ["LISTEN_ADDR"],  # serve here
        "peers": peers,  # every other node: {"node-0": "127.0.0.1:7100", ...}
        "data_dir": os.environ["DATA_DIR"],  # kept across kill and restart
    }


class PaxosNode(multi_paxos_pb2_grpc.PaxosNodeServicer):
    def __init__(self, env):
        self.env = env
        # gRPC calls arrive on several threads at once: guard all state with this lock.
        self.lock = threading.Lock()
        os.makedirs(env["data_dir"], exist_ok=True)
        # TODO: load the promised ballot and each slot's accepted (ballot, command) from
        # env["data_dir"]. Every change to them must reach the disk (write, flush, os.fsync)
        # before you answer the Prepare or Accept that caused it, and before your own Prepare
        # or Accepts leave: the node can be killed with SIGKILL at any instant.
        self.promised = (0, 0)  # (round, node number); (0, 0) means none
        self.accepted = {}  # slot -> (ballot, command)
        # TODO: the learner: the slots known chosen (a majority accepted your own proposal at
        # one ballot, or a Learn told you), applied in slot order to the state machine (a dict
        # of key -> value) with, per client, its latest sequence, result and slot.
        # TODO: one gRPC channel per peer, e.g.
        #   multi_paxos_pb2_grpc.PaxosNodeStub(grpc.insecure_channel(address))
        # and call with a timeout: stub.Accept(request, timeout=0.3).
        # TODO: a randomized wait (e.g. 300-600 ms) without Heartbeat or Accept from a leader
        # before running phase 1 at a higher ballot (backing off after a refusal); as leader,
        # Heartbeats (the judge wants 2 to 20 a second per node when idle).

    def Prepare(self, request, context):
        with self.lock:
            # TODO: promise a ballot at least your promised one (durably), and report in
            # `accepted` your accepted proposal of every slot from from_slot on; refuse a
            # lower one. Either way answer with the promised ballot you hold once handled.
            return multi_paxos_pb2.PrepareResponse(
                promised=False, promised_round=self.promised[0], promised_node=self.promised[1]
            )

    def Accept(self, request, context):
        with self.lock:
            # TODO: accept a ballot at least your promised one: it becomes your promise and
            # the slot's accepted proposal, durably, before you answer. Refuse a lower one.
            return multi_paxos_pb2.AcceptResponse(
                accepted=False, promised_round=self.promised[0], promised_node=self.promised[1]
            )

    def Learn(self, request, context):
        with self.lock:
            # TODO: the slot is chosen with this command: remember it and apply every slot now
            # in order (a (client_id, sequence) already applied is skipped: it takes effect once).
            return multi_paxos_pb2.LearnResponse()

    def Heartbeat(self, request, context):
        with self.lock:
            # TODO: a leader at a ballot at least your promise is alive: note it (leader_hint),
            # and wait before running phase 1. A heartbeat changes no promise. Report how far
            # you learnt.
            return multi_paxos_pb2.HeartbeatResponse(
                promised_round=self.promised[0], promised_node=self.promised[1], learned_through=0
            )

    def ClientRequest(self, request, context):
        if not request.client_id or request.op in (
            multi_paxos_pb2.OPERATION_UNSPECIFIED,
            multi_paxos_pb2.NOOP,
        ):
            context.abort(grpc.StatusCode.INVALID_ARGUMENT, "client_id and op are required")
        with self.lock:
            # TODO: as leader, put the command in the next free slot (phase 2 only: phase 1 ran
            # once for all open slots when you became leader) and answer OK with its slot once
            # it is chosen and applied (with the value for GET: GETs go through the log too);
            # answer UNAVAILABLE when that takes longer than ~800 ms or you stop leading. Do
            # not hold the lock while you wait. A retried (client_id, sequence) gets its first
            # result and slot and is never applied twice. Not leading and the command is in no
            # slot you accepted or learnt: NOT_LEADER with leader_hint the sender of the
            # highest-ballot Heartbeat or Accept you saw (or "").
            return multi_paxos_pb2.ClientResponse(status=multi_paxos_pb2.NOT_LEADER, leader_hint="")


def main():
    env = read_env()
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=16))
    multi_paxos_pb2_grpc.add_PaxosNodeServicer_to_server(PaxosNode(env), server)
    server.add_insecure_port(env["listen_addr"])
    server.start()
    print(f"{env['node_id']} serving on {env['listen_addr']}", flush=True)
    server.wait_for_termination()


if __name__ == "__main__":
    main()
