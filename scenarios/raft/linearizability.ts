// Linearizability of a Raft run's client history, on the checker's kv model (GET answers
// carry `found`, so a missing key and an empty value are told apart).
import {
  checkOperations,
  kvModel,
  type KvInput,
  type KvOutput,
  type Operation,
} from "../../shared/check/index.ts";
import { holds, inconclusive, violated, type PropertyResult } from "../../shared/check/property.ts";
import type { ClientOp } from "../../shared/check/raft/history.ts";

export function toCheckerOperations(history: readonly ClientOp[]): Operation<KvInput, KvOutput>[] {
  return history.map((op) => ({
    id: op.id,
    clientId: op.client,
    input:
      op.f === "get" ? { f: "get", key: op.key } : { f: op.f, key: op.key, value: op.value ?? "" },
    output: op.output,
    callMs: op.startMs,
    returnMs: op.endMs,
    outcome: op.outcome,
  }));
}

export function checkRaftLinearizable(
  history: readonly ClientOp[],
  originMs: number,
  timeoutMs: number,
): PropertyResult {
  const property = "linearizability";
  const result = checkOperations(kvModel, toCheckerOperations(history), {
    timeoutMs,
    describeTime: (ms) => `${((ms - originMs) / 1000).toFixed(3)} s`,
  });
  switch (result.verdict) {
    case "linearizable":
      return holds(
        property,
        `${result.ops} operations over ${result.partitions} keys are linearizable`,
      );
    case "unknown":
      return inconclusive(
        property,
        `the check could not finish: ${result.reason ?? "bound reached"}`,
      );
    case "not-linearizable":
      return violated(
        property,
        `not linearizable: ${result.failure?.explanation.join(" ") ?? ""}`.trim(),
        result.failure?.explanation,
      );
  }
}
