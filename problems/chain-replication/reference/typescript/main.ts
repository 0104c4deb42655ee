// Reference chain replication node: the platform runs it as `node node.cjs` with the node
// contract's environment (NODE_ID, CLUSTER_SIZE, LISTEN_ADDR, PEERS, DATA_DIR). Everything is
// kept in memory: a restarted node rejoins empty and gets the state from its predecessor
// (statement.md, "Failures"), so DATA_DIR is not used.
import * as grpc from "@grpc/grpc-js";
import { ChainNode } from "./chain-node.ts";
import { ClientRequests, InvalidRequestError } from "./client-requests.ts";
import { readEnv } from "./config.ts";
import { GrpcPeers } from "./grpc-peers.ts";
import {
  loadChainService,
  type AckRequest,
  type ClientRequest,
  type ConfigureRequest,
  type ForwardRequest,
  type TransferRequest,
} from "./proto.ts";

const env = readEnv(process.env);
const Service = loadChainService();
const node = new ChainNode({ nodeId: env.nodeId, peers: new GrpcPeers(Service, env.peers) });
const clients = new ClientRequests(node);

type Handler<Req, Res> = (req: Req, call: grpc.ServerUnaryCall<Req, Res>) => Res | Promise<Res>;

/** Adapts a handler to gRPC; errors become statuses and reach this node's log, not a crash. */
function unary<Req, Res>(handler: Handler<Req, Res>): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) => {
    Promise.resolve()
      .then(() => handler(call.request, call))
      .then(
        (res) => callback(null, res),
        (err: unknown) => {
          if (err instanceof InvalidRequestError) {
            callback({ code: grpc.status.INVALID_ARGUMENT, details: err.message });
            return;
          }
          console.error("request failed:", err);
          callback({ code: grpc.status.INTERNAL, details: String(err) });
        },
      );
  };
}

const server = new grpc.Server();
server.addService(Service.service, {
  ClientRequest: unary((req: ClientRequest, call) =>
    clients.handle(req, Number(call.getDeadline())),
  ),
  Configure: unary((req: ConfigureRequest) => {
    const before = node.epoch;
    const res = node.configure(req);
    if (res.epoch !== before) console.log(`epoch ${res.epoch}: chain ${node.chain.join(" → ")}`);
    return res;
  }),
  Forward: unary((req: ForwardRequest) => node.forward(req)),
  Ack: unary((req: AckRequest) => node.ack(req)),
  Transfer: unary((req: TransferRequest) => node.transfer(req)),
});
server.bindAsync(env.listenAddr, grpc.ServerCredentials.createInsecure(), (err) => {
  if (err) {
    console.error(`cannot listen on ${env.listenAddr}: ${err.message}`);
    process.exit(1);
  }
  console.log(`${env.nodeId} listening on ${env.listenAddr}`);
});

for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => process.exit(0));
