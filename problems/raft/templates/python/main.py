"""Raft key-value node: the starter.

This node starts, serves every RPC of raft.proto on LISTEN_ADDR and answers honestly that it
can do nothing yet: it grants no votes, accepts no entries and answers every client with
NOT_LEADER and no hint. It fails every scenario until you fill in the TODOs. The problem page
(problems/raft/statement.md, also on the problem's page in the UI) is the contract; read it first.

How it runs: the platform copies this folder, generates raft_pb2.py and raft_pb2_grpc.py from
raft.proto beside this file (do not upload your own), and starts `python3 -u main.py` with
Debian's Python 3.11. Only the standard library, grpc and google.protobuf are available.
stdout and stderr are your node's log, shown with the result: log role changes and terms,
not every RPC.
"""

import os
import threading
from concurrent import futures

import grpc

import raft_pb2
import raft_pb2_grpc


def read_env():
    """The node contract: who this node is and whom it talks to."""
    peers = {}
    for item in filter(None, os.environ.get("PEERS", "").split(",")):
        node_id, address = item.split("=", 1)
        peers[node_id] = address  # the chaos agent's address for that peer: just dial it
    return {
        "node_id": os.environ["NODE_ID"],  # "node-2"
        "cluster_size": int(os.environ["CLUSTER_SIZE"]),  # 5
        "listen_addr": os.environ["LISTEN_ADDR"],  # serve here
        "peers": peers,  # every other node: {"node-0": "127.0.0.1:7100", ...}
        "data_dir": os.environ["DATA_DIR"],  # kept across kill and restart
    }


class RaftNode(raft_pb2_grpc.ConsensusNodeServicer):
    def __init__(self, env):
        self.env = env
        # gRPC calls arrive on several threads at once: guard all state with this lock.
        self.lock = threading.Lock()
        os.makedirs(env["data_dir"], exist_ok=True)
        # TODO: load currentTerm, votedFor and the log from env["data_dir"]. Every change to
        # them must reach the disk (write a temporary file, flush, os.fsync, os.replace; or an
        # append-only file with checksummed records) before you answer an RPC that depends on
        # it: the node can be killed with SIGKILL at any instant.
        self.current_term = 0
        self.voted_for = None
        self.log = []  # entries (term, command); index 1 is self.log[0]
        # TODO: volatile state: commit index, last applied, role, leader id; on a leader,
        # next_index and match_index per peer.
        # TODO: the state machine (a dict of key -> value) and, per client, its latest
        # sequence with its result, rebuilt by applying the log.
        # TODO: one gRPC channel per peer, e.g.
        #   raft_pb2_grpc.ConsensusNodeStub(grpc.insecure_channel(address))
        # and call with a timeout: stub.AppendEntries(request, timeout=0.5).
        # TODO: an election timer (randomized, a few hundred ms) and, as leader, heartbeats
        # (the judge wants 2 to 20 AppendEntries a second per follower when idle).

    def RequestVote(self, request, context):
        with self.lock:
            # TODO: adopt a higher term; grant at most one vote per term, only to a candidate
            # whose log is at least as up to date as yours; persist the vote before answering.
            return raft_pb2.VoteResponse(term=self.current_term, vote_granted=False)

    def AppendEntries(self, request, context):
        with self.lock:
            # TODO: reject an older term; otherwise follow request.leader_id, reset the election
            # timer, check that your log holds prev_log_index with prev_log_term (answer
            # conflict_term / conflict_index to help the leader back up), replace conflicting
            # entries, persist, then advance the commit index to min(leader_commit, last new).
            return raft_pb2.AppendResponse(term=self.current_term, success=False)

    def ClientRequest(self, request, context):
        if not request.client_id or request.op == raft_pb2.OPERATION_UNSPECIFIED:
            context.abort(grpc.StatusCode.INVALID_ARGUMENT, "client_id and op are required")
        with self.lock:
            # TODO: as leader, append the operation to the log and answer OK once it is
            # committed and applied (with the value for GET); answer UNAVAILABLE when that takes
            # longer than ~800 ms or leadership is lost. A retried (client_id, sequence) must get
            # its first result and never be applied twice. Not leader and the operation is not
            # in your log: NOT_LEADER with the leader you believe in as leader_hint.
            return raft_pb2.ClientResponse(status=raft_pb2.NOT_LEADER, leader_hint="")


def main():
    env = read_env()
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=16))
    raft_pb2_grpc.add_ConsensusNodeServicer_to_server(RaftNode(env), server)
    server.add_insecure_port(env["listen_addr"])
    server.start()
    print(f"{env['node_id']} serving on {env['listen_addr']}", flush=True)
    server.wait_for_termination()


if __name__ == "__main__":
    main()
