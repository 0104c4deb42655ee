// The wire contract gives the checks what they read: every field they use is a top-level
// scalar the agents' decoder fills in (enums by name), so a check never meets a field the
// agents could not have recorded.
import { test } from "vitest";
import assert from "node:assert/strict";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import protobuf from "protobufjs";
import { MessageDecoder } from "../../../shared/agent/decoder.ts";
import { ACCEPT, CLIENT_REQUEST, HEARTBEAT, LEARN, PREPARE } from "../checks/traffic.ts";

const PROTO = resolve(dirname(fileURLToPath(import.meta.url)), "../multi_paxos.proto");
const decoder = new MessageDecoder(PROTO);
const root = new protobuf.Root().loadSync(PROTO, { keepCase: true });
const encode = (type: string, value: object) => root.lookupType(type).encode(value).finish();

const COMMAND = ["client_id", "sequence", "op", "key", "value"];
/** Per method and direction, the fields the checks read. */
const READ: Record<string, { request: string[]; response: string[] }> = {
  [PREPARE]: {
    request: ["ballot_round", "ballot_node", "from_slot"],
    response: ["promised", "promised_round", "promised_node"],
  },
  [ACCEPT]: {
    request: ["ballot_round", "ballot_node", "slot", ...COMMAND],
    response: ["accepted", "promised_round", "promised_node"],
  },
  [LEARN]: { request: ["slot", ...COMMAND], response: [] },
  [HEARTBEAT]: {
    request: ["ballot_round", "ballot_node"],
    response: ["promised_round", "promised_node"],
  },
  [CLIENT_REQUEST]: { request: COMMAND, response: ["status", "slot", "leader_hint"] },
};

test("the method paths the checks use are the proto's, and nothing else", () => {
  assert.deepEqual(decoder.paths().sort(), Object.keys(READ).sort());
});

test("every field a check reads is a decoded top-level scalar", () => {
  for (const [method, { request, response }] of Object.entries(READ)) {
    for (const [direction, fields] of [
      ["request", request],
      ["response", response],
    ] as const) {
      const kinds = decoder.scalarFields(method, direction);
      for (const f of fields) assert.ok(kinds?.has(f), `${method} ${direction}: ${f}`);
    }
  }
});

test("an Accept decodes to the ballot, the slot and the command, the op by name", () => {
  const bytes = encode("multipaxos.AcceptRequest", {
    ballot_round: 7,
    ballot_node: 3,
    slot: 2 ** 33,
    client_id: "c1",
    sequence: 4,
    op: 3,
    key: "k",
    value: "x",
  });
  assert.deepEqual(decoder.decode(ACCEPT, "request", bytes), {
    ballot_round: 7,
    ballot_node: 3,
    slot: 2 ** 33,
    client_id: "c1",
    sequence: 4,
    op: "APPEND",
    key: "k",
    value: "x",
  });
});

test("a refused promise still says promised false, with the reports only counted", () => {
  const bytes = encode("multipaxos.PrepareResponse", {
    promised: false,
    promised_round: 9,
    promised_node: 1,
    accepted: [{ slot: 1, ballot_round: 2, ballot_node: 0, op: 4 }],
  });
  assert.deepEqual(decoder.decode(PREPARE, "response", bytes), {
    promised: false,
    promised_round: 9,
    promised_node: 1,
    accepted_count: 1,
  });
});
