// Faults that fire on a message, on a real 3-node cluster of test nodes: each agent acts on
// its own node the moment it sees the call (docs/agent.md, "Triggers"). The test nodes serve
// raft.ConsensusNode, so rules can match Raft's decoded fields.
import { afterAll, afterEach, beforeAll, beforeEach, describe, test } from "vitest";
import assert from "node:assert/strict";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import type { ControlClient } from "../../../shared/agent/control-client.ts";
import type { MessageRecord, TriggerRule } from "../../../shared/ports/cluster.ts";
import { RAFT_PROTO } from "../../support/test-node/command.ts";
import { deployFixture, sleep, waitState, type Fixture } from "./fixture.ts";

const { OK, DEADLINE_EXCEEDED, UNAVAILABLE } = grpc.status;
const CLIENT_REQUEST = "/raft.ConsensusNode/ClientRequest";
const APPEND = "/raft.ConsensusNode/AppendEntries";
const WAIT_MS_MAX = 20_000;

type Ctor = new (address: string, creds: grpc.ChannelCredentials) => grpc.Client;
const raft = grpc.loadPackageDefinition(
  protoLoader.loadSync(RAFT_PROTO, {
    keepCase: true,
    longs: Number,
    enums: String,
    defaults: true,
  }),
) as unknown as { raft: { ConsensusNode: Ctor } };

interface ClientOutcome {
  code: number;
  details: string;
  status: string | null;
}

/** Raft's client call against one node (the test node answers OK, echoing the key). */
function clientRequest(
  client: grpc.Client,
  op: "GET" | "PUT",
  key: string,
  deadlineMs = 60_000,
): Promise<ClientOutcome> {
  type Unary = (
    req: object,
    opts: grpc.CallOptions,
    cb: (err: grpc.ServiceError | null, res: { status: string }) => void,
  ) => void;
  const fn = (client as unknown as Record<string, Unary>).ClientRequest as Unary;
  const request = { client_id: "c1", sequence: 1, op, key, value: op === "PUT" ? "v" : "" };
  return new Promise((resolve) =>
    fn.call(client, request, { deadline: Date.now() + deadlineMs }, (err, res) =>
      resolve({
        code: err ? err.code : OK,
        details: err?.details ?? "",
        status: err ? null : res.status,
      }),
    ),
  );
}

describe("triggers on a 3-node cluster", () => {
  let f: Fixture;
  let raftClients: grpc.Client[];
  beforeAll(async () => {
    f = await deployFixture();
    raftClients = f.handle.nodes.map(
      (n) => new raft.raft.ConsensusNode(n.clientAddress, grpc.credentials.createInsecure()),
    );
  });
  afterAll(async () => {
    for (const c of raftClients ?? []) c.close();
    await f?.close();
  });
  beforeEach(async () => f.reset());
  afterEach(async () => Promise.all(f.handle.nodes.map((n) => n.control.clearTriggers())));

  const set = (i: number, rule: TriggerRule) => f.control(i).setTrigger(rule);
  const peerCall = (from: number, to: number, kind: "vote" | "append", opts = {}) =>
    f.clients[from]!.callPeer(`node-${to}`, kind, 1, { peerDeadlineMs: 60_000, ...opts });
  const record = async (i: number, seq: number | null): Promise<MessageRecord | undefined> =>
    (await f.control(i).messages()).items.find((m) => m.seq === seq);

  const killAfterPut: TriggerRule = {
    id: "kill-after-put",
    direction: "ingress",
    peer: "client",
    method: "ClientRequest",
    phase: "complete",
    match: { request: { op: "PUT" }, response: { status: "OK" } },
    action: { kind: "kill" },
  };

  test("kill on completing a client's PUT: answered, then dead before the next call", async () => {
    await set(0, killAfterPut);
    const get = await clientRequest(raftClients[0]!, "GET", "a");
    assert.deepEqual([get.code, get.status], [OK, "OK"], "a GET does not match");
    assert.equal((await f.control(0).status()).state, "running");

    const put = await clientRequest(raftClients[0]!, "PUT", "a");
    assert.deepEqual([put.code, put.status], [OK, "OK"], "the caller got its answer");
    const next = await clientRequest(raftClients[0]!, "GET", "a");
    assert.equal(next.code, UNAVAILABLE, "the next call found the node dead");
    const status = await f.control(0).status();
    assert.equal(status.state, "stopped");
    assert.match(status.lastExit?.cause ?? "", /killed by the agent/);

    const [firing, ...more] = (await f.control(0).firings()).items;
    assert.equal(more.length, 0);
    assert.equal(firing?.ruleId, "kill-after-put");
    assert.deepEqual(
      [firing?.from, firing?.to, firing?.method],
      ["client", "node-0", CLIENT_REQUEST],
    );
    const fired = await record(0, firing?.seq ?? null);
    assert.equal(fired?.request?.op, "PUT", "the firing names the PUT's record");
    assert.equal(fired?.status, OK);
    assert.ok(firing!.atMs >= (fired?.endMs ?? Infinity), "fired once the answer was back");
  });

  test("kill on a peer's answered AppendEntries, on the relay: answered, then dead", async () => {
    await set(1, {
      id: "kill-after-append",
      direction: "ingress",
      peer: "node-0",
      method: "AppendEntries",
      phase: "complete",
      match: { request: { entries_count: 1 }, response: { success: true } },
      action: { kind: "kill" },
    });
    assert.equal((await peerCall(0, 1, "append")).reply?.code, OK, "a heartbeat does not match");
    const info = await (f.control(1) as ControlClient).info();
    assert.ok(info.connections.fast >= 1 && info.connections.full === 0, "node-1 relays");
    const append = await peerCall(0, 1, "append", { entries: 1 });
    assert.deepEqual([append.reply?.code, append.reply?.granted], [OK, true], "answered");
    assert.equal((await peerCall(0, 1, "append")).reply?.code, UNAVAILABLE, "then dead");
    assert.equal((await f.control(1).status()).state, "stopped");
    const [firing] = (await f.control(1).firings()).items;
    assert.deepEqual(
      [firing?.ruleId, firing?.from, firing?.to, firing?.seq],
      ["kill-after-append", "node-0", "node-1", null],
    );
  });

  test("kill at start on egress: node-0 dies right after sending its first AppendEntries with entries", async () => {
    await set(0, {
      id: "kill-after-append",
      direction: "egress",
      peer: "node-1",
      method: APPEND,
      match: { request: { entries_count: { gte: 1 } } },
      action: { kind: "kill" },
    });
    assert.equal((await peerCall(0, 1, "append")).reply?.code, OK, "a heartbeat does not match");
    await peerCall(0, 1, "append", { entries: 2 });
    await waitState(f.control(0), "stopped");
    const [firing] = (await f.control(0).firings()).items;
    assert.deepEqual([firing?.from, firing?.to, firing?.method], ["node-0", "node-1", APPEND]);
    assert.equal((await record(0, firing?.seq ?? null))?.request?.entries_count, 2);
  });

  test("a drop at start drops exactly that call (UNAVAILABLE), and the next passes", async () => {
    await set(0, {
      id: "drop-second-vote",
      direction: "egress",
      peer: "node-1",
      method: "RequestVote",
      nth: 2,
      action: { kind: "drop", as: "unavailable" },
    });
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await peerCall(0, 1, "vote")).reply);
    assert.deepEqual(
      codes.map((r) => r?.code),
      [OK, UNAVAILABLE, OK],
    );
    assert.match(codes[1]?.details ?? "", /dropped by a trigger/);
    assert.equal((await peerCall(0, 2, "vote")).reply?.code, OK, "other links untouched");
    const sent = (await f.control(0).messages()).items.filter((m) => m.to === "node-1");
    assert.deepEqual(
      sent.map((m) => [m.status, m.fault]),
      [
        [OK, undefined],
        [UNAVAILABLE, "refuse"],
        [OK, undefined],
      ],
    );
    const [firing] = (await f.control(0).firings()).items;
    assert.equal(firing?.seq, sent[1]?.seq);
  });

  test("a black-hole drop on ingress from a peer loses one call with entries", async () => {
    await set(1, {
      id: "lose-append",
      direction: "ingress",
      peer: "node-0",
      method: "AppendEntries",
      match: { request: { entries_count: { gte: 1 } } },
      action: { kind: "drop" },
    });
    assert.equal((await peerCall(0, 1, "append")).reply?.code, OK, "a heartbeat passes");
    const lost = await peerCall(0, 1, "append", { entries: 1, peerDeadlineMs: 300 });
    assert.equal(lost.reply?.code, DEADLINE_EXCEEDED);
    assert.equal((await peerCall(0, 1, "append", { entries: 1 })).reply?.code, OK, "once");
    const [firing] = (await f.control(1).firings()).items;
    assert.deepEqual([firing?.from, firing?.to, firing?.seq], ["node-0", "node-1", null]);
  });

  test("a cut for N ms black-holes the node's links both ways, then heals", async () => {
    await set(0, {
      id: "cut-on-vote",
      direction: "egress",
      method: "RequestVote",
      action: { kind: "cut", forMs: 4_000 },
    });
    assert.equal((await peerCall(0, 1, "vote")).reply?.code, OK, "the call that fired passes");
    const { cuts } = await f.control(0).triggers();
    assert.deepEqual(
      cuts.map((c) => [c.link, c.ruleId]),
      [
        ["node-1", "cut-on-vote"],
        ["node-2", "cut-on-vote"],
      ],
    );
    const out = await peerCall(0, 2, "vote", { peerDeadlineMs: 300 });
    const into = await peerCall(1, 0, "vote", { peerDeadlineMs: 300 });
    assert.deepEqual([out.reply?.code, into.reply?.code], [DEADLINE_EXCEEDED, DEADLINE_EXCEEDED]);
    assert.equal((await peerCall(1, 2, "vote")).reply?.code, OK, "other nodes' links untouched");
    const until = Date.now() + WAIT_MS_MAX;
    while ((await f.control(0).triggers()).cuts.length > 0) {
      assert.ok(Date.now() < until, "the cut never healed");
      await sleep(100);
    }
    assert.equal((await peerCall(0, 2, "vote")).reply?.code, OK);
    assert.equal((await peerCall(1, 0, "vote")).reply?.code, OK);
  });

  test("a timed pause on an answered call: paused, then running again", async () => {
    await set(2, {
      id: "pause-after-echo",
      direction: "ingress",
      method: "Echo",
      phase: "complete",
      action: { kind: "pause", forMs: 3_000 },
    });
    assert.equal((await f.clients[2]!.echo("x")).code, OK);
    assert.equal((await f.control(2).status()).state, "paused");
    await waitState(f.control(2), "running");
  });

  test("the rule list counts matches and firings; clearing stops them and lifts cuts", async () => {
    await set(1, {
      id: "every-second-echo",
      direction: "ingress",
      peer: "client",
      method: "/testnode.TestNode/Echo",
      nth: 2,
      once: false,
      action: { kind: "cut", links: ["node-2"] },
    });
    await set(1, { id: "never", direction: "egress", method: "Hog", action: { kind: "kill" } });
    for (let i = 0; i < 3; i++) assert.equal((await f.clients[1]!.echo(`e${i}`)).code, OK);
    const { rules, cuts } = await f.control(1).triggers();
    assert.deepEqual(
      rules.map((r) => [r.id, r.phase, r.matches, r.fired, r.firedAtMs.length, r.spent]),
      [
        ["every-second-echo", "start", 3, 2, 2, false],
        ["never", "start", 0, 0, 0, false],
      ],
    );
    assert.deepEqual(
      cuts.map((c) => [c.link, c.untilMs]),
      [["node-2", null]],
    );
    const page = await f.control(1).firings();
    assert.equal(page.items.length, 2);
    assert.deepEqual((await f.control(1).firings({ since: page.next })).items, []);

    assert.equal(
      (await peerCall(1, 2, "vote", { peerDeadlineMs: 300 })).reply?.code,
      DEADLINE_EXCEEDED,
    );
    await f.control(1).clearTriggers();
    assert.deepEqual(await f.control(1).triggers(), { rules: [], cuts: [] });
    assert.equal((await peerCall(1, 2, "vote")).reply?.code, OK, "the cut was lifted");
    for (let i = 0; i < 2; i++) assert.equal((await f.clients[1]!.echo(`f${i}`)).code, OK);
    assert.equal((await f.control(1).firings({ since: page.next })).items.length, 0);
  });

  test("a bad rule is refused with the reason and changes nothing", async () => {
    await assert.rejects(
      set(0, { ...killAfterPut, match: { response: { status: "FINE" } } }),
      /one of STATUS_UNSPECIFIED, OK/,
    );
    await assert.rejects(
      set(0, { ...killAfterPut, phase: "start", action: { kind: "drop" } }),
      /match.response needs the "complete" phase/,
    );
    assert.deepEqual((await f.control(0).triggers()).rules, []);
  });
});
