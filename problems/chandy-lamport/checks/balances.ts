// Each recorded balance is the node's balance at one moment of the cut (statement.md,
// "Recorded balances"): its initial balance, less the tokens it sent before its own marker
// on each outgoing channel, plus the tokens it applied up to the number it reported on each
// incoming channel, every amount read from the traffic.
import type { Check } from "../../../harness/problem.ts";
import { holds, inconclusive, violated } from "../../../shared/check/property.ts";
import type { SnapshotOp } from "../client.ts";
import { INITIAL_BALANCE } from "../limits.ts";
import { completeRecordings, recordingsOf } from "./recordings.ts";
import { channelKey, channelsOf, markerNumber, sum, tokensBetween } from "./traffic.ts";

const NAME = "recorded balances";

export const balancesCheck: Check<SnapshotOp> = {
  name: NAME,
  required: true,
  run(run) {
    const channels = channelsOf(run.messages);
    let checked = 0;
    let unknown: string | null = null;
    for (const { id, node, view } of completeRecordings(recordingsOf(run))) {
      const parts: string[] = [];
      let expected = INITIAL_BALANCE;
      let known = true;
      for (const peer of run.nodes.filter((n) => n !== node)) {
        const out = channels.get(channelKey(node, peer));
        const m = markerNumber(out, id);
        const sent = m === null ? null : tokensBetween(out, 1, m - 1);
        const r = view.channels.find((c) => c.from === peer)?.last_applied ?? 0;
        const received = tokensBetween(channels.get(channelKey(peer, node)), 1, r);
        if (!sent || !received) {
          unknown ??= `the traffic kept does not show every message ${node} sent to ${peer} before its marker of snapshot ${id}, or received from it up to ${r}`;
          known = false;
          break;
        }
        expected += sum(received) - sum(sent);
        parts.push(
          `sent ${sum(sent)} to ${peer} before its marker #${m ?? "?"}, received ${sum(received)} from ${peer} up to #${r}`,
        );
      }
      if (!known) continue;
      if (view.balance !== expected)
        return violated(
          NAME,
          `${node} recorded a balance of ${view.balance} for snapshot ${id}, but from the traffic it held ${expected} then: it started with ${INITIAL_BALANCE}, ${parts.join(", ")}`,
        );
      checked++;
    }
    if (unknown && run.messagesDropped > 0) return inconclusive(NAME, unknown);
    if (checked === 0) return inconclusive(NAME, unknown ?? "no node completed a snapshot");
    return holds(
      NAME,
      `${checked} recorded balances each matched what the node had sent before its markers and applied before it recorded`,
    );
  },
};
