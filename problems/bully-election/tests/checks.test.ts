// The bully checks on hand-made runs: each one holding, violated with the words a learner
// reads, and inconclusive without evidence.
import assert from "node:assert/strict";
import { test } from "vitest";
import type { FaultWindow, RunRecord } from "../../../harness/run-record.ts";
import type { MessageRecord } from "../../../shared/ports/cluster.ts";
import { runRecord } from "../../../tests/support/run-record.ts";
import { checkAgreement, checkConvergence, checkTakeover } from "../checks/answers.ts";
import { checkAnnouncements, checkElectionAnswers, checkMessages } from "../checks/traffic.ts";
import type { PollOp } from "../client.ts";

const NODES = ["node-0", "node-1", "node-2", "node-3", "node-4"];
let nextId = 0;

function runOf(fields: Partial<RunRecord<PollOp>>): RunRecord<PollOp> {
  return runRecord({ problem: "bully-election", nodes: NODES, endMs: 20000, ...fields });
}

/** node answered at `at` that it names `named` (null: nobody). */
function poll(node: string, named: number | null, at: number): PollOp {
  return {
    id: nextId++,
    client: "c0",
    f: "coordinator",
    output: named,
    outcome: "ok",
    startMs: at,
    endMs: at + 5,
    attempts: [{ node, startMs: at, endMs: at + 5, result: "ok" }],
  };
}

const polls = (named: number | null, from: number, to: number, nodes = NODES): PollOp[] =>
  nodes.flatMap((n, i) => {
    const out: PollOp[] = [];
    for (let t = from + i * 10; t < to; t += 500) out.push(poll(n, named, t));
    return out;
  });

const killed = (node: string, startMs: number, endMs: number | null): FaultWindow => ({
  startMs,
  endMs,
  description: `killed ${node}`,
  stopped: [node],
});

function call(
  method: "Election" | "Coordinator",
  from: string,
  to: string,
  startMs: number,
  took: number,
  status: number,
  election: number,
  fault?: MessageRecord["fault"],
): MessageRecord {
  return {
    seq: nextId++,
    from,
    to,
    method: `/bully.BullyNode/${method}`,
    startMs,
    endMs: startMs + took,
    requestBytes: 6,
    responseBytes: 0,
    status,
    request: { sender: Number(from.slice(5)), election },
    ...(fault ? { fault } : {}),
  };
}

test("agreement: one coordinator named once settled; two, or nobody, are named", () => {
  const steady = polls(4, 0, 10000);
  assert.equal(checkAgreement(runOf({ history: steady })).status, "holds");
  // Before the bound anything goes: the start-up election.
  const early = [poll("node-0", 2, 1000), poll("node-1", null, 1500), ...steady];
  assert.equal(checkAgreement(runOf({ history: early })).status, "holds");
  const split = checkAgreement(runOf({ history: [...steady, poll("node-1", 3, 6000)] }));
  assert.equal(split.status, "violated");
  assert.match(split.message, /node-0 named node-4 at 3.0 s but node-1 named node-3 at 6.0 s/);
  const none = checkAgreement(runOf({ history: [...steady, poll("node-2", null, 7000)] }));
  assert.match(none.message, /node-2 named nobody \(electing\) at 7.0 s.*must name a coordinator/);
  // During a partition two coordinators are allowed.
  const cut: FaultWindow = { startMs: 2000, endMs: 9000, description: "partition" };
  const sides = [
    ...polls(2, 5000, 9000, NODES.slice(0, 3)),
    ...polls(4, 5000, 9000, NODES.slice(3)),
  ];
  assert.equal(checkAgreement(runOf({ history: sides, faults: [cut] })).status, "inconclusive");
  const healed = [...sides, ...polls(4, 12000, 14000)];
  assert.equal(checkAgreement(runOf({ history: healed, faults: [cut] })).status, "holds");
  assert.equal(checkAgreement(runOf({ history: polls(4, 0, 2900) })).status, "inconclusive");
});

test("convergence: the highest live node within the bound of each change", () => {
  const kill = killed("node-4", 2000, null);
  const after = (named: number) => [
    ...polls(4, 0, 2000),
    ...polls(named, 2100, 4000, NODES.slice(0, 4)),
    ...polls(3, 4000, 9000, NODES.slice(0, 4)),
  ];
  const ok = checkConvergence(runOf({ history: after(4), faults: [kill] }));
  assert.equal(ok.status, "holds", ok.message);
  assert.match(ok.message, /latest other answer began 1.6 s after its change/);
  const stale = [...after(4), poll("node-1", 4, 5200)];
  const late = checkConvergence(runOf({ history: stale, faults: [kill] }));
  assert.equal(late.status, "violated");
  assert.match(
    late.message,
    /node-1 named node-4 at 5.2 s, 3.2 s after killed node-4 at 2.0 s; within 3 s every live node must name node-3/,
  );
  // All of them naming a dead node agree, but do not converge.
  const dead = [...polls(4, 0, 9000, NODES.slice(0, 4))];
  assert.equal(checkAgreement(runOf({ history: dead, faults: [kill] })).status, "holds");
  assert.equal(checkConvergence(runOf({ history: dead, faults: [kill] })).status, "violated");
  assert.equal(checkConvergence(runOf({ history: [] })).status, "inconclusive");
});

test("takeover: a restarted highest node is named within the bound", () => {
  const down = killed("node-4", 1000, 5000);
  const back = (named: number) => [...polls(3, 4000, 5000), ...polls(named, 8100, 10000)];
  assert.equal(checkTakeover(runOf({ history: back(4), faults: [down] })).status, "holds");
  const stuck = checkTakeover(runOf({ history: back(3), faults: [down] }));
  assert.equal(stuck.status, "violated");
  assert.match(
    stuck.message,
    /node-0 named node-3 at 8.1 s, 3.1 s after the end of: killed node-4/,
  );
  // A restarted lower node is not a takeover.
  const lower = killed("node-1", 1000, 5000);
  assert.equal(checkTakeover(runOf({ history: back(4), faults: [lower] })).status, "inconclusive");
});

test("election answers: every Election that reached a running node is answered OK in time", () => {
  const answered = [call("Election", "node-1", "node-3", 3100, 3, 0, 1)];
  assert.equal(checkElectionAnswers(runOf({ messages: answered })).status, "holds");
  const silent = checkElectionAnswers(
    runOf({ messages: [...answered, call("Election", "node-1", "node-4", 3100, 300, 1, 1)] }),
  );
  assert.equal(silent.status, "violated");
  assert.match(
    silent.message,
    /node-4 was running and reachable but did not answer node-1's Election/,
  );
  assert.match(silent.excerpt?.[0] ?? "", /Election \(election 1\) node-1 → node-4 at 3.1 s/);
  const slow = call("Election", "node-1", "node-4", 3100, 420, 0, 1);
  assert.equal(checkElectionAnswers(runOf({ messages: [slow] })).status, "violated");
  // Not up yet, cut off, or killed: no answer is owed.
  const excused = [
    call("Election", "node-1", "node-4", 3100, 2, 14, 1),
    call("Election", "node-1", "node-4", 3200, 300, 1, 1, "blackhole"),
    call("Election", "node-1", "node-4", 5100, 300, 1, 2),
  ];
  const run = runOf({ messages: excused, faults: [killed("node-4", 5000, null)] });
  assert.equal(checkElectionAnswers(run).status, "inconclusive");
  // The start-up is not judged: five processes still loading may each be slow to answer.
  const startUp = [call("Election", "node-1", "node-4", 100, 300, 4, 1)];
  assert.equal(checkElectionAnswers(runOf({ messages: startUp })).status, "inconclusive");
});

test("announcements: no node announces an election a higher node answered OK", () => {
  const refused = [
    call("Election", "node-3", "node-4", 3100, 2, 14, 1),
    call("Coordinator", "node-3", "node-0", 3103, 2, 0, 1),
  ];
  assert.equal(checkAnnouncements(runOf({ messages: refused })).status, "holds");
  const overruled = [
    call("Election", "node-1", "node-3", 3100, 3, 0, 2),
    call("Coordinator", "node-1", "node-0", 3101, 2, 0, 2),
  ];
  const bad = checkAnnouncements(runOf({ messages: overruled }));
  assert.equal(bad.status, "violated");
  assert.match(
    bad.message,
    /node-1 announced itself coordinator \(election 2\) at 3.1 s, although node-3, a higher id, had answered/,
  );
  // An OK near the deadline may not have been heard; another election's OK is not this one's.
  const unheard = [
    call("Election", "node-1", "node-3", 3100, 290, 0, 2),
    call("Election", "node-1", "node-3", 3100, 3, 0, 1),
    call("Coordinator", "node-1", "node-0", 3400, 2, 0, 2),
  ];
  assert.equal(checkAnnouncements(runOf({ messages: unheard })).status, "holds");
  // Numbers start again after a restart: the earlier life's Election is not this one's.
  const reborn = [
    call("Election", "node-1", "node-3", 3100, 3, 0, 1),
    call("Election", "node-1", "node-3", 6000, 2, 14, 1),
    call("Coordinator", "node-1", "node-0", 6300, 2, 0, 1),
  ];
  const faults = [killed("node-1", 4000, 5500)];
  assert.equal(checkAnnouncements(runOf({ messages: reborn, faults })).status, "holds");
  assert.equal(checkAnnouncements(runOf({ messages: [] })).status, "inconclusive");
  // The start-up is not judged: a node still loading may handle an OK after its deadline.
  const startUp = [
    call("Election", "node-1", "node-3", 100, 3, 0, 2),
    call("Coordinator", "node-1", "node-0", 400, 2, 0, 2),
  ];
  assert.equal(checkAnnouncements(runOf({ messages: startUp })).status, "inconclusive");
});

test("messages: Elections and Coordinators after a change and once settled stay within the limits", () => {
  const burst = (from: number, count: number) =>
    Array.from({ length: count }, (_, i) =>
      call("Election", "node-0", "node-1", from + i, 2, 0, i),
    );
  // The start-up's own election is not limited; the settled time after it is.
  assert.equal(checkMessages(runOf({ messages: burst(-500, 60) })).status, "holds");
  const settled = checkMessages(runOf({ messages: burst(5000, 41) }));
  assert.equal(settled.status, "violated");
  assert.match(
    settled.message,
    /41 Election and 0 Coordinator calls from 3.0 s to the end, after the start had settled/,
  );
  const kill = [killed("node-4", 4000, null)];
  assert.equal(checkMessages(runOf({ messages: burst(4100, 40), faults: kill })).status, "holds");
  const storm = checkMessages(runOf({ messages: burst(4100, 41), faults: kill }));
  assert.match(storm.message, /from 4.0 s to 7.0 s, after killed node-4/);
});
