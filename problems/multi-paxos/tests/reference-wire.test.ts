// The reference's peer calls over real gRPC on loopback, briefly: one node's handlers behind a
// server, another's grpcPeer calling them, with the proto loaded as the node loads it. What the
// in-process simulation skips (field names, enums by name, the repeated `accepted`, an empty
// Learn answer, deadlines) is checked here.
import * as grpc from "@grpc/grpc-js";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { PaxosFile } from "../reference/typescript/paxos-file.ts";
import { PaxosNode } from "../reference/typescript/paxos-node.ts";
import type { WireCommand } from "../reference/typescript/commands.ts";
import { grpcPeer } from "../reference/typescript/peers.ts";
import { loadPaxosService, type PaxosClient } from "../reference/typescript/proto.ts";

const dir = mkdtempSync(join(tmpdir(), "paxos-wire-"));
const Service = loadPaxosService(join(import.meta.dirname, "..", "multi_paxos.proto"));
const { file, recovered } = PaxosFile.open(dir);
// Never started: no timers, it only answers.
const node = new PaxosNode({
  nodeId: "node-1",
  clusterSize: 5,
  file,
  recovered,
  peers: new Map(),
  log: () => {},
});
const server = new grpc.Server();
server.addService(Service.service, {
  Prepare: answer((req) => node.handlePrepare(req as never)),
  Accept: answer((req) => node.handleAccept(req as never)),
  Learn: answer((req) => {
    node.handleLearn(req as never);
    return {};
  }),
  Heartbeat: answer((req) => node.handleHeartbeat(req as never)),
});
const client = await new Promise<PaxosClient>((resolve, reject) => {
  server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, port) => {
    if (err) reject(err);
    else resolve(new Service(`127.0.0.1:${port}`, grpc.credentials.createInsecure()) as never);
  });
});

afterAll(() => {
  client.close();
  server.forceShutdown();
  file.close();
  rmSync(dir, { recursive: true, force: true });
});

function answer(handle: (req: unknown) => unknown): grpc.handleUnaryCall<unknown, unknown> {
  return (call, callback) => {
    void Promise.resolve(handle(call.request)).then((res) => callback(null, res));
  };
}

test("promises, acceptances, Learns and heartbeats cross the wire with every field", async () => {
  const peer = grpcPeer(client);
  const noop: WireCommand = { client_id: "", sequence: 0, op: "NOOP", key: "", value: "" };
  const put: WireCommand = { client_id: "c1", sequence: 7, op: "PUT", key: "k", value: "v" };
  expect(await peer.prepare({ ballot_round: 1, ballot_node: 0, from_slot: 1 }, 1000)).toEqual({
    promised: true,
    promised_round: 1,
    promised_node: 0,
    accepted: [],
  });
  const acceptAt = (slot: number, command: WireCommand) =>
    peer.accept({ ballot_round: 1, ballot_node: 0, slot, ...command }, 1000);
  expect(await acceptAt(1, noop)).toEqual({ accepted: true, promised_round: 1, promised_node: 0 });
  expect((await acceptAt(2, put)).accepted).toBe(true);
  const promise = await peer.prepare({ ballot_round: 2, ballot_node: 3, from_slot: 2 }, 1000);
  expect(promise.accepted).toEqual([{ slot: 2, ballot_round: 1, ballot_node: 0, ...put }]);
  expect(await acceptAt(3, put)).toEqual({ accepted: false, promised_round: 2, promised_node: 3 });
  await peer.learn({ slot: 1, ...noop }, 1000);
  await peer.learn({ slot: 2, ...put }, 1000);
  expect(
    await peer.heartbeat({ ballot_round: 2, ballot_node: 3, chosen_through: 2 }, 1000),
  ).toEqual({ promised_round: 2, promised_node: 3, learned_through: 2 });
  expect(node.machine.session("c1")).toEqual({
    sequence: 7,
    result: { value: "", found: false },
    slot: 2,
  });
});
