"""Vector Clocks node: the starter.

This node starts, serves every RPC of vector_clocks.proto on LISTEN_ADDR and answers honestly
that it can do nothing yet: Event, Send, Compare and Log fail with UNIMPLEMENTED, Deliver is
accepted and ignored. It fails every scenario until you fill in the TODOs. The problem page
(problems/vector-clocks/statement.md, also on the problem's page in the UI) is the contract;
read it first: what a clock counts, what must be on disk before an answer, retries, delivery,
limits.

How it runs: the platform copies this folder, generates vector_clocks_pb2.py and
vector_clocks_pb2_grpc.py from vector_clocks.proto beside this file (do not upload your own),
and starts `python3 -u main.py` with Debian's Python 3.11. Only the standard library, grpc and
google.protobuf are available. stdout and stderr are your node's log, shown with the result.
"""

import os
import threading
from concurrent import futures

import grpc

import vector_clocks_pb2
import vector_clocks_pb2_grpc


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


class ClockNode(vector_clocks_pb2_grpc.ClockNodeServicer):
    def __init__(self, env):
        self.env = env
        # gRPC calls arrive on several threads at once: guard all state with this lock.
        self.lock = threading.Lock()
        os.makedirs(env["data_dir"], exist_ok=True)
        # TODO: load from env["data_dir"] the clock (node id -> count), the log of events,
        # per client the last request's sequence and the clock answered to it, per peer the
        # messages it has not acknowledged and the message numbers received from it. Every
        # change must reach the disk (write a temporary file, flush, os.fsync, os.replace)
        # before you answer anything that depends on it.
        self.clock = {}
        # TODO: one stub per peer,
        # vector_clocks_pb2_grpc.ClockNodeStub(grpc.insecure_channel(address)), called with a
        # timeout; resend a message until the peer acknowledges it, with a backoff after a
        # failure, and send nothing while every outbox is empty.

    def Event(self, request, context):
        # TODO: a retry of the client's last request answers its clock again. Otherwise add
        # one to your own entry, log the event, persist, answer EventReply(clock=...).
        context.abort(grpc.StatusCode.UNIMPLEMENTED, "not implemented yet")

    def Send(self, request, context):
        # TODO: as Event (a send to yourself or an unknown node is INVALID_ARGUMENT), and
        # queue DeliverRequest(from=node_id, message=your own entry, clock=...) for
        # request.to before persisting. ("from" is a Python keyword: pass it as
        # vector_clocks_pb2.DeliverRequest(**{"from": node_id, ...}).)
        context.abort(grpc.StatusCode.UNIMPLEMENTED, "not implemented yet")

    def Compare(self, request, context):
        # TODO: CompareReply(order=vector_clocks_pb2.BEFORE / AFTER / CONCURRENT / EQUAL)
        # for request.a against request.b.
        context.abort(grpc.StatusCode.UNIMPLEMENTED, "not implemented yet")

    def Log(self, request, context):
        # TODO: LogReply(events=[LoggedEvent(kind, clock, peer, message), ...]) in order.
        context.abort(grpc.StatusCode.UNIMPLEMENTED, "not implemented yet")

    def Deliver(self, request, context):
        # TODO: a message (from, message) received before is acknowledged and nothing else.
        # Otherwise take the larger of each entry, add one to your own, log the receive,
        # persist, then answer.
        return vector_clocks_pb2.DeliverReply()


def main():
    env = read_env()
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=16))
    vector_clocks_pb2_grpc.add_ClockNodeServicer_to_server(ClockNode(env), server)
    server.add_insecure_port(env["listen_addr"])
    server.start()
    print(f"{env['node_id']} serving on {env['listen_addr']}", flush=True)
    server.wait_for_termination()


if __name__ == "__main__":
    main()
