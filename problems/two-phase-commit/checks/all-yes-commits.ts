// With no fault and every vote YES, the transaction commits (TLA+ TCommit's liveness; the
// judge's guard against a coordinator that aborts everything). Held only to transactions whose
// YES votes all came back within PROMPT_VOTES_MS of the first Prepare (as the agents timed
// them) and whose whole course, up to the vote timeout after the last vote, met no fault.
import type { Check } from "../../../harness/problem.ts";
import type { FaultWindow } from "../../../harness/run-record.ts";
import { holds, inconclusive, violated } from "../../../shared/check/property.ts";
import type { TxnOp } from "../client.ts";
import { COORDINATOR, PARTICIPANTS, PROMPT_VOTES_MS, VOTE_TIMEOUT_MS } from "../contract.ts";
import { finalStates, statusAt } from "./final-states.ts";
import { decisionsOf, firstPrepares, votesOf } from "./traffic.ts";

const NAME = "all YES commits";

const overlaps = (faults: readonly FaultWindow[], from: number, to: number) =>
  faults.some((f) => f.startMs <= to && (f.endMs === null || from <= f.endMs));

export const allYesCommits: Check<TxnOp> = {
  name: NAME,
  required: true,
  run(run) {
    const coordinator = finalStates(run).byNode.get(COORDINATOR);
    const sent = decisionsOf(run.messages).filter((d) => d.via === "Decide");
    const votes = votesOf(run.messages).filter((v) => v.heard);
    let checked = 0;
    for (const [txn, beganMs] of firstPrepares(run.messages)) {
      const first = PARTICIPANTS.map((p) =>
        votes.find((v) => v.txn === txn && v.participant === p),
      );
      if (!first.every((v) => v?.vote === "YES")) continue;
      const lastMs = Math.max(...first.map((v) => v?.endMs ?? Infinity));
      if (lastMs - beganMs > PROMPT_VOTES_MS) continue;
      if (overlaps(run.faults, beganMs, lastMs + VOTE_TIMEOUT_MS)) continue;
      const status = statusAt(coordinator, txn);
      const decision =
        status === "COMMITTED" || status === "ABORTED"
          ? status
          : sent.find((d) => d.txn === txn)?.decision === "ABORT"
            ? "ABORTED"
            : null;
      if (decision === null) continue;
      checked++;
      if (decision === "ABORTED")
        return violated(
          NAME,
          `transaction ${txn} got YES from node-1 and node-2 within ${lastMs - beganMs} ms of its first Prepare, with no fault in force, and was aborted`,
        );
    }
    if (checked === 0)
      return inconclusive(NAME, "no transaction had every YES promptly with no fault in force");
    return holds(
      NAME,
      `${checked} transactions with every YES promptly and no fault all committed`,
    );
  },
};
