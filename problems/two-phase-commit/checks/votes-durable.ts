// Votes are durable before they are sent: every vote a participant answered a Prepare with (as
// the agents recorded it) is still its vote in its final State, whatever restarts came between.
import type { Check } from "../../../harness/problem.ts";
import { holds, inconclusive, violated } from "../../../shared/check/property.ts";
import type { TxnOp } from "../client.ts";
import { PARTICIPANTS } from "../contract.ts";
import { finalStates, txnsOf } from "./final-states.ts";
import { votesOf } from "./traffic.ts";

const NAME = "votes durable";

export const votesDurable: Check<TxnOp> = {
  name: NAME,
  required: true,
  run(run) {
    const { byNode, missing } = finalStates(run);
    let checked = 0;
    for (const v of votesOf(run.messages).filter((x) => x.vote === "YES" || x.vote === "NO")) {
      const state = byNode.get(v.participant);
      if (!state || !PARTICIPANTS.includes(v.participant as (typeof PARTICIPANTS)[number]))
        continue;
      const kept = txnsOf(state).get(v.txn)?.vote ?? "not listed";
      // A NO may come from a participant that had learned the abort first and never voted.
      const fits = v.vote === "YES" ? kept === "YES" : kept !== "YES";
      checked++;
      if (!fits)
        return violated(
          NAME,
          `${v.participant} answered ${v.vote} to the Prepare of transaction ${v.txn} at ${((v.startMs - run.originMs) / 1000).toFixed(3)} s, but its final state says ${kept === "not listed" ? "nothing of it" : `its vote was ${kept}`}`,
        );
    }
    if (checked === 0)
      return inconclusive(
        NAME,
        missing.length ? `no final state from ${missing.join(", ")}` : "no vote was recorded",
      );
    return holds(NAME, `${checked} votes were still each participant's vote at the end`);
  },
};
