# The agent tests' Python node: proves a Python program runs behind the agent and in the
# sandbox. Serves /testnode.TestNode/Echo by returning the request's bytes (EchoReply begins
# with EchoRequest's field), so it needs no generated stubs. Run with /usr/bin/python3.
import os
import sys
from concurrent import futures

import grpc


def echo(request, context):
    return request


def main():
    handler = grpc.method_handlers_generic_handler(
        "testnode.TestNode",
        {"Echo": grpc.unary_unary_rpc_method_handler(echo)},
    )
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
    server.add_generic_rpc_handlers((handler,))
    server.add_insecure_port(os.environ["LISTEN_ADDR"])
    server.start()
    print(f"python test node {os.environ['NODE_ID']} serving", flush=True)
    server.wait_for_termination()


if __name__ == "__main__":
    sys.exit(main())
