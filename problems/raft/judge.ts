// The judge's side of a Raft run: the leader-based store's clients over raft.proto, the
// leader read from the traffic (raftSignal), and Raft's checks.
import { leaderKvJudge } from "../../harness/leader-kv/judge.ts";
import { LeaderTracker } from "../../harness/leader-kv/leader-tracker.ts";
import { raftChecks } from "./checks.ts";
import { raftSignal } from "./signal.ts";
import { raftWire } from "./wire.ts";

export const judge = leaderKvJudge({
  wire: raftWire,
  roles: () => new LeaderTracker(raftSignal),
  checks: raftChecks,
});
