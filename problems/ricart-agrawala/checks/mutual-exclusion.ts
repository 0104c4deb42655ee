// Mutual exclusion on definite entries: two entries at different nodes whose client-seen
// intervals overlap prove two nodes in the critical section at once (statement.md).
import {
  holds,
  inconclusive,
  violated,
  type PropertyResult,
} from "../../../shared/check/property.ts";
import type { RunRecord } from "../../../harness/run-record.ts";
import type { MutexOp } from "../client.ts";
import { describeEntry, entriesOf } from "./entries.ts";

const PROPERTY = "mutual exclusion";

export function checkMutualExclusion(run: RunRecord<MutexOp>): PropertyResult {
  const entries = entriesOf(run.history);
  if (entries.length === 0)
    return inconclusive(PROPERTY, "no acquire was granted, so no entry to compare");
  // By grant time: an entry overlaps a later-granted one exactly when that one was granted
  // before this one's release was sent.
  for (const [i, a] of entries.entries()) {
    for (const b of entries.slice(i + 1)) {
      if (b.grantedMs >= a.releasedMs) break;
      if (b.node === a.node) continue;
      return violated(
        PROPERTY,
        `${b.node} granted its client the critical section while ${a.node} still held it: ${a.node}'s client saw its grant before ${b.node}'s and sent its release only after ${b.node}'s client saw the grant`,
        [describeEntry(a, run.originMs), describeEntry(b, run.originMs)],
      );
    }
  }
  return holds(PROPERTY, `${entries.length} entries, no two at different nodes overlapping`);
}
