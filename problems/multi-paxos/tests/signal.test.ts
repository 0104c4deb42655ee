// Multi-Paxos's leader signal on hand-made traffic: ballots rank as compareBallots orders
// them, the role tracker follows the highest ballot shown lately by Heartbeat or Accept,
// and the heartbeat check counts Heartbeat calls only.
import { test } from "vitest";
import assert from "node:assert/strict";
import fc from "fast-check";
import type { MessageRecord } from "../../../shared/ports/cluster.ts";
import { heartbeatCheck } from "../../../harness/leader-kv/heartbeats.ts";
import { LeaderTracker } from "../../../harness/leader-kv/leader-tracker.ts";
import { ACCEPT, HEARTBEAT, PREPARE, compareBallots, type Ballot } from "../checks/traffic.ts";
import { BALLOT_NODES, ballotRank, paxosSignal } from "../signal.ts";

const NODES = ["node-0", "node-1", "node-2", "node-3", "node-4"];

let seq = 0;

function call(method: string, from: string, to: string, b: Ballot, atMs: number): MessageRecord {
  return {
    seq: seq++,
    from,
    to,
    method,
    startMs: atMs,
    endMs: atMs + 1,
    requestBytes: 16,
    responseBytes: 8,
    status: 0,
    request: { ballot_round: b.round, ballot_node: b.node, slot: 1 },
    response: { ok: true, promised_round: b.round, promised_node: b.node },
  };
}

/** `method` calls from `leader` to every other node, every `everyMs`, in [fromMs, toMs). */
function every(
  method: string,
  leader: string,
  b: Ballot,
  fromMs: number,
  toMs: number,
  everyMs: number,
): MessageRecord[] {
  const out: MessageRecord[] = [];
  for (let t = fromMs; t < toMs; t += everyMs)
    for (const n of NODES) if (n !== leader) out.push(call(method, leader, n, b, t));
  return out;
}

test("ballot ranks are ordered as ballots are; a node number past the bound has none", () => {
  const ballot = fc.record({
    round: fc.integer({ min: 0, max: 2 ** 40 }),
    node: fc.integer({ min: 0, max: BALLOT_NODES - 1 }),
  });
  fc.assert(
    fc.property(ballot, ballot, (a, b) => {
      const [ra, rb] = [ballotRank(a), ballotRank(b)] as [number, number];
      assert.equal(Math.sign(ra - rb), Math.sign(compareBallots(a, b)));
    }),
  );
  assert.equal(ballotRank({ round: 3, node: BALLOT_NODES }), null);
  assert.equal(ballotRank({ round: 2 ** 53, node: 0 }), null);
});

test("the tracker picks the recent Heartbeat or Accept sender of the highest ballot", () => {
  const tracker = new LeaderTracker(paxosSignal);
  // Fed as the judge feeds it while a run goes on: each batch as it comes.
  const heartbeats = every(HEARTBEAT, "node-0", { round: 1, node: 0 }, 0, 2000, 100);
  tracker.observe(heartbeats.filter((m) => m.startMs < 400));
  assert.equal(tracker.current(400), "node-0");
  // A higher node number in the same round; then a higher round with a lower node.
  tracker.observe([call(ACCEPT, "node-4", "node-1", { round: 1, node: 4 }, 500)]);
  assert.equal(tracker.current(600), "node-4");
  tracker.observe([call(ACCEPT, "node-1", "node-2", { round: 2, node: 1 }, 900)]);
  // A Prepare shows no leader, however high its ballot.
  tracker.observe([call(PREPARE, "node-3", "node-2", { round: 9, node: 3 }, 1000)]);
  assert.equal(tracker.current(1000), "node-1");
  // node-1 and node-4 silent for over a second: node-0's heartbeats lead again.
  tracker.observe(heartbeats.filter((m) => m.startMs >= 400));
  assert.equal(tracker.current(1950), "node-0");
  assert.equal(tracker.current(4000), null);
});

test("the heartbeat check counts Heartbeat calls only", () => {
  const run = (messages: MessageRecord[]) => ({
    messages,
    nodes: NODES,
    idleWindows: [[0, 3000]] as [number, number][],
    originMs: 0,
  });
  const check = heartbeatCheck(paxosSignal);
  const b = { round: 1, node: 0 };
  // Accepts every 20 ms would be a flood were they counted.
  const steady = [
    ...every(HEARTBEAT, "node-0", b, 0, 3000, 100),
    ...every(ACCEPT, "node-0", b, 0, 3000, 20),
  ];
  assert.equal(check(run(steady)).status, "holds");
  const flood = check(run(every(HEARTBEAT, "node-0", b, 0, 3000, 30)));
  assert.equal(flood.status, "violated");
  assert.match(flood.message, /leader node-0 sent node-1 100 Heartbeat in 3.0 s/);
  const acceptsOnly = check(run(every(ACCEPT, "node-0", b, 0, 3000, 100)));
  assert.equal(acceptsOnly.status, "violated");
  assert.match(acceptsOnly.message, /no node sent Heartbeat for 3.0 s/);
  // Two ballots inside the window: an election, not a steady state.
  const election = [
    ...every(HEARTBEAT, "node-0", b, 0, 1500, 100),
    ...every(HEARTBEAT, "node-2", { round: 2, node: 2 }, 1500, 3000, 100),
  ];
  assert.equal(check(run(election)).status, "inconclusive");
});
