// A participant that voted YES changes the transaction's state only on a decision it received
// (TLA+ TwoPhase: RMRcvCommitMsg, RMRcvAbortMsg): its final status for every transaction it
// voted YES on, if decided, is a decision the coordinator delivered to it (a Decide that
// reached it, or an answer to its QueryDecision that it heard).
import type { Check } from "../../../harness/problem.ts";
import { holds, inconclusive, violated } from "../../../shared/check/property.ts";
import type { TxnOp } from "../client.ts";
import { PARTICIPANTS } from "../contract.ts";
import { finalStates, statusAt } from "./final-states.ts";
import { decisionsOf, votesOf } from "./traffic.ts";

const NAME = "decision received";

export const decisionReceived: Check<TxnOp> = {
  name: NAME,
  required: true,
  run(run) {
    const { byNode } = finalStates(run);
    const received = decisionsOf(run.messages).filter((d) => d.received);
    const yes = votesOf(run.messages).filter((v) => v.vote === "YES");
    const pairs = new Map(yes.map((v) => [`${v.txn} ${v.participant}`, v]));
    let checked = 0;
    for (const v of pairs.values()) {
      if (!PARTICIPANTS.includes(v.participant as (typeof PARTICIPANTS)[number])) continue;
      const status = statusAt(byNode.get(v.participant), v.txn);
      if (status !== "COMMITTED" && status !== "ABORTED") continue;
      checked++;
      const wanted = status === "COMMITTED" ? "COMMIT" : "ABORT";
      const told = received.filter((d) => d.txn === v.txn && d.participant === v.participant);
      if (told.some((d) => d.decision === wanted)) continue;
      return violated(
        NAME,
        `${v.participant} voted YES on transaction ${v.txn} and ended ${status}, yet the coordinator never delivered ${wanted} to it (${told.length ? `it was told ${told.map((d) => d.decision).join(", ")}` : "it was told nothing"})`,
      );
    }
    if (checked === 0)
      return inconclusive(
        NAME,
        "no participant's final state showed a decided transaction it voted YES on",
      );
    return holds(NAME, `${checked} YES votes each ended as a decision the participant received`);
  },
};
