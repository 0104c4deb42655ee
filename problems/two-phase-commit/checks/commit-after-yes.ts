// COMMIT only after a YES from every participant (TLA+ TwoPhase's TMCommit; P's spec): every
// Decide COMMIT the coordinator sent for a transaction follows a YES it heard from node-1 and
// from node-2 for that transaction, as the agents recorded the Prepare answers.
import type { Check } from "../../../harness/problem.ts";
import { holds, inconclusive, violated } from "../../../shared/check/property.ts";
import type { TxnOp } from "../client.ts";
import { PARTICIPANTS } from "../contract.ts";
import { decisionsOf, describeMessage, votesOf } from "./traffic.ts";

const NAME = "commit after every YES";

export const commitAfterEveryYes: Check<TxnOp> = {
  name: NAME,
  required: true,
  run(run) {
    const votes = votesOf(run.messages).filter((v) => v.heard && v.vote === "YES");
    const commits = decisionsOf(run.messages).filter(
      (d) => d.via === "Decide" && d.decision === "COMMIT",
    );
    const checked = new Set<number>();
    for (const commit of commits) {
      checked.add(commit.txn);
      for (const p of PARTICIPANTS) {
        const yes = votes.filter((v) => v.txn === commit.txn && v.participant === p);
        // Peer calls are recorded at the caller's egress: node-0's Prepares and Decides are
        // all timed on node-0's agent's clock.
        const inTime = yes.filter((v) => v.endMs <= commit.atMs);
        if (inTime.length > 0) continue;
        const about = run.messages.filter((m) => Number(m.request?.["txn_id"]) === commit.txn);
        return violated(
          NAME,
          `the coordinator sent COMMIT for transaction ${commit.txn} to ${commit.participant} at ${((commit.atMs - run.originMs) / 1000).toFixed(3)} s without having heard a YES from ${p}${yes.length ? " before it" : ""}`,
          about.slice(0, 12).map((m) => describeMessage(m, run.originMs)),
        );
      }
    }
    if (checked.size === 0) return inconclusive(NAME, "the coordinator sent no COMMIT to check");
    return holds(
      NAME,
      `each of ${checked.size} committed transactions had a YES from node-1 and node-2 first`,
    );
  },
};
