// One scenario run built by hand for a check's test: the caller names the problem, its nodes
// and whatever the test is about; every other field is neutral (nothing recorded, no faults,
// nothing dropped), so a check reads only what the test put there.
import type { Operation } from "../../harness/operation.ts";
import type { RunRecord } from "../../harness/run-record.ts";

export function runRecord<Op extends Operation>(
  fields: Pick<RunRecord<Op>, "problem" | "nodes"> & Partial<RunRecord<Op>>,
): RunRecord<Op> {
  return {
    scenario: "test",
    seed: 1,
    originMs: 0,
    endMs: 10_000,
    history: [],
    finalReads: [],
    finalReadBudgetMs: 10_000,
    messages: [],
    messagesDropped: 0,
    faults: [],
    roleLosses: [],
    idleWindows: [],
    timeline: [],
    limitHits: [],
    ...fields,
  };
}
