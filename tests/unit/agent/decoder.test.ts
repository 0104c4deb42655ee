import { test } from "vitest";
import assert from "node:assert/strict";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import protobuf from "protobufjs";
import { MessageDecoder } from "../../../shared/agent/decoder.ts";

const RAFT_PROTO = resolve(
  dirname(fileURLToPath(import.meta.url)),
  "../../../problems/raft/raft.proto",
);
const root = new protobuf.Root().loadSync(RAFT_PROTO, { keepCase: true });
const encode = (type: string, value: object) => root.lookupType(type).encode(value).finish();
const decoder = new MessageDecoder(RAFT_PROTO);

test("AppendEntries: scalars by proto name, entries counted, bytes left out", () => {
  const entries = Array.from({ length: 40 }, (_, i) => ({
    term: 3,
    index: i + 1,
    command: Buffer.alloc(100),
  }));
  const bytes = encode("raft.AppendRequest", {
    term: 2 ** 40,
    leader_id: "node-4",
    prev_log_index: 9,
    entries,
  });
  assert.deepEqual(decoder.decode("/raft.ConsensusNode/AppendEntries", "request", bytes), {
    term: 2 ** 40,
    leader_id: "node-4",
    prev_log_index: 9,
    prev_log_term: 0,
    entries_count: 40,
    leader_commit: 0,
  });
});

test("defaults are filled in: a refused vote still says vote_granted false", () => {
  const bytes = encode("raft.VoteResponse", { term: 5, vote_granted: false });
  assert.deepEqual(decoder.decode("/raft.ConsensusNode/RequestVote", "response", bytes), {
    term: 5,
    vote_granted: false,
  });
});

test("enums by name, long strings cut", () => {
  const request = encode("raft.ClientRequest", {
    client_id: "c1",
    sequence: 3,
    op: 2,
    key: "k",
    value: "v".repeat(1000),
  });
  const decoded = decoder.decode("/raft.ConsensusNode/ClientRequest", "request", request);
  assert.equal(decoded?.["op"], "PUT");
  assert.equal(decoded?.["sequence"], 3);
  assert.ok(String(decoded?.["value"]).length < 300);
  const response = encode("raft.ClientResponse", { status: 2, leader_hint: "node-1" });
  assert.deepEqual(decoder.decode("/raft.ConsensusNode/ClientRequest", "response", response), {
    status: "NOT_LEADER",
    value: "",
    found: false,
    leader_hint: "node-1",
  });
});

test("unknown methods and malformed bytes decode to nothing, without throwing", () => {
  assert.equal(decoder.has("/raft.ConsensusNode/RequestVote"), true);
  assert.equal(decoder.has("/other.Service/Call"), false);
  assert.equal(decoder.decode("/other.Service/Call", "request", Buffer.from([8, 1])), undefined);
  const truncated = encode("raft.VoteRequest", { term: 1, candidate_id: "node-1" }).subarray(0, 4);
  assert.equal(decoder.decode("/raft.ConsensusNode/RequestVote", "request", truncated), undefined);
});
