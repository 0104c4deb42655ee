// Every complete snapshot conserves the tokens (statement.md, "Conservation"): the recorded
// balances plus the tokens in the recorded channel states sum to the total.
import type { Check } from "../../../harness/problem.ts";
import { holds, inconclusive, violated } from "../../../shared/check/property.ts";
import type { SnapshotOp } from "../client.ts";
import { INITIAL_BALANCE } from "../limits.ts";
import { completeSnapshots, recordingsOf } from "./recordings.ts";
import { sum } from "./traffic.ts";

const NAME = "conservation";

export const conservationCheck: Check<SnapshotOp> = {
  name: NAME,
  required: true,
  run(run) {
    const total = INITIAL_BALANCE * run.nodes.length;
    const snapshots = completeSnapshots(run, recordingsOf(run));
    if (snapshots.length === 0) return inconclusive(NAME, "no snapshot completed at every node");
    for (const { id, views } of snapshots) {
      const parts = [...views].map(([node, v]) => {
        const inChannels = v.channels.reduce((t, c) => t + sum(c.messages), 0);
        return { node, balance: v.balance, inChannels };
      });
      const found = parts.reduce((t, p) => t + p.balance + p.inChannels, 0);
      if (found !== total)
        return violated(
          NAME,
          `snapshot ${id} holds ${found} tokens, not the ${total} the nodes always hold together: ${parts.map((p) => `${p.node} recorded ${p.balance} and ${p.inChannels} in its incoming channels`).join(", ")}`,
        );
    }
    return holds(NAME, `each of the ${snapshots.length} complete snapshots holds ${total} tokens`);
  },
};
