// The agent's two paths: a connection whose link has no rules is relayed byte for byte (the
// fast path); a rule moves live connections to the full proxy, which applies faults, and a
// heal moves them back. A node that is down is answered by the full proxy until it is up.
import { afterAll, beforeAll, beforeEach, describe, test } from "vitest";
import assert from "node:assert/strict";
import { status as grpcStatus } from "@grpc/grpc-js";
import type { ControlClient } from "../../../shared/agent/control-client.ts";
import { deployFixture, sleep, waitState, type Fixture } from "./fixture.ts";

const { OK, UNAVAILABLE } = grpcStatus;
const WAIT_MS_MAX = 20_000;

describe("fast path and full proxy", () => {
  let f: Fixture;
  beforeAll(async () => (f = await deployFixture()));
  afterAll(async () => f?.close());
  beforeEach(async () => f.reset());

  const agent = (i: number) => f.control(i) as unknown as ControlClient;
  const connections = async (i: number) => (await agent(i).info()).connections;
  const peerCall = (from: number, to: number, peerDeadlineMs = 60_000) =>
    f.clients[from]!.callPeer(`node-${to}`, "vote", 1, { peerDeadlineMs });
  /** Polls until `check` holds for agent i's connections; fails with the last counts. */
  const until = async (i: number, check: (c: { fast: number; full: number }) => boolean) => {
    const end = Date.now() + WAIT_MS_MAX;
    for (;;) {
      const counts = await connections(i);
      if (check(counts)) return counts;
      if (Date.now() > end) assert.fail(`agent ${i}: connections ${JSON.stringify(counts)}`);
      await sleep(25);
    }
  };

  test("a rule moves a live fast connection to the full proxy; a heal moves it back", async () => {
    assert.equal((await peerCall(0, 1)).reply?.code, OK);
    await until(0, (c) => c.fast >= 1);
    await until(1, (c) => c.fast >= 1);
    await f.control(0).setLinks([{ link: "node-1", partition: "refuse" }]);
    // Only the full proxy refuses: had the connection stayed on the relay, this would pass.
    const refused = await peerCall(0, 1);
    assert.equal(refused.reply?.code, UNAVAILABLE);
    assert.match(refused.reply?.details ?? "", /partitioned/);
    await until(0, (c) => c.full >= 1);
    await f.control(0).setLinks([]);
    assert.equal((await peerCall(0, 1)).reply?.code, OK);
    await until(0, (c) => c.fast >= 1 && c.full === 0);
    const log = (await f.control(0).messages()).items.filter((m) => m.to === "node-1");
    assert.deepEqual(
      log.map((m) => [m.status, m.fault]),
      [
        [OK, undefined],
        [UNAVAILABLE, "refuse"],
        [OK, undefined],
      ],
    );
  });

  test("callers of a killed node hear UNAVAILABLE at once, and ride the relay again after", async () => {
    assert.equal((await peerCall(0, 1)).reply?.code, OK);
    await f.control(1).kill();
    assert.equal((await f.control(1).status()).state, "stopped");
    // A deadline far beyond the test: only the full proxy's answer can end the call.
    assert.equal((await peerCall(0, 1)).reply?.code, UNAVAILABLE);
    await until(1, (c) => c.full >= 1);
    await f.control(1).start();
    await waitState(f.control(1), "running");
    await until(1, (c) => c.full === 0);
    assert.equal((await peerCall(0, 1)).reply?.code, OK);
    await until(1, (c) => c.fast >= 1);
  });

  test("every call through the relay chain is recorded once, by the caller's agent", async () => {
    for (let i = 0; i < 20; i++) assert.equal((await peerCall(0, 2)).reply?.code, OK);
    const sent = (await f.control(0).messages()).items.filter((m) => m.to === "node-2");
    const received = (await f.control(2).messages()).items.filter((m) => m.from === "node-0");
    assert.equal(sent.length, 20);
    assert.equal(received.length, 0, "the receiving agent saw the FROM header and kept quiet");
    assert.ok(sent.every((m) => m.status === OK && m.requestBytes > 0 && m.responseBytes > 0));
    assert.ok((await connections(0)).fast >= 1);
  });
});
