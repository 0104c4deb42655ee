// Only the tail answers a read with a value: every GET a node answered OK was answered while
// that node may have been the tail of the chain, between the judge sending it a configuration
// naming it tail and its answer to the next one (configuration.ts). The judge's clients and
// its Configure calls are timed by one clock, so no slack is needed: the answer left the node
// at some moment of the attempt, and a span that misses the whole attempt misses it.
import { describeOperation } from "../../../harness/operation.ts";
import {
  holds,
  inconclusive,
  secondsSince,
  violated,
  type PropertyResult,
} from "../../../shared/check/property.ts";
import { tailSpans } from "./configuration.ts";
import type { ChainRun } from "./history.ts";

const PROPERTY = "only the tail answers reads";

export function checkTailReads({
  history,
  configs,
  originMs,
}: Pick<ChainRun, "history" | "configs" | "originMs">): PropertyResult {
  let reads = 0;
  for (const op of history) {
    if (op.f !== "get") continue;
    for (const a of op.attempts) {
      if (a.result !== "ok") continue;
      reads++;
      const spans = tailSpans(configs, a.node);
      if (spans.some(([from, to]) => from <= a.endMs && to >= a.startMs)) continue;
      return violated(
        PROPERTY,
        `${a.node} answered a read of ${op.key} OK between ${secondsSince(originMs, a.startMs)} and ${secondsSince(originMs, a.endMs)}, while it was not the tail (${tailHistory(configs, a.node)}): any other node answers NOT_TAIL`,
        [describeOperation(op, originMs)],
      );
    }
  }
  if (reads === 0) return inconclusive(PROPERTY, "no read was answered OK");
  return holds(PROPERTY, `${reads} reads answered OK, each by the tail of the time`);
}

function tailHistory(configs: ChainRun["configs"], node: string): string {
  const tails = [...configs]
    .sort((a, b) => a.epoch - b.epoch)
    .map((c) => `epoch ${c.epoch}: ${c.chain.join(" → ")}`);
  return tails.length ? tails.join("; ") : `no chain was configured, so ${node} never was`;
}
