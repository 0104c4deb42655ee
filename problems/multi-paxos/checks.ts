// Every Multi-Paxos scenario's checks, in report order: the protocol's invariants from the
// decoded traffic (acceptors, proposers, what is chosen and learnt), then what the clients
// saw, then the statement's timing. statement.md argues each one's soundness; the required
// ones must have evidence for a scenario to pass.
import { heartbeatCheck } from "../../harness/leader-kv/heartbeats.ts";
import type { KvOp } from "../../harness/leader-kv/history.ts";
import { checkKvLinearizable } from "../../harness/leader-kv/linearizability.ts";
import { checkRecovered } from "../../harness/leader-kv/recovery.ts";
import { answersWithinCheck, checkLeaderWithin } from "../../harness/leader-kv/timing.ts";
import type { Check } from "../../harness/problem.ts";
import { checkAcceptorBallots } from "./checks/acceptor-ballots.ts";
import { checkAdoptsAccepted } from "./checks/adopts-accepted.ts";
import { checkLearnedAgreement } from "./checks/learned-agreement.ts";
import { checkLearnsChosen } from "./checks/learns-chosen.ts";
import { checkOneValuePerSlot } from "./checks/one-value.ts";
import { checkProposerBallots } from "./checks/proposer-ballots.ts";
import { checkRedirects } from "./checks/redirects.ts";
import { paxosSignal } from "./signal.ts";

export type PaxosOp = KvOp<"not_leader">;

export const paxosChecks: readonly Check<PaxosOp>[] = [
  { name: "acceptor ballots", required: false, run: checkAcceptorBallots },
  { name: "proposer ballots", required: false, run: checkProposerBallots },
  { name: "one value per slot", required: false, run: checkOneValuePerSlot },
  { name: "adopts accepted", required: false, run: checkAdoptsAccepted },
  // Before agreement and linearizability: acting on an unchosen slot is the cause.
  { name: "learns chosen", required: false, run: checkLearnsChosen },
  { name: "learned agreement", required: false, run: checkLearnedAgreement },
  { name: "linearizability", required: true, run: checkKvLinearizable },
  { name: "redirects", required: false, run: checkRedirects },
  // Heartbeats before the timing bounds: a flooding leader is the cause, slow answers
  // are what it does to a busy machine.
  { name: "heartbeats", required: false, run: heartbeatCheck(paxosSignal) },
  { name: "leader within", required: false, run: checkLeaderWithin },
  { name: "answers within", required: false, run: answersWithinCheck(paxosSignal) },
  { name: "recovery", required: true, run: checkRecovered },
];
