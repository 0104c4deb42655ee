// Every Two-Phase Commit scenario's checks, in report order: the first violated one is the
// verdict's reason. statement.md argues each one's soundness.
import type { Check } from "../../harness/problem.ts";
import { allYesCommits } from "./checks/all-yes-commits.ts";
import { atomicity } from "./checks/atomicity.ts";
import { commitAfterEveryYes } from "./checks/commit-after-yes.ts";
import { decisionReceived } from "./checks/decision-received.ts";
import { inDoubtResolved } from "./checks/resolution.ts";
import { total } from "./checks/total.ts";
import { votesDurable } from "./checks/votes-durable.ts";
import type { TxnOp } from "./client.ts";

export const twoPhaseCommitChecks: readonly Check<TxnOp>[] = [
  atomicity,
  commitAfterEveryYes,
  decisionReceived,
  votesDurable,
  inDoubtResolved,
  total,
  allYesCommits,
];
