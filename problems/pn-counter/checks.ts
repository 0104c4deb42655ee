// Every PN-Counter scenario's checks, in report order: the counters' shared checks
// (harness/counter-checks.ts) with this problem's limits and signed bounds: a decrement may
// lower a read, so reads are not required to grow. statement.md argues each one's soundness.
import { counterChecks as sharedCounterChecks } from "../../harness/counter-checks.ts";
import type { Check } from "../../harness/problem.ts";
import type { CounterOp } from "./client.ts";
import { AVAILABILITY, EFFICIENCY } from "./limits.ts";

export const counterChecks: readonly Check<CounterOp>[] = sharedCounterChecks<CounterOp>({
  availability: AVAILABILITY,
  efficiency: EFFICIENCY,
  signed: true,
});
