"""Two-Phase Commit node: the starter.

This node starts, serves every RPC of two_phase_commit.proto on LISTEN_ADDR and answers
honestly that it can do nothing yet: every RPC fails with UNIMPLEMENTED. It fails every scenario
until you fill in the TODOs. The problem page (problems/two-phase-commit/statement.md, also on
the problem's page in the UI) is the contract; read it first: the accounts, what must be on disk
before which message, the timeouts, the recovery rules.

How it runs: the platform copies this folder, generates two_phase_commit_pb2.py and
two_phase_commit_pb2_grpc.py from two_phase_commit.proto beside this file (do not upload your
own), and starts `python3 -u main.py` with Debian's Python 3.11. Only the standard library, grpc
and google.protobuf are available. stdout and stderr are your node's log, shown with the result.
"""

import os
import threading
from concurrent import futures

import grpc

import two_phase_commit_pb2  # noqa: F401  (the messages: two_phase_commit_pb2.TxnReply, ...)
import two_phase_commit_pb2_grpc


def read_env():
    """The node contract: who this node is and whom it talks to."""
    peers = {}
    for item in filter(None, os.environ.get("PEERS", "").split(",")):
        node_id, address = item.split("=", 1)
        peers[node_id] = address  # the chaos agent's address for that peer: just dial it
    return {
        "node_id": os.environ["NODE_ID"],  # "node-0" coordinates; node-1, node-2 hold accounts
        "listen_addr": os.environ["LISTEN_ADDR"],  # serve here
        "peers": peers,  # every other node: {"node-1": "127.0.0.1:7101", ...}
        "data_dir": os.environ["DATA_DIR"],  # kept across kill and restart
    }


class TwoPhaseCommitNode(two_phase_commit_pb2_grpc.TwoPhaseCommitNodeServicer):
    def __init__(self, env):
        self.env = env
        # gRPC calls arrive on several threads at once: guard all state with this lock.
        self.lock = threading.Lock()
        os.makedirs(env["data_dir"], exist_ok=True)
        # TODO: load your state from env["data_dir"]. Every vote, decision and new transaction
        # must reach the disk (write a temporary file, flush, os.fsync, os.replace) before any
        # message or answer that depends on it.
        # TODO (node-0): stubs for node-1 and node-2,
        # two_phase_commit_pb2_grpc.TwoPhaseCommitNodeStub(grpc.insecure_channel(address)),
        # called with a timeout; on start, log ABORT for every transaction logged without a
        # decision and resend every decision not yet acknowledged.
        # TODO (node-1, node-2): ask node-0 QueryDecision about a transaction you voted YES on
        # and have had no decision for since 1 s, every 300 ms until answered.

    def Transfer(self, request, context):
        # TODO (node-0): a new transaction, or the one this client_id and sequence named
        # before; answer TxnReply(txn_id, outcome) once decided, UNAVAILABLE until then.
        context.abort(grpc.StatusCode.UNIMPLEMENTED, "not implemented yet")

    def ReadAll(self, request, context):
        # TODO (node-0): like Transfer, prepared at both participants; committed: all balances.
        context.abort(grpc.StatusCode.UNIMPLEMENTED, "not implemented yet")

    def State(self, request, context):
        # TODO (every node): StateReply(balances, txns) as statement.md says.
        context.abort(grpc.StatusCode.UNIMPLEMENTED, "not implemented yet")

    def Prepare(self, request, context):
        # TODO (node-1, node-2): vote (durably) and lock; a repeated Prepare gets the same vote.
        context.abort(grpc.StatusCode.UNIMPLEMENTED, "not implemented yet")

    def Decide(self, request, context):
        # TODO (node-1, node-2): apply the decision (durably), release the locks, acknowledge.
        context.abort(grpc.StatusCode.UNIMPLEMENTED, "not implemented yet")

    def QueryDecision(self, request, context):
        # TODO (node-0): COMMIT, ABORT, or UNKNOWN while still collecting the votes.
        context.abort(grpc.StatusCode.UNIMPLEMENTED, "not implemented yet")


def main():
    env = read_env()
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=16))
    two_phase_commit_pb2_grpc.add_TwoPhaseCommitNodeServicer_to_server(
        TwoPhaseCommitNode(env), server
    )
    server.add_insecure_port(env["listen_addr"])
    server.start()
    print(f"{env['node_id']} serving on {env['listen_addr']}", flush=True)
    server.wait_for_termination()


if __name__ == "__main__":
    main()
