// Chain replication node: the starter.
//
// This node starts, serves every RPC of chain_replication.proto on LISTEN_ADDR and answers
// honestly that it can do nothing yet: it adopts no configuration (every Configure is answered
// with epoch 0), refuses every peer call with WRONG_EPOCH and answers every client UNAVAILABLE.
// It fails every scenario until you fill in the TODOs. The problem page
// (problems/chain-replication/statement.md, also on the problem's page in the UI) is the
// contract; read it first.
//
// How it runs: the platform bundles main.ts and the files it imports with esbuild into
// node.cjs, copies chain_replication.proto beside it, and starts `node node.cjs` (Node 20). You
// may import Node's built-in modules, @grpc/grpc-js and @grpc/proto-loader; the code is
// type-checked (strict). stdout and stderr are your node's log, shown with the result: log
// epochs and chains, not every RPC.
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { join } from "node:path";

// The messages as @grpc/proto-loader gives them with the options below: field names as in the
// proto, uint64 as JS numbers (fine below 2^53; with `longs: String` you would get strings, and
// "9" > "10"), enums as their names, absent fields filled with their defaults.
type Operation = "OPERATION_UNSPECIFIED" | "GET" | "PUT" | "APPEND";
interface ClientRequest {
  client_id: string;
  sequence: number;
  op: Operation;
  key: string;
  value: string;
}
interface ClientResponse {
  status: "OK" | "NOT_HEAD" | "NOT_TAIL" | "UNAVAILABLE";
  value: string;
  found: boolean;
  hint: string;
}
interface ConfigureRequest {
  epoch: number;
  chain: string[];
}
interface ConfigureResponse {
  epoch: number;
}
interface PeerResponse {
  status: "ACCEPTED" | "WRONG_EPOCH" | "GAP";
  epoch: number;
  last_seq: number;
}
interface ForwardRequest {
  epoch: number;
  seq: number;
  client_id: string;
  sequence: number;
  op: Operation;
  key: string;
  value: string;
}
interface AckRequest {
  epoch: number;
  seq: number;
}
interface TransferRequest {
  epoch: number;
  last_seq: number;
  entries: { key: string; value: string }[];
  sessions: { client_id: string; sequence: number; seq: number }[];
}

const definition = protoLoader.loadSync(join(__dirname, "chain_replication.proto"), {
  keepCase: true,
  longs: Number,
  enums: String,
  defaults: true,
});
const chainPackage = (
  grpc.loadPackageDefinition(definition) as unknown as {
    chain: { ChainNode: grpc.ServiceClientConstructor };
  }
).chain;

// The node contract: who this node is and whom it talks to.
const env = {
  nodeId: process.env.NODE_ID ?? "", // "node-2"
  clusterSize: Number(process.env.CLUSTER_SIZE), // 3
  listenAddr: process.env.LISTEN_ADDR ?? "", // serve here
  // Kept across kill and restart, but this problem needs nothing to survive a restart.
  dataDir: process.env.DATA_DIR ?? "",
  // Every other node and the chaos agent's address for it: just dial it.
  peers: new Map(
    (process.env.PEERS ?? "")
      .split(",")
      .filter(Boolean)
      .map((item) => item.split("=") as [string, string]),
  ),
};

class ChainNode {
  /** 0 until the first Configure. */
  epoch = 0;
  /** Node ids, head first, tail last. */
  chain: string[] = [];
  /** The highest update seq this node holds. */
  lastSeq = 0;

  constructor() {
    // TODO: the state, in memory: the key-value map, the log of updates you hold (to resend
    // to a successor), `acked` (the highest seq the tail is known to have applied) and, per
    // client, the sequence of its latest applied write with the seq of its update.
    // TODO: one client per peer, e.g.
    //   new chainPackage.ChainNode(address, grpc.credentials.createInsecure())
    // called with a deadline: client.Forward(req, { deadline: Date.now() + 300 }, cb). At most
    // one Forward or Transfer outstanding to your successor, and one Ack to your predecessor.
  }

  configure(_req: ConfigureRequest): ConfigureResponse {
    // TODO: adopt a higher epoch and its chain (answer at once: never wait for a peer), give
    // up your outstanding peer calls, and start over with your new successor and predecessor:
    // a successor that joined in this epoch gets a Transfer of your whole state first; the
    // tail acknowledges what it holds at once. A lower or equal epoch changes nothing.
    return { epoch: this.epoch };
  }

  forward(_req: ForwardRequest): PeerResponse {
    // TODO: refuse another epoch (WRONG_EPOCH); accept an update you hold already without
    // applying it again; apply update last_seq + 1 and pass it on (or, as the tail, Ack it);
    // answer GAP to anything beyond. Every answer carries your epoch and last_seq.
    return this.peerAnswer("WRONG_EPOCH");
  }

  ack(_req: AckRequest): PeerResponse {
    // TODO: raise `acked`, pass it on to your predecessor; as head, answer the clients waiting
    // on every update up to it.
    return this.peerAnswer("WRONG_EPOCH");
  }

  transfer(_req: TransferRequest): PeerResponse {
    // TODO: as a node that joined, replace your whole state with the one sent (map, sessions,
    // last_seq), unless it is older than what you hold.
    return this.peerAnswer("WRONG_EPOCH");
  }

  async clientRequest(_req: ClientRequest): Promise<ClientResponse> {
    // TODO: writes at the head only (else NOT_HEAD with the head as hint): a new (client_id,
    // sequence) gets the next seq; answer OK only once the tail's Ack covers it, UNAVAILABLE
    // after 1.5 s without it. A retry is never applied twice. Reads at the tail only (else
    // NOT_TAIL with the tail as hint), from its map.
    return { status: "UNAVAILABLE", value: "", found: false, hint: "" };
  }

  private peerAnswer(status: PeerResponse["status"]): PeerResponse {
    return { status, epoch: this.epoch, last_seq: this.lastSeq };
  }
}

type Handler<Req, Res> = (req: Req) => Res | Promise<Res>;

/** Adapts a handler to gRPC; an exception becomes INTERNAL instead of a crash. */
function unary<Req, Res>(handler: Handler<Req, Res>): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) => {
    Promise.resolve()
      .then(() => handler(call.request))
      .then(
        (res) => callback(null, res),
        (err: unknown) => callback({ code: grpc.status.INTERNAL, details: String(err) }),
      );
  };
}

const node = new ChainNode();
const server = new grpc.Server();
server.addService(chainPackage.ChainNode.service, {
  ClientRequest: (
    call: grpc.ServerUnaryCall<ClientRequest, ClientResponse>,
    cb: grpc.sendUnaryData<ClientResponse>,
  ) => {
    const req = call.request;
    if (!req.client_id || req.sequence === 0 || req.op === "OPERATION_UNSPECIFIED") {
      cb({
        code: grpc.status.INVALID_ARGUMENT,
        details: "client_id, sequence and op are required",
      });
      return;
    }
    unary((r: ClientRequest) => node.clientRequest(r))(call, cb);
  },
  Configure: unary((req: ConfigureRequest) => node.configure(req)),
  Forward: unary((req: ForwardRequest) => node.forward(req)),
  Ack: unary((req: AckRequest) => node.ack(req)),
  Transfer: unary((req: TransferRequest) => node.transfer(req)),
});
server.bindAsync(env.listenAddr, grpc.ServerCredentials.createInsecure(), (err) => {
  if (err) {
    console.error(`cannot listen on ${env.listenAddr}: ${err.message}`);
    process.exit(1);
  }
  console.log(`${env.nodeId} serving on ${env.listenAddr}`);
});
