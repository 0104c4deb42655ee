// Convergence (CRDTs, gossip): after the heal and the idle wait, every node's final read
// answers, all of them the same value, and that value is one the history allows. What it
// allows is the problem's (a counter's acceptable set, a set's elements); the rest is here.
import { holds, inconclusive, violated } from "../shared/check/property.ts";
import type { PropertyResult } from "../shared/check/property.ts";
import { describeOperation, type Operation } from "./operation.ts";
import type { RunRecord } from "./run-record.ts";

/** The problem's word on a converged value: allowed, not allowed (why), or unknown (why). */
export type Allowed = { status: "yes" } | { status: "no" | "unknown"; why: string };

const PROPERTY = "convergence";

/** The node that answered a final read: its last ok attempt. */
const answeredBy = (op: Operation): string | undefined =>
  [...op.attempts].reverse().find((a) => a.result === "ok")?.node;

export function checkConvergence<Op extends Operation>(
  run: Pick<RunRecord<Op>, "finalReads" | "nodes" | "originMs">,
  allowed: (value: unknown) => Allowed,
  show: (value: unknown) => string = (v) => JSON.stringify(v),
): PropertyResult {
  const describe = (op: Op): string => describeOperation(op, run.originMs);
  const silent = run.finalReads.find((op) => op.outcome !== "ok");
  if (silent)
    return violated(PROPERTY, "a node did not answer its final read after the heal", [
      describe(silent),
    ]);
  const read = new Set(run.finalReads.map(answeredBy));
  const unread = run.nodes.filter((n) => !read.has(n));
  if (unread.length) return inconclusive(PROPERTY, `no final read of ${unread.join(", ")}`);
  const values = new Map(run.finalReads.map((op) => [JSON.stringify(op.output), op]));
  const waited = "after the heal and the idle wait";
  if (values.size > 1)
    return violated(
      PROPERTY,
      `the nodes still disagreed ${waited}: ${run.finalReads.map((op) => `${answeredBy(op)} read ${show(op.output)}`).join(", ")}`,
      run.finalReads.map(describe),
    );
  const [first] = run.finalReads;
  if (!first) return inconclusive(PROPERTY, "no final read");
  const verdict = allowed(first.output);
  if (verdict.status === "yes")
    return holds(
      PROPERTY,
      `all ${run.finalReads.length} nodes read ${show(first.output)} ${waited}`,
    );
  const message = `every node read ${show(first.output)}, but ${verdict.why}`;
  return verdict.status === "no"
    ? violated(PROPERTY, message, run.finalReads.map(describe))
    : inconclusive(PROPERTY, message);
}
