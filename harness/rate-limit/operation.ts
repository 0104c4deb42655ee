// A rate limiter's one client operation, Allow(key), as the history keeps it, and the
// requests the checks count: those answered "allowed".
import type { Operation } from "../operation.ts";

export type AllowOp = Operation & {
  f: "allow";
  key: string;
  /** The node's answer: true when allowed. */
  output?: boolean;
  /** Sent by a steady stream (RateStream.steady): the over-denial check judges it. */
  steady?: boolean;
};

/** Whether the node answered this request "allowed" (an unanswered one is not counted). */
export const wasAllowed = (op: AllowOp): boolean =>
  op.outcome === "ok" && op.output === true && op.endMs !== null;

/** Every allowed request, by key, in history order. */
export function allowedByKey(history: readonly AllowOp[]): Map<string, AllowOp[]> {
  const byKey = new Map<string, AllowOp[]>();
  for (const op of history) {
    if (op.f !== "allow" || !wasAllowed(op)) continue;
    const list = byKey.get(op.key) ?? [];
    list.push(op);
    byKey.set(op.key, list);
  }
  return byKey;
}
