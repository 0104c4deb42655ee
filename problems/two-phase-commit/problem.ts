// Problem 3, Two-Phase Commit: node-0 coordinates transfers and reads over the accounts that
// node-1 and node-2 hold; no transaction commits at one and aborts at the other, and none
// commits without a YES from both. Scenarios: no fault, the coordinator killed at three
// moments of a transaction, a participant killed after its YES, a participant cut off.
import type { ProblemDefinition } from "../../harness/problem.ts";
import {
  coordinatorCrashAfterCommitToOne,
  coordinatorCrashAfterPrepare,
  coordinatorCrashBeforeDecision,
} from "./plans/coordinator-crashes.ts";
import { coordinatorPartitioned } from "./plans/coordinator-partitioned.ts";
import { participantCrashAfterYes } from "./plans/participant-crash.ts";
import { steady } from "./plans/steady.ts";

export const twoPhaseCommit: ProblemDefinition = {
  id: 3,
  slug: "two-phase-commit",
  title: "Two-Phase Commit",
  difficulty: "Medium",
  nodeCount: 3,
  description: "Atomic commit, no commit without every yes vote, recovery of in-doubt transactions",
  protoFile: "two_phase_commit.proto",
  // The coordinator is always node-0: plans name it by id.
  roles: [],
  templateHints: {
    Transfer:
      "(node-0) a new transaction, or the one this client_id and sequence named before; answer its txn_id and outcome once decided, UNAVAILABLE until then.",
    ReadAll: "(node-0) like Transfer, prepared at both participants; committed: all balances.",
    State: "(every node) balances and txns as statement.md says.",
    Prepare: "(node-1, node-2) vote (durably) and lock; a repeated Prepare gets the same vote.",
    Decide: "(node-1, node-2) apply the decision (durably), release the locks, acknowledge.",
    QueryDecision: "(node-0) COMMIT, ABORT, or UNKNOWN while still collecting the votes.",
  },
  plans: {
    steady,
    coordinator_crash_after_prepare: coordinatorCrashAfterPrepare,
    coordinator_crash_before_decision: coordinatorCrashBeforeDecision,
    coordinator_crash_after_commit_to_one: coordinatorCrashAfterCommitToOne,
    participant_crash_after_yes: participantCrashAfterYes,
    coordinator_partitioned: coordinatorPartitioned,
  },
};
