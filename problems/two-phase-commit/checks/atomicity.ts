// Atomicity (TLA+ TCommit's TCConsistent, P's atomicity spec): no transaction is committed
// anywhere and aborted anywhere else. The decision is read from every place it shows: each
// node's final State, every Decide the coordinator sent, and every answer a client got.
import type { Check } from "../../../harness/problem.ts";
import { holds, inconclusive, violated } from "../../../shared/check/property.ts";
import { answerOf, type TxnOp } from "../client.ts";
import { finalStates } from "./final-states.ts";
import { decisionsOf } from "./traffic.ts";

const NAME = "atomicity";

type Said = "COMMIT" | "ABORT";

export const atomicity: Check<TxnOp> = {
  name: NAME,
  required: true,
  run(run) {
    const said = new Map<number, { decision: Said; where: string }[]>();
    const note = (txn: number, decision: string, where: string) => {
      if (decision !== "COMMIT" && decision !== "ABORT") return;
      said.set(txn, [...(said.get(txn) ?? []), { decision, where }]);
    };
    for (const [node, state] of finalStates(run).byNode)
      for (const t of state.txns) {
        const decision = { STATUS_COMMITTED: "COMMIT", STATUS_ABORTED: "ABORT" }[
          t.status as string
        ];
        if (decision)
          note(t.txn_id, decision, `${node}'s final state says ${t.status.replace("STATUS_", "")}`);
      }
    for (const d of decisionsOf(run.messages))
      if (d.via === "Decide")
        note(d.txn, d.decision, `the coordinator sent Decide ${d.decision} to ${d.participant}`);
    for (const op of run.history) {
      const answer = answerOf(op);
      if (!answer?.txn_id) continue;
      const decision = { OUTCOME_COMMITTED: "COMMIT", OUTCOME_ABORTED: "ABORT" }[
        answer.outcome as string
      ];
      if (decision)
        note(
          answer.txn_id,
          decision,
          `client ${op.client}'s ${op.f} #${op.sequence ?? "?"} was answered ${answer.outcome.replace("OUTCOME_", "")}`,
        );
    }
    let compared = 0;
    for (const [txn, list] of [...said].sort(([a], [b]) => a - b)) {
      if (list.length < 2) continue;
      compared++;
      if (new Set(list.map((s) => s.decision)).size > 1)
        return violated(
          NAME,
          `transaction ${txn} was committed in one place and aborted in another`,
          [...new Set(list.map((s) => s.where))],
        );
    }
    if (compared === 0)
      return inconclusive(NAME, "no transaction's decision showed in two places to compare");
    return holds(NAME, `${compared} transactions had one decision wherever it showed`);
  },
};
