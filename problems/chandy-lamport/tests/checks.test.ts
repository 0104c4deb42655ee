// The checks on hand-made runs: one snapshot started at node-0 while node-1's payment of 5
// tokens to node-0 is on its way. node-0 records first (balance 1000, the 5 tokens in its
// channel from node-1); node-1 records on node-0's marker (995, having paid before); node-2
// (1000). Each check holds on it, and names each way of breaking it.
import assert from "node:assert/strict";
import { test } from "vitest";
import type { Check } from "../../../harness/problem.ts";
import type { RunRecord } from "../../../harness/run-record.ts";
import type { MessageRecord } from "../../../shared/ports/cluster.ts";
import { runRecord } from "../../../tests/support/run-record.ts";
import { balancesCheck } from "../checks/balances.ts";
import { channelStatesCheck } from "../checks/channel-states.ts";
import { channelsCheck } from "../checks/channels.ts";
import { completionCheck } from "../checks/completion.ts";
import { conservationCheck } from "../checks/conservation.ts";
import { DELIVER } from "../checks/traffic.ts";
import type { ChannelView, SnapshotOp, SnapshotView } from "../client.ts";

const NODES = ["node-0", "node-1", "node-2"];

function deliver(
  from: string,
  to: string,
  sequence: number,
  startMs: number,
  content: { amount: number } | { marker: number },
  status = 0,
): MessageRecord {
  const tokens = "amount" in content;
  return {
    seq: 0,
    from,
    to,
    method: DELIVER,
    startMs,
    endMs: startMs + 10,
    requestBytes: 20,
    responseBytes: 5,
    status,
    request: {
      from,
      sequence,
      kind: tokens ? "TOKENS" : "MARKER",
      amount: tokens ? content.amount : 0,
      snapshot_id: tokens ? 0 : content.marker,
    },
  };
}

const channel = (from: string, last: number, marker: number, msgs: number[][] = []) =>
  ({
    from,
    last_applied: last,
    marker_received: true,
    marker_sequence: marker,
    messages: msgs.map(([sequence, amount]) => ({ sequence, amount })),
  }) as ChannelView;

const view = (balance: number, channels: ChannelView[]): SnapshotView => ({
  recorded: true,
  balance,
  complete: true,
  channels,
});

function read(node: string, id: number, output: SnapshotView | undefined): SnapshotOp {
  return {
    id: 0,
    client: "final",
    f: "read",
    value: id,
    output,
    outcome: output ? "ok" : "info",
    startMs: 900,
    endMs: output ? 910 : null,
    attempts: [{ node, startMs: 900, endMs: 910, result: output ? "ok" : "deadline" }],
  };
}

const start: SnapshotOp = {
  id: 1,
  client: "s1",
  f: "start",
  value: 1,
  outcome: "ok",
  startMs: 105,
  endMs: 106,
  attempts: [{ node: "node-0", startMs: 105, endMs: 106, result: "ok" }],
};

const TRAFFIC = [
  deliver("node-1", "node-0", 1, 100, { amount: 5 }),
  deliver("node-0", "node-1", 1, 106, { marker: 1 }),
  deliver("node-0", "node-2", 1, 106, { marker: 1 }),
  deliver("node-1", "node-0", 2, 120, { marker: 1 }),
  deliver("node-1", "node-2", 1, 120, { marker: 1 }),
  deliver("node-2", "node-0", 1, 120, { marker: 1 }),
  deliver("node-2", "node-1", 1, 120, { marker: 1 }),
];

const VIEWS: Record<string, SnapshotView> = {
  "node-0": view(1000, [channel("node-1", 0, 2, [[1, 5]]), channel("node-2", 0, 1)]),
  "node-1": view(995, [channel("node-0", 0, 1), channel("node-2", 0, 1)]),
  "node-2": view(1000, [channel("node-0", 0, 1), channel("node-1", 0, 1)]),
};

function runOf(
  change: { messages?: MessageRecord[]; views?: Partial<Record<string, SnapshotView>> } = {},
): RunRecord<SnapshotOp> {
  const views = { ...VIEWS, ...change.views };
  const finalReads = NODES.map((n) => read(n, 1, views[n]));
  return runRecord({
    problem: "chandy-lamport",
    endMs: 1000,
    nodes: NODES,
    history: [start, ...finalReads],
    finalReads,
    messages: change.messages ?? TRAFFIC,
  });
}

const run = (check: Check<SnapshotOp>, record: RunRecord<SnapshotOp>) =>
  check.run(record, { searchTimeoutMs: 1000 });

test("every check holds on the consistent snapshot", () => {
  for (const check of [
    channelsCheck,
    completionCheck,
    conservationCheck,
    channelStatesCheck,
    balancesCheck,
  ])
    assert.equal(run(check, runOf()).status, "holds", check.name);
});

test("channels: a number sent before the previous was acknowledged, a skipped number, a changed resend", () => {
  const early = [...TRAFFIC, deliver("node-1", "node-0", 3, 105, { amount: 1 })];
  assert.match(
    run(channelsCheck, runOf({ messages: early })).message,
    /node-1 sent number 3 on node-1→node-0 before number 2 was acknowledged/,
  );
  const skipped = [...TRAFFIC, deliver("node-1", "node-0", 4, 200, { amount: 1 })];
  assert.match(run(channelsCheck, runOf({ messages: skipped })).message, /skipped number 3/);
  const changed = [...TRAFFIC, deliver("node-1", "node-0", 1, 130, { amount: 6 })];
  assert.match(
    run(channelsCheck, runOf({ messages: changed })).message,
    /number 1 was sent as 5 tokens and again as 6 tokens/,
  );
  assert.equal(run(channelsCheck, runOf({ messages: [] })).status, "inconclusive");
});

test("completion: a node missing a marker, or not answering, is named; no start is inconclusive", () => {
  const waiting = {
    ...view(1000, [
      channel("node-0", 0, 1),
      { ...channel("node-1", 0, 0), marker_received: false },
    ]),
    complete: false,
  };
  assert.match(
    run(completionCheck, runOf({ views: { "node-2": waiting } })).message,
    /node-2 had not completed snapshot 1 .*no marker yet from node-1/,
  );
  assert.match(
    run(completionCheck, runOf({ views: { "node-1": undefined } })).message,
    /node-1 did not answer GetSnapshot\(1\)/,
  );
  const none = runOf({ views: { "node-0": undefined, "node-1": undefined, "node-2": undefined } });
  assert.equal(run(completionCheck, { ...none, history: [] }).status, "inconclusive");
  const attempts = [{ node: "node-0", startMs: 105, endMs: 106, result: "unimplemented" }];
  const refused = { ...start, outcome: "fail" as const, attempts };
  assert.match(
    run(completionCheck, { ...none, history: [refused] }).message,
    /node-0 refused StartSnapshot\(1\) with unimplemented/,
  );
});

test("a channel state without the tokens in flight breaks conservation and the channel states", () => {
  const empty = {
    "node-0": view(1000, [channel("node-1", 0, 2), channel("node-2", 0, 1)]),
  };
  assert.match(
    run(conservationCheck, runOf({ views: empty })).message,
    /snapshot 1 holds 2995 tokens, not the 3000/,
  );
  assert.match(
    run(channelStatesCheck, runOf({ views: empty })).message,
    /node-0 recorded node-1→node-0 for snapshot 1 as nothing, .* so the channel held #1: 5/,
  );
  const wrongMarker = {
    "node-0": view(1000, [channel("node-1", 0, 1, [[1, 5]]), channel("node-2", 0, 1)]),
  };
  assert.match(
    run(channelStatesCheck, runOf({ views: wrongMarker })).message,
    /marker on node-1→node-0 as number 1, but that marker is number 2/,
  );
  const none = runOf({ views: { "node-0": undefined } });
  assert.equal(run(conservationCheck, none).status, "inconclusive");
});

test("recorded balances: an earlier cut is as good; balances that only add up are named", () => {
  // node-0 may as well have applied the 5 tokens before it recorded: then they are in its
  // balance, not in its channel, and the cut is consistent too.
  const applied = {
    "node-0": view(1005, [channel("node-1", 1, 2), channel("node-2", 0, 1)]),
  };
  for (const check of [conservationCheck, channelStatesCheck, balancesCheck])
    assert.equal(run(check, runOf({ views: applied })).status, "holds", check.name);
  // 5 tokens moved from one balance to the other: the total holds, the balances do not.
  const swapped = {
    "node-0": view(995, [channel("node-1", 0, 2, [[1, 5]]), channel("node-2", 0, 1)]),
    "node-1": view(1000, [channel("node-0", 0, 1), channel("node-2", 0, 1)]),
  };
  assert.equal(run(conservationCheck, runOf({ views: swapped })).status, "holds");
  assert.match(
    run(balancesCheck, runOf({ views: swapped })).message,
    /node-0 recorded a balance of 995 for snapshot 1, but from the traffic it held 1000 then/,
  );
  const none = runOf({ views: { "node-1": undefined, "node-0": undefined, "node-2": undefined } });
  assert.equal(run(balancesCheck, none).status, "inconclusive");
});
