// Every G-Counter scenario's checks, in report order: the counters' shared checks
// (harness/counter-checks.ts) with this problem's limits; deltas are never negative, so a
// node's reads never decrease. statement.md argues each one's soundness.
import {
  counterChecks as sharedCounterChecks,
  checkFinalReads,
  checkReadBounds,
} from "../../harness/counter-checks.ts";
import type { Check } from "../../harness/problem.ts";
import type { CounterOp } from "./client.ts";
import { AVAILABILITY, EFFICIENCY } from "./limits.ts";

export { checkFinalReads, checkReadBounds };

export const counterChecks: readonly Check<CounterOp>[] = sharedCounterChecks<CounterOp>({
  availability: AVAILABILITY,
  efficiency: EFFICIENCY,
  signed: false,
});
