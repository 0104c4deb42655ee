// One reference node's answers (reference/typescript/chain-node.ts, client-requests.ts) to the
// statement's rules, call by call: before its first Configure, epochs, the receiver's order
// of checks for Forward, Transfer and Ack, and the head's deduplication. Peers are a
// transport that records calls and never answers, so only the node's own answers count.
import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, test, vi } from "vitest";
import { ChainNode } from "../reference/typescript/chain-node.ts";
import { ClientRequests, InvalidRequestError } from "../reference/typescript/client-requests.ts";
import type { PeerTransport } from "../reference/typescript/peer-call.ts";
import type { ClientRequest, ForwardRequest } from "../reference/typescript/proto.ts";

function nodeWithPeers(id: string): { node: ChainNode; clients: ClientRequests; sent: string[] } {
  const sent: string[] = [];
  const never = (what: string) => (to: string, req: object) => {
    sent.push(`${what} ${to} ${JSON.stringify(req)}`);
    return new Promise<never>(() => {});
  };
  const peers: PeerTransport = {
    forward: never("Forward"),
    ack: never("Ack"),
    transfer: never("Transfer"),
  };
  const node = new ChainNode({ nodeId: id, peers });
  return { node, clients: new ClientRequests(node), sent };
}

const update = (seq: number, epoch = 1): ForwardRequest => ({
  epoch,
  seq,
  client_id: "c",
  sequence: seq,
  op: "APPEND",
  key: "k",
  value: `${seq};`,
});

const write = (sequence: number, value = `v${sequence}`): ClientRequest => ({
  client_id: "c",
  sequence,
  op: "APPEND",
  key: "k",
  value,
});

describe("a reference node", () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] }));
  afterEach(() => vi.useRealTimers());

  test("before its first Configure: clients UNAVAILABLE, peers WRONG_EPOCH at 0, sends nothing", async () => {
    const { node, clients, sent } = nodeWithPeers("node-1");
    assert.equal((await clients.handle(write(1), Infinity)).status, "UNAVAILABLE");
    assert.deepEqual(node.forward(update(1)), { status: "WRONG_EPOCH", epoch: 0, last_seq: 0 });
    assert.deepEqual(node.ack({ epoch: 1, seq: 1 }), {
      status: "WRONG_EPOCH",
      epoch: 0,
      last_seq: 0,
    });
    assert.deepEqual(sent, []);
  });

  test("bad requests are INVALID_ARGUMENT", () => {
    const { clients } = nodeWithPeers("node-0");
    for (const bad of [
      { ...write(1), client_id: "" },
      { ...write(1), sequence: 0 },
      { ...write(1), op: "OPERATION_UNSPECIFIED" as const },
    ])
      assert.throws(() => clients.handle(bad, Infinity), InvalidRequestError);
  });

  test("a Configure adopts only a higher epoch, and answers the node's epoch", () => {
    const { node } = nodeWithPeers("node-1");
    assert.equal(node.configure({ epoch: 2, chain: ["node-0", "node-1"] }).epoch, 2);
    assert.equal(node.configure({ epoch: 1, chain: ["node-1"] }).epoch, 2);
    assert.deepEqual(node.chain, ["node-0", "node-1"]);
  });

  test("Forward: wrong epoch, held already, next, gap — in that order, never applied twice", async () => {
    const { node, clients } = nodeWithPeers("node-2");
    node.configure({ epoch: 1, chain: ["node-0", "node-1", "node-2"] });
    assert.equal(node.forward(update(1, 2)).status, "WRONG_EPOCH");
    assert.equal(node.forward(update(2)).status, "GAP");
    assert.deepEqual(node.forward(update(1)), { status: "ACCEPTED", epoch: 1, last_seq: 1 });
    assert.deepEqual(node.forward(update(1)), { status: "ACCEPTED", epoch: 1, last_seq: 1 });
    assert.deepEqual(node.forward(update(3)), { status: "GAP", epoch: 1, last_seq: 1 });
    const read = await clients.handle({ ...write(9), op: "GET" }, Infinity);
    assert.deepEqual(read, { status: "OK", value: "1;", found: true, hint: "" });
  });

  test("other nodes redirect: NOT_HEAD and NOT_TAIL with the hint, nothing applied", async () => {
    const { node, clients } = nodeWithPeers("node-1");
    node.configure({ epoch: 1, chain: ["node-0", "node-1", "node-2"] });
    assert.deepEqual(await clients.handle(write(1), Infinity), {
      status: "NOT_HEAD",
      value: "",
      found: false,
      hint: "node-0",
    });
    const read = await clients.handle({ ...write(2), op: "GET" }, Infinity);
    assert.equal(read.status, "NOT_TAIL");
    assert.equal(read.hint, "node-2");
    assert.equal(node.store.lastSeq, 0);
  });

  test("the head answers a write once acked covers it, a retry without a new update, and UNAVAILABLE after 1.5 s", async () => {
    const { node, clients, sent } = nodeWithPeers("node-0");
    node.configure({ epoch: 1, chain: ["node-0", "node-1"] });
    const first = clients.handle(write(1), Infinity);
    const retry = clients.handle(write(1), Infinity);
    await vi.advanceTimersByTimeAsync(0);
    assert.equal(node.store.lastSeq, 1, "one update for both attempts");
    assert.match(sent[0] ?? "", /^Forward node-1 .*"seq":1/);
    assert.equal(node.ack({ epoch: 1, seq: 1 }).status, "ACCEPTED");
    assert.equal((await first).status, "OK");
    assert.equal((await retry).status, "OK");
    const late = clients.handle(write(2), Infinity);
    await vi.advanceTimersByTimeAsync(1499);
    let answered = false;
    void late.then(() => (answered = true));
    await vi.advanceTimersByTimeAsync(0);
    assert.equal(answered, false);
    await vi.advanceTimersByTimeAsync(1);
    assert.equal((await late).status, "UNAVAILABLE");
    assert.equal(node.store.lastSeq, 2, "the update stays in the chain");
  });

  test("a restarted node joins empty: GAP at 0 and no reads until its Transfer; an older Transfer changes nothing", async () => {
    const { node, clients } = nodeWithPeers("node-2");
    node.configure({ epoch: 3, chain: ["node-0", "node-1", "node-2"] });
    assert.deepEqual(node.forward(update(1, 3)), { status: "GAP", epoch: 3, last_seq: 0 });
    const get = { ...write(1), op: "GET" as const };
    assert.equal((await clients.handle(get, Infinity)).status, "UNAVAILABLE");
    const state = (last_seq: number, value: string) => ({
      epoch: 3,
      last_seq,
      entries: [{ key: "k", value }],
      sessions: [{ client_id: "c", sequence: last_seq, seq: last_seq }],
    });
    assert.equal(node.transfer(state(5, "new")).status, "ACCEPTED");
    assert.deepEqual(node.transfer(state(4, "old")), {
      status: "ACCEPTED",
      epoch: 3,
      last_seq: 5,
    });
    assert.equal((await clients.handle(get, Infinity)).value, "new");
    assert.equal(node.forward(update(6, 3)).status, "ACCEPTED");
    assert.equal(node.forward(update(2, 3)).status, "ACCEPTED", "before the log: held");
    assert.equal(node.store.lastSeq, 6);
  });
});
