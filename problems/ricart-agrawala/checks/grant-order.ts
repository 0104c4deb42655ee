// Entries follow (timestamp, node id) order: an entry that ended before another was granted
// has the smaller pair. Ricart and Agrawala's theorem for Lamport clocks (statement.md).
import {
  holds,
  inconclusive,
  violated,
  type PropertyResult,
} from "../../../shared/check/property.ts";
import type { RunRecord } from "../../../harness/run-record.ts";
import type { MutexOp } from "../client.ts";
import { before, describeEntry, entriesOf } from "./entries.ts";

const PROPERTY = "grant order";

export function checkGrantOrder(run: RunRecord<MutexOp>): PropertyResult {
  const entries = entriesOf(run.history);
  let compared = 0;
  for (const a of entries) {
    for (const b of entries) {
      // a surely entered first: its release was sent before b's grant was seen.
      if (a.node === b.node || a.releasedMs >= b.grantedMs) continue;
      compared++;
      if (before(b, a))
        return violated(
          PROPERTY,
          `${b.node} entered after ${a.node} although its request (${b.timestamp}, ${b.node}) is smaller than (${a.timestamp}, ${a.node})`,
          [describeEntry(a, run.originMs), describeEntry(b, run.originMs)],
        );
    }
  }
  if (compared === 0)
    return inconclusive(
      PROPERTY,
      "no two entries at different nodes, one released before the other was granted",
    );
  return holds(
    PROPERTY,
    `${compared} pairs of entries at different nodes, each in (timestamp, node id) order`,
  );
}
