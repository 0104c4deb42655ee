import { test } from "vitest";
import assert from "node:assert/strict";
import { LeaderTracker } from "../../../harness/leader-kv/leader-tracker.ts";
import { raftSignal } from "../signal.ts";
import { append, heartbeats, NODES, vote } from "./fixtures.ts";

test("the leader is the recent AppendEntries sender of the highest term; votes show none", () => {
  const tracker = new LeaderTracker(raftSignal);
  // Fed as the judge feeds it while a run goes on: each batch as it comes.
  const first = heartbeats("node-0", NODES, 1, 0, 1000, 100);
  tracker.observe(first.filter((m) => m.startMs < 300));
  assert.equal(tracker.current(300), "node-0");
  // A leader of a higher term, silent after this one message.
  tracker.observe([append("node-3", "node-1", 3, 300)]);
  assert.equal(tracker.current(400), "node-3");
  tracker.observe(first.filter((m) => m.startMs >= 300));
  tracker.observe(heartbeats("node-2", NODES, 2, 1000, 1500, 100));
  tracker.observe([vote("node-4", "node-1", 9, true, 1450)]);
  // node-3 unheard for over a second; node-2's term is above node-0's; a vote shows no leader.
  assert.equal(tracker.current(1450), "node-2");
  assert.equal(tracker.current(3000), null);
});
