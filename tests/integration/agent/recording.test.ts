// What the agent records and how intact it forwards: the message log and counters match
// the calls made, Raft messages are decoded, and headers, large messages, trailers and
// deadlines pass through unchanged. Also the control API's refusals.
import { afterAll, beforeAll, beforeEach, describe, test } from "vitest";
import assert from "node:assert/strict";
import { status as grpcStatus } from "@grpc/grpc-js";
import type { MessageRecord } from "../../../shared/ports/cluster.ts";
import { AgentControlError } from "../../../shared/agent/control-client.ts";
import { deployFixture, type Fixture } from "./fixture.ts";

const { OK } = grpcStatus;
const ECHO = "/testnode.TestNode/Echo";
const CALL_PEER = "/testnode.TestNode/CallPeer";
const VOTE = "/raft.ConsensusNode/RequestVote";
const APPEND = "/raft.ConsensusNode/AppendEntries";

describe("recording and forwarding", () => {
  let f: Fixture;
  beforeAll(async () => (f = await deployFixture()));
  afterAll(async () => f?.close());
  beforeEach(async () => f.reset());

  test("the log and counters match the calls made, each recorded once", async () => {
    for (let i = 0; i < 3; i++) assert.equal((await f.clients[0]!.echo(`e${i}`)).code, OK);
    assert.equal((await f.clients[0]!.callPeer("node-1", "vote", 7)).reply?.code, OK);
    assert.equal(
      (await f.clients[0]!.callPeer("node-2", "append", 8, { entries: 3 })).reply?.code,
      OK,
    );

    assert.deepEqual(await f.control(0).counters(), {
      [ECHO]: 3,
      [CALL_PEER]: 2,
      [VOTE]: 1,
      [APPEND]: 1,
    });
    // The peers' agents forwarded those calls to their nodes without recording them again.
    assert.deepEqual(await f.control(1).counters(), {});
    assert.deepEqual(await f.control(2).counters(), {});

    const log = (await f.control(0).messages()).items;
    const shape = (m: MessageRecord) => [m.from, m.to, m.method, m.status];
    assert.deepEqual(
      log.map(shape).sort(),
      [
        ["client", "node-0", ECHO, OK],
        ["client", "node-0", ECHO, OK],
        ["client", "node-0", ECHO, OK],
        ["client", "node-0", CALL_PEER, OK],
        ["client", "node-0", CALL_PEER, OK],
        ["node-0", "node-1", VOTE, OK],
        ["node-0", "node-2", APPEND, OK],
      ].sort(),
    );
    for (const m of log) {
      assert.ok(m.requestBytes > 5 && m.responseBytes > 5, "sizes include the messages");
      assert.ok(m.endMs !== null && m.endMs >= m.startMs);
    }
  });

  test("Raft messages are decoded: term, ids, vote, entry count", async () => {
    await f.clients[0]!.callPeer("node-1", "vote", 7);
    await f.clients[0]!.callPeer("node-2", "append", 8, { entries: 3 });
    const log = (await f.control(0).messages()).items;
    const vote = log.find((m) => m.method === VOTE);
    assert.deepEqual(vote?.request, {
      term: 7,
      candidate_id: "node-0",
      last_log_index: 0,
      last_log_term: 0,
    });
    assert.deepEqual(vote?.response, { term: 7, vote_granted: true });
    const append = log.find((m) => m.method === APPEND);
    assert.deepEqual(append?.request, {
      term: 8,
      leader_id: "node-0",
      prev_log_index: 0,
      prev_log_term: 0,
      entries_count: 3,
      leader_commit: 0,
    });
    assert.deepEqual(append?.response, {
      term: 8,
      success: true,
      conflict_term: 0,
      conflict_index: 0,
    });
    // Not the problem's proto: sizes only.
    assert.equal(log.find((m) => m.method === ECHO)?.request, undefined);
  });

  test("reads page with `since`; clear empties the log and counters", async () => {
    await f.clients[0]!.echo("a");
    const first = await f.control(0).messages();
    assert.equal(first.items.length, 1);
    await f.clients[0]!.echo("b");
    const second = await f.control(0).messages({ since: first.next });
    assert.deepEqual(
      second.items.map((m) => m.seq),
      [first.next + 1],
    );
    assert.equal(second.dropped, 0);
    await f.control(0).clear();
    assert.deepEqual(await f.control(0).counters(), {});
    assert.deepEqual((await f.control(0).messages({ since: second.next })).items, []);
  });

  test("messages, metadata, trailers and deadlines pass intact", async () => {
    const big = "x".repeat(3 * 1024 * 1024); // many HTTP/2 frames and flow-control windows
    const echoed = await f.clients[0]!.echo(big, {
      metadata: { "x-echo": "kept" },
      deadlineMs: 20_000,
    });
    assert.equal(echoed.code, OK);
    assert.equal(echoed.reply?.text, big);
    assert.deepEqual(echoed.trailers["x-echo"], ["kept"]);
    const left = echoed.reply?.deadline_left_ms ?? 0;
    assert.ok(left > 0 && left <= 20_000, `the node saw a deadline (${left} ms left)`);
    const record = (await f.control(0).messages()).items[0];
    assert.ok(
      (record?.requestBytes ?? 0) > big.length && (record?.responseBytes ?? 0) > big.length,
    );
  });

  test("the node's log is kept with time stamps", async () => {
    const page = await f.control(0).logs();
    const serving = page.items.find((l) => l.stream === "stdout" && l.line.includes("serving"));
    assert.ok(serving, JSON.stringify(page.items));
    assert.ok(serving.atMs > 1.7e12, "epoch milliseconds");
    const later = await f.control(0).logs({ since: page.next });
    assert.deepEqual(later.items, []);
  });

  test("the control API refuses what it cannot do, with a reason", async () => {
    const rejects = async (p: Promise<unknown>, status: number, pattern: RegExp) => {
      const err = await p.then(
        () => null,
        (e: unknown) => e,
      );
      assert.ok(err instanceof AgentControlError, String(err));
      assert.equal(err.status, status);
      assert.match(err.message, pattern);
    };
    await rejects(
      f.control(0).setLinks([{ link: "node-9", partition: "refuse" }]),
      400,
      /unknown link/,
    );
    await rejects(
      f.control(0).setLinks([{ link: "node-1", dropProbability: 2 }]),
      400,
      /dropProbability/,
    );
    await rejects(f.control(0).start(), 409, /already running/);
    await rejects(f.control(0).wipe(), 409, /stopped/);
    await f.control(0).kill();
    await rejects(f.control(0).pause(), 409, /not running/);
  });
});
