// The reference's logic over a seeded simulated network (simulation.ts): every check holds
// on thousands of random schedules with delays, resends, pauses and concurrent snapshots;
// and retries, refusals and out-of-order numbers get the answers the statement gives.
import assert from "node:assert/strict";
import fc from "fast-check";
import { test } from "vitest";
import { snapshotChecks } from "../checks.ts";
import { ChannelSender } from "../reference/typescript/channel-sender.ts";
import { Refused, SnapshotNode } from "../reference/typescript/snapshot-node.ts";
import { NODES, simulate, type SimOptions } from "./simulation.ts";

const reference = { ChannelSender, SnapshotNode };

// Delays from 0 up to 1.3 times the call timeout: some calls time out and are resent while
// their first copy still arrives, but every attempt may succeed (a link slower than the
// timeout every time is one no node can use, and no scenario has one).
const arbitraryRun: fc.Arbitrary<SimOptions> = fc
  .record({
    seed: fc.integer({ min: 1, max: 2 ** 31 }),
    transfers: fc.integer({ min: 0, max: 120 }),
    amountMax: fc.integer({ min: 1, max: 600 }),
    snapshotGroups: fc.integer({ min: 1, max: 4 }),
    groupSize: fc.integer({ min: 1, max: 3 }),
    delay: fc.tuple(
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.double({ min: 0, max: 1, noNaN: true }),
    ),
    callTimeoutMs: fc.integer({ min: 100, max: 500 }),
    durationMs: fc.integer({ min: 100, max: 5000 }),
    pause: fc.option(
      fc.record({
        node: fc.constantFrom(...NODES),
        fromMs: fc.integer({ min: 0, max: 3000 }),
        toMs: fc.integer({ min: 3000, max: 6000 }),
      }),
      { nil: undefined },
    ),
  })
  .map(({ delay: [low, spread], ...rest }) => {
    const min = Math.floor(low * 0.9 * rest.callTimeoutMs);
    const max = Math.max(min, Math.floor(min + spread * (1.3 * rest.callTimeoutMs - min)));
    return { ...rest, delayMs: [min, max] as [number, number] };
  });

test("every check holds on the reference over random schedules", () => {
  fc.assert(
    fc.property(arbitraryRun, (opts) => {
      const run = simulate(reference, opts);
      for (const check of snapshotChecks) {
        const result = check.run(run, { searchTimeoutMs: 1000 });
        assert.equal(result.status, "holds", `${result.property}: ${result.message}`);
      }
    }),
    { numRuns: 3000 },
  );
});

function nodeWithPeers(): {
  node: SnapshotNode;
  sent: { to: string; kind: string; seq: number }[];
} {
  const sent: { to: string; kind: string; seq: number }[] = [];
  const senders = new Map(
    ["node-1", "node-2"].map((peer) => [
      peer,
      new ChannelSender(
        "node-0",
        (msg) => sent.push({ to: peer, kind: msg.kind, seq: msg.sequence }),
        () => {},
      ),
    ]),
  );
  return { node: new SnapshotNode("node-0", senders), sent };
}

test("a retried transfer is paid once and a refusal is repeated; a snapshot is recorded once", () => {
  const { node, sent } = nodeWithPeers();
  node.transfer({ client_id: "c", sequence: 1, to: "node-1", amount: 600 });
  node.transfer({ client_id: "c", sequence: 1, to: "node-1", amount: 600 });
  assert.throws(
    () => node.transfer({ client_id: "c", sequence: 2, to: "node-2", amount: 600 }),
    Refused,
  );
  assert.throws(
    () => node.transfer({ client_id: "c", sequence: 2, to: "node-2", amount: 1 }),
    Refused,
  );
  assert.equal(sent.length, 1, "the only message out: the first transfer's tokens");
  node.startSnapshot(7);
  node.startSnapshot(7);
  assert.deepEqual(
    sent.map((s) => `${s.to} ${s.kind}`),
    ["node-1 TOKENS", "node-2 MARKER"],
    "the marker to node-1 waits behind the tokens it has not acknowledged",
  );
  const view = node.getSnapshot(7);
  assert.equal(view.balance, 400);
  assert.equal(view.complete, false);
  assert.equal(node.getSnapshot(8).recorded, false);
});

test("a receiver applies numbers once and in order, refusing one ahead", () => {
  const { node } = nodeWithPeers();
  const tokens = (sequence: number, amount: number) =>
    ({ from: "node-1", sequence, kind: "TOKENS", amount, snapshot_id: 0 }) as const;
  node.startSnapshot(1);
  node.deliver(tokens(1, 5));
  node.deliver(tokens(1, 5));
  assert.throws(() => node.deliver(tokens(3, 9)), Refused);
  node.deliver({ from: "node-1", sequence: 2, kind: "MARKER", amount: 0, snapshot_id: 1 });
  const channel = node.getSnapshot(1).channels.find((c) => c.from === "node-1");
  assert.deepEqual(channel, {
    from: "node-1",
    last_applied: 0,
    marker_received: true,
    marker_sequence: 2,
    messages: [{ sequence: 1, amount: 5 }],
  });
});
