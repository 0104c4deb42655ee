// Reference G-Counter node: the platform runs it as `node node.cjs` with the node contract's
// environment (NODE_ID, CLUSTER_SIZE, LISTEN_ADDR, PEERS, DATA_DIR). Each node counts the
// adds it acknowledged in its own slot, persists before answering, and pushes its slot to
// every peer until acknowledged; a read sums the slots it knows (statement.md).
import * as grpc from "@grpc/grpc-js";
import { mkdirSync } from "node:fs";
import { CounterFile } from "./counter-file.ts";
import { PeerSender } from "./peer-sender.ts";
import {
  loadCounterService,
  type AddRequest,
  type GossipRequest,
  type PeerClient,
} from "./proto.ts";

/** Reconnect quickly to a peer that restarts: the default backoff grows to minutes. */
const peerChannelOptions = {
  "grpc.initial_reconnect_backoff_ms": 100,
  "grpc.max_reconnect_backoff_ms": 1000,
};

const nodeId = process.env.NODE_ID ?? "";
const listenAddr = process.env.LISTEN_ADDR ?? "";
const dataDir = process.env.DATA_DIR ?? "";
const peerAddresses = (process.env.PEERS ?? "")
  .split(",")
  .filter(Boolean)
  .map((item) => item.split("=") as [string, string]);
mkdirSync(dataDir, { recursive: true });

const file = new CounterFile(dataDir);
const state = file.load();
const ownSlot = (): number => state.slots[nodeId] ?? 0;
const value = (): number => Object.values(state.slots).reduce((t, c) => t + c, 0);

const Service = loadCounterService();
const senders = peerAddresses.map(([, address]) => {
  const client = new Service(address, grpc.credentials.createInsecure(), peerChannelOptions);
  return new PeerSender(nodeId, client as unknown as PeerClient, ownSlot);
});

class InvalidRequest extends Error {}

function add(req: AddRequest): object {
  if (!req.client_id || !(req.sequence > 0) || !(req.delta >= 0))
    throw new InvalidRequest("an add needs a client_id, a sequence from 1 and a delta ≥ 0");
  // A retry of an add applied already: answer as before, apply nothing.
  if ((state.applied[req.client_id] ?? 0) >= req.sequence) return {};
  state.slots[nodeId] = ownSlot() + req.delta;
  state.applied[req.client_id] = req.sequence;
  file.save(state);
  for (const sender of senders) sender.poke();
  return {};
}

function gossip(req: GossipRequest): object {
  let changed = false;
  for (const slot of req.slots) {
    // Another node's slot only grows: keep the larger of what we know and what it says.
    if (slot.node_id === nodeId || slot.count <= (state.slots[slot.node_id] ?? 0)) continue;
    state.slots[slot.node_id] = slot.count;
    changed = true;
  }
  if (changed) file.save(state);
  return {};
}

type Handler<Req> = (req: Req) => object;

/** Adapts a handler to gRPC; a bad request is INVALID_ARGUMENT, anything else INTERNAL. */
function unary<Req>(handler: Handler<Req>): grpc.handleUnaryCall<Req, object> {
  return (call, callback) => {
    try {
      callback(null, handler(call.request));
    } catch (err) {
      const code =
        err instanceof InvalidRequest ? grpc.status.INVALID_ARGUMENT : grpc.status.INTERNAL;
      if (code === grpc.status.INTERNAL) console.error("request failed:", err);
      callback({ code, details: String(err) });
    }
  };
}

const server = new grpc.Server();
server.addService(Service.service, {
  Add: unary(add),
  Read: unary(() => ({ value: value() })),
  Gossip: unary(gossip),
});
server.bindAsync(listenAddr, grpc.ServerCredentials.createInsecure(), (err) => {
  if (err) {
    console.error(`cannot listen on ${listenAddr}: ${err.message}`);
    process.exit(1);
  }
  console.log(`${nodeId} listening on ${listenAddr}, counter at ${value()}`);
  // After a restart the peers' acknowledgements are unknown: send the own slot once.
  for (const sender of senders) sender.poke();
});

for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => process.exit(0));
