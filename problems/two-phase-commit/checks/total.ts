// The bank's invariant (Jepsen's bank test): every committed read of all accounts lists each
// account once and sums to the fixed total, and so do the participants' final balances.
import type { Check } from "../../../harness/problem.ts";
import { holds, inconclusive, violated } from "../../../shared/check/property.ts";
import { answerOf, type BalanceWire, type TxnOp } from "../client.ts";
import { ALL_ACCOUNTS, PARTICIPANTS, TOTAL } from "../contract.ts";
import { finalStates } from "./final-states.ts";

const NAME = "total";

/** What is wrong with a read of every account, or null. */
function fault(balances: readonly BalanceWire[]): string | null {
  const names = balances.map((b) => b.account).sort();
  if (names.join(",") !== [...ALL_ACCOUNTS].join(","))
    return `it listed the accounts [${names.join(", ")}], not each of ${ALL_ACCOUNTS.join(", ")} once`;
  const sum = balances.reduce((s, b) => s + b.amount, 0);
  if (sum !== TOTAL)
    return `its balances (${balances.map((b) => `${b.account}=${b.amount}`).join(", ")}) sum to ${sum}, not ${TOTAL}`;
  return null;
}

export const total: Check<TxnOp> = {
  name: NAME,
  required: true,
  run(run) {
    let reads = 0;
    for (const op of run.history) {
      const answer = answerOf(op);
      if (op.f !== "read" || answer?.outcome !== "OUTCOME_COMMITTED") continue;
      reads++;
      const wrong = fault(answer.balances);
      if (wrong)
        return violated(
          NAME,
          `the committed read of transaction ${answer.txn_id} is wrong: ${wrong}`,
          [
            `${op.client} #${op.sequence ?? "?"} read at ${((op.startMs - run.originMs) / 1000).toFixed(3)} s`,
          ],
        );
    }
    const { byNode } = finalStates(run);
    const finals = PARTICIPANTS.map((p) => byNode.get(p));
    if (finals.every((s) => s !== undefined)) {
      const wrong = fault(finals.flatMap((s) => s?.balances ?? []));
      if (wrong) return violated(NAME, `the participants' final balances are wrong: ${wrong}`);
      return holds(NAME, `${reads} committed reads and the final balances each summed to ${TOTAL}`);
    }
    if (reads === 0)
      return inconclusive(NAME, "no committed read and no final balances of both participants");
    return holds(NAME, `${reads} committed reads each summed to ${TOTAL}`);
  },
};
