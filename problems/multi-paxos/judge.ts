// The judge's side of a Multi-Paxos run: the leader-based store's clients over
// multi_paxos.proto, the leader read from Heartbeat and Accept ballots (paxosSignal), and
// the problem's checks.
import { leaderKvJudge } from "../../harness/leader-kv/judge.ts";
import { LeaderTracker } from "../../harness/leader-kv/leader-tracker.ts";
import { paxosChecks } from "./checks.ts";
import { paxosSignal } from "./signal.ts";
import { paxosWire } from "./wire.ts";

export const judge = leaderKvJudge({
  wire: paxosWire,
  roles: () => new LeaderTracker(paxosSignal),
  checks: paxosChecks,
});
