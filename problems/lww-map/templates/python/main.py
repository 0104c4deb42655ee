"""Last-Writer-Wins Map node: the starter.

This node starts, serves every RPC of lww_map.proto on LISTEN_ADDR and answers honestly that
it can do nothing yet: Put, Delete, Get and Read fail with UNIMPLEMENTED, Sync is accepted and
ignored. It fails every scenario until you fill in the TODOs. The problem page
(problems/lww-map/statement.md, also on the problem's page in the UI) is the contract; read it
first: stamps, the hybrid clock, the tie-break, tombstones, what must be on disk before an
answer, retries, limits.

How it runs: the platform copies this folder, generates lww_map_pb2.py and lww_map_pb2_grpc.py
from lww_map.proto beside this file (do not upload your own), and starts `python3 -u main.py`
with Debian's Python 3.11. Only the standard library, grpc and google.protobuf are available.
stdout and stderr are your node's log, shown with the result. time.time() reads the clock the
judge may skew (it goes through libc): use it for stamps.
"""

import os
import threading
from concurrent import futures

import grpc

import lww_map_pb2
import lww_map_pb2_grpc


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


class LwwMapNode(lww_map_pb2_grpc.LwwMapNodeServicer):
    def __init__(self, env):
        self.env = env
        # gRPC calls arrive on several threads at once: guard all state with this lock.
        self.lock = threading.Lock()
        os.makedirs(env["data_dir"], exist_ok=True)
        # TODO: load from env["data_dir"] each key's winning write (deletes as tombstones),
        # your hybrid clock, per client the highest sequence you applied, and what each peer
        # has not acknowledged yet. Every change must reach the disk (write a temporary file,
        # flush, os.fsync, os.replace) before you answer anything that depends on it.
        self.entries = {}
        # TODO: one stub per peer, lww_map_pb2_grpc.LwwMapNodeStub(grpc.insecure_channel(a)),
        # called with a timeout; resend what a peer has not acknowledged after a failure, and
        # send nothing while every peer is up to date (the efficiency limits).

    def Put(self, request, context):
        # TODO: a sequence at or below the client's last applied one is a retry: answer and
        # change nothing. Otherwise stamp the write from your hybrid clock (above every stamp
        # you issued or merged, at least the wall clock in ms), keep it if it outranks the
        # key's write you hold, queue it for every peer, persist, answer.
        context.abort(grpc.StatusCode.UNIMPLEMENTED, "not implemented yet")

    def Delete(self, request, context):
        # TODO: as Put, with a tombstone (deleted, value "") instead of a value.
        context.abort(grpc.StatusCode.UNIMPLEMENTED, "not implemented yet")

    def Get(self, request, context):
        # TODO: lww_map_pb2.GetReply(found=..., value=...) from the key's winning write here,
        # asking no peer.
        context.abort(grpc.StatusCode.UNIMPLEMENTED, "not implemented yet")

    def Read(self, request, context):
        # TODO: lww_map_pb2.ReadReply(entries=[Entry(key=..., value=...)]) for every key whose
        # winning write is a put.
        context.abort(grpc.StatusCode.UNIMPLEMENTED, "not implemented yet")

    def Sync(self, request, context):
        # TODO: fold each stamp into your clock, keep each write that outranks the key's
        # write you hold; persist before answering.
        return lww_map_pb2.SyncReply()


def main():
    env = read_env()
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=16))
    lww_map_pb2_grpc.add_LwwMapNodeServicer_to_server(LwwMapNode(env), server)
    server.add_insecure_port(env["listen_addr"])
    server.start()
    print(f"{env['node_id']} serving on {env['listen_addr']}", flush=True)
    server.wait_for_termination()


if __name__ == "__main__":
    main()
