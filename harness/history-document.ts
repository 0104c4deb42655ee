// history.json's document (shared/report/docs.ts reads it): every operation with its
// outcome, times and attempts, and the problem's own fields (key, value, ...) after its name.
import type { Operation } from "./operation.ts";
import type { RunRecord } from "./run-record.ts";

export function historyDocument<Op extends Operation>(
  model: string,
  run: RunRecord<Op>,
  fields: (op: Op) => object,
): object {
  return {
    format: "clusterjudge-history/v1",
    model,
    originMs: run.originMs,
    ops: run.history.map((op) => ({
      id: op.id,
      client: op.client,
      f: op.f,
      ...fields(op),
      output: op.output ?? null,
      type: op.outcome,
      startMs: op.startMs,
      endMs: op.endMs,
      sequence: op.sequence,
      attempts: op.attempts,
    })),
  };
}
