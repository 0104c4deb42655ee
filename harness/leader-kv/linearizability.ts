// Linearizability of a leader-based store's client history, on the checker's kv model (GET
// answers carry `found`, so a missing key and an empty value are told apart).
import {
  checkOperations,
  kvModel,
  type KvInput,
  type KvOutput,
  type LinearizabilityFailure,
  type Operation,
} from "../../shared/check/index.ts";
import { holds, inconclusive, violated, type PropertyResult } from "../../shared/check/property.ts";
import { describeRunTime } from "../clock.ts";
import type { CheckOptions } from "../problem.ts";
import type { KvOp, KvRun } from "./history.ts";

export function toCheckerOperations(history: readonly KvOp[]): Operation<KvInput, KvOutput>[] {
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

export function checkKvLinearizable(
  { history, originMs }: Pick<KvRun, "history" | "originMs">,
  { searchTimeoutMs }: CheckOptions,
): PropertyResult {
  const name = "linearizability";
  const result = checkOperations(kvModel, toCheckerOperations(history), {
    timeoutMs: searchTimeoutMs,
    describeTime: describeRunTime(originMs),
  });
  switch (result.verdict) {
    case "linearizable":
      return result.ops === 0
        ? inconclusive(name, "no client operation to check")
        : holds(name, `${result.ops} operations over ${result.partitions} keys are linearizable`);
    case "unknown":
      return inconclusive(name, `the check could not finish: ${result.reason ?? "bound reached"}`);
    case "not-linearizable": {
      const failure = result.failure as LinearizabilityFailure;
      // The last sentence names the operation no order can place: the heart of the matter.
      const stuck = failure.explanation.at(-1) ?? "";
      return {
        ...violated(name, `not linearizable on key ${failure.key}: ${stuck}`, failure.explanation),
        counterexample: failure,
      };
    }
  }
}
