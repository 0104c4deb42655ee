// Every Raft scenario's checks, in the order their verdicts are reported: protocol safety
// from the traffic, then what the clients saw, then the spec's timing. Required ones must
// have evidence for a scenario to pass (docs/adding-a-problem.md).
import { heartbeatCheck } from "../../harness/leader-kv/heartbeats.ts";
import { checkKvLinearizable } from "../../harness/leader-kv/linearizability.ts";
import { checkRecovered } from "../../harness/leader-kv/recovery.ts";
import { answersWithinCheck, checkLeaderWithin } from "../../harness/leader-kv/timing.ts";
import type { Check } from "../../harness/problem.ts";
import { checkCommittedEntriesSurvive } from "./checks/committed-entries.ts";
import { checkOneLeaderPerTerm, checkOneVotePerTerm } from "./checks/election-safety.ts";
import type { ClientOp } from "./checks/history.ts";
import { checkLogMatching } from "./checks/log-matching.ts";
import { checkRedirects } from "./checks/redirects.ts";
import { raftSignal } from "./signal.ts";

export const raftChecks: readonly Check<ClientOp>[] = [
  { name: "one leader per term", required: true, run: checkOneLeaderPerTerm },
  { name: "one vote per term", required: true, run: checkOneVotePerTerm },
  { name: "log matching", required: false, run: checkLogMatching },
  // Before linearizability: a lost write is what the clients see, this is why.
  { name: "committed entries survive", required: false, run: checkCommittedEntriesSurvive },
  { name: "linearizability", required: true, run: checkKvLinearizable },
  { name: "redirects", required: false, run: checkRedirects },
  // Heartbeats before the timing bounds: a flooding leader is the cause, slow answers
  // are what it does to a busy machine.
  { name: "heartbeats", required: false, run: heartbeatCheck(raftSignal) },
  { name: "leader within", required: false, run: checkLeaderWithin },
  { name: "answers within", required: false, run: answersWithinCheck(raftSignal) },
  { name: "recovery", required: true, run: checkRecovered },
];
