// One Two-Phase Commit node served over gRPC: node-0 is the coordinator (coordinator.ts),
// node-1 and node-2 participants holding the accounts (participant.ts, resolver.ts); every node
// answers State (statement.md). main.ts starts it from the node contract's environment.
import * as grpc from "@grpc/grpc-js";
import { mkdirSync } from "node:fs";
import { ALL_ACCOUNTS, CLIENT_WAIT_MS, COORDINATOR, QUERY_CALL_MS } from "./accounts.ts";
import {
  Coordinator,
  type CoordinatorState,
  type TxnRecord,
  type TxnRequest,
} from "./coordinator.ts";
import { DecisionConflict, Participant, type ParticipantState } from "./participant.ts";
import {
  loadService,
  type DecideRequest,
  type PeerClient,
  type PrepareRequest,
  type QueryRequest,
  type ReadAllRequest,
  type TransferRequest,
} from "./proto.ts";
import { InDoubtResolver } from "./resolver.ts";
import { StateFile } from "./state-file.ts";

/** Reconnect quickly to a peer that restarts: the default backoff grows to minutes. */
const peerChannelOptions = {
  "grpc.initial_reconnect_backoff_ms": 100,
  "grpc.max_reconnect_backoff_ms": 500,
};

export interface NodeEnv {
  nodeId: string;
  listenAddr: string;
  dataDir: string;
  /** Every other node's address (through its chaos agent). */
  peers: ReadonlyMap<string, string>;
}

export interface RunningNode {
  /** The port it listens on. */
  port: number;
  stop(): void;
}

class Refused extends Error {
  constructor(
    readonly code: grpc.status,
    message: string,
  ) {
    super(message);
  }
}

/** Adapts a handler to gRPC: a Refused is its own status, anything else INTERNAL. */
function unary<Req>(
  handler: (req: Req) => object | Promise<object>,
): grpc.handleUnaryCall<Req, object> {
  return (call, callback) => {
    Promise.resolve()
      .then(() => handler(call.request))
      .then(
        (res) => callback(null, res),
        (err: unknown) => {
          if (err instanceof Refused) return callback({ code: err.code, details: err.message });
          const code =
            err instanceof DecisionConflict
              ? grpc.status.FAILED_PRECONDITION
              : grpc.status.INTERNAL;
          console.error("request failed:", err);
          callback({ code, details: String(err) });
        },
      );
  };
}

/** Starts the node: its state from dataDir, its part by nodeId, serving on listenAddr. */
export function startNode(env: NodeEnv, protoPath?: string): Promise<RunningNode> {
  const { nodeId, listenAddr, dataDir, peers } = env;
  mkdirSync(dataDir, { recursive: true });
  const stops: (() => void)[] = [];
  const Service = loadService(protoPath);
  const clients = new Map<string, PeerClient>();
  for (const [peer, address] of peers)
    clients.set(
      peer,
      new Service(
        address,
        grpc.credentials.createInsecure(),
        peerChannelOptions,
      ) as unknown as PeerClient,
    );
  const peer = (node: string): PeerClient => {
    const client = clients.get(node);
    if (!client) throw new Error(`no address for ${node} in PEERS`);
    return client;
  };

  const notHere = () => {
    throw new Refused(grpc.status.FAILED_PRECONDITION, `${nodeId} has no such role`);
  };

  function coordinatorHandlers(): grpc.UntypedServiceImplementation {
    const coordinator = new Coordinator(
      new StateFile<CoordinatorState>(dataDir, "coordinator.json"),
      {
        prepare: (node, txn, deadlineMs) =>
          new Promise((resolve, reject) =>
            peer(node).Prepare(
              {
                txn_id: txn.id,
                kind: txn.kind,
                source: txn.source,
                target: txn.target,
                amount: txn.amount,
              },
              { deadline: Date.now() + deadlineMs },
              (err, res) => (err || !res ? reject(err ?? new Error("no answer")) : resolve(res)),
            ),
          ),
        decide: (node, txnId, decision, deadlineMs) =>
          new Promise((resolve, reject) =>
            peer(node).Decide(
              { txn_id: txnId, decision },
              { deadline: Date.now() + deadlineMs },
              (err) => (err ? reject(err) : resolve()),
            ),
          ),
      },
    );
    stops.push(() => coordinator.stop());
    const answer = (txn: TxnRecord) => {
      if (txn.decision === null)
        throw new Refused(grpc.status.UNAVAILABLE, `transaction ${txn.id} is not decided yet`);
      return {
        txn_id: txn.id,
        outcome: txn.decision === "COMMIT" ? "OUTCOME_COMMITTED" : "OUTCOME_ABORTED",
        balances: txn.balances,
      };
    };
    const client = (req: { client_id: string; sequence: number }) => {
      if (!req.client_id || !(req.sequence > 0))
        throw new Refused(
          grpc.status.INVALID_ARGUMENT,
          "a client_id and a sequence from 1 are needed",
        );
    };
    return {
      Transfer: unary(async (req: TransferRequest) => {
        client(req);
        const { source, target, amount } = req;
        if (
          !ALL_ACCOUNTS.includes(source) ||
          !ALL_ACCOUNTS.includes(target) ||
          source === target ||
          !(amount > 0)
        )
          throw new Refused(
            grpc.status.INVALID_ARGUMENT,
            "two different accounts of a, b, c, d and an amount ≥ 1",
          );
        const request: TxnRequest = {
          clientId: req.client_id,
          sequence: req.sequence,
          kind: "TRANSFER",
          source,
          target,
          amount,
        };
        return answer(await coordinator.submit(request, CLIENT_WAIT_MS));
      }),
      ReadAll: unary(async (req: ReadAllRequest) => {
        client(req);
        const request: TxnRequest = {
          clientId: req.client_id,
          sequence: req.sequence,
          kind: "READ",
          source: "",
          target: "",
          amount: 0,
        };
        return answer(await coordinator.submit(request, CLIENT_WAIT_MS));
      }),
      State: unary(() => coordinator.view()),
      QueryDecision: unary((req: QueryRequest) => coordinator.query(req.txn_id)),
      Prepare: unary(notHere),
      Decide: unary(notHere),
    };
  }

  function participantHandlers(): grpc.UntypedServiceImplementation {
    const participant = new Participant(
      nodeId,
      new StateFile<ParticipantState>(dataDir, "participant.json"),
    );
    const resolver = new InDoubtResolver(
      participant,
      (txnId) =>
        new Promise((resolve, reject) =>
          peer(COORDINATOR).QueryDecision(
            { txn_id: txnId, participant: nodeId },
            { deadline: Date.now() + QUERY_CALL_MS },
            (err, res) => (err || !res ? reject(err ?? new Error("no answer")) : resolve(res)),
          ),
        ),
      (err) => console.error("in-doubt resolution:", err),
    );
    resolver.start();
    stops.push(() => resolver.stop());
    return {
      Prepare: unary((req: PrepareRequest) => participant.prepare(req, Date.now())),
      Decide: unary((req: DecideRequest) => {
        participant.decide(req);
        return {};
      }),
      State: unary(() => participant.view()),
      Transfer: unary(notHere),
      ReadAll: unary(notHere),
      QueryDecision: unary(notHere),
    };
  }

  const server = new grpc.Server();
  server.addService(
    Service.service,
    nodeId === COORDINATOR ? coordinatorHandlers() : participantHandlers(),
  );
  return new Promise((resolve, reject) =>
    server.bindAsync(listenAddr, grpc.ServerCredentials.createInsecure(), (err, port) => {
      if (err) return reject(err);
      console.log(`${nodeId} listening on ${listenAddr}`);
      resolve({
        port,
        stop() {
          for (const stop of stops) stop();
          for (const client of clients.values()) client.close();
          server.forceShutdown();
        },
      });
    }),
  );
}
