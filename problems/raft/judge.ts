// The judge's side of a Raft run: the leader-based store's clients over raft.proto, the
// leader read from the traffic, and Raft's checks.
import { leaderKvJudge } from "../../harness/leader-kv/judge.ts";
import { raftChecks } from "./checks.ts";
import { LeaderTracker } from "./leader-tracker.ts";
import { raftWire } from "./wire.ts";

export const judge = leaderKvJudge({
  wire: raftWire,
  roles: () => new LeaderTracker(),
  checks: raftChecks,
});
