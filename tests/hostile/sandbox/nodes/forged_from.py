# A node that claims to be another: every 200 ms it calls each peer's RequestVote through
# PEERS with a forged x-clusterjudge-from naming another peer, and reports the status.
# It answers RequestVote itself (an empty reply), so the peers' calls succeed.
import os
import time
from concurrent import futures

import grpc

from common import report

server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
handler = grpc.method_handlers_generic_handler(
    "raft.ConsensusNode",
    {"RequestVote": grpc.unary_unary_rpc_method_handler(lambda request, context: b"")},
)
server.add_generic_rpc_handlers((handler,))
server.add_insecure_port(os.environ["LISTEN_ADDR"])
server.start()
report("serving", os.environ["LISTEN_ADDR"])

me = os.environ["NODE_ID"]
peers = dict(p.split("=") for p in os.environ["PEERS"].split(",") if p)
channels = {peer: grpc.insecure_channel(address) for peer, address in peers.items()}
round_ = 0
while True:
    round_ += 1
    for peer, channel in channels.items():
        forged = next((o for o in sorted(peers) if o != peer), "node-9")
        call = channel.unary_unary("/raft.ConsensusNode/RequestVote")
        try:
            call(b"", timeout=1, metadata=(("x-clusterjudge-from", forged),))
            code = "OK"
        except grpc.RpcError as err:
            code = err.code().name
        report("call", {"round": round_, "to": peer, "forged": forged, "code": code})
    time.sleep(0.2)
