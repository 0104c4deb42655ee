// How the judge talks chandy_lamport.proto: its operations, the service, and one operation
// run to its outcome at one node (a call with no answer is retried at the same node with
// the same client_id and sequence; a call answered with an error is not retried).
import { fileURLToPath } from "node:url";
import type { NodeConnections, ServiceAddress } from "../../harness/any-node/connections.ts";
import { nowMs, sleep } from "../../harness/clock.ts";
import type { Operation } from "../../harness/operation.ts";

/** One token message as a node recorded it in a channel's state. */
export interface RecordedMessage {
  sequence: number;
  amount: number;
}

/** What a node recorded of one incoming channel (GetSnapshotReply.channels). */
export interface ChannelView {
  from: string;
  last_applied: number;
  marker_received: boolean;
  marker_sequence: number;
  messages: RecordedMessage[];
}

/** GetSnapshotReply as the judge reads it. */
export interface SnapshotView {
  recorded: boolean;
  balance: number;
  complete: boolean;
  channels: ChannelView[];
}

/**
 * transfer: the node paid `value` tokens to `key`; start: StartSnapshot(value); read:
 * GetSnapshot(value), its answer in `output`.
 */
export type SnapshotOp = Operation & {
  f: "transfer" | "start" | "read";
  key?: string;
  value: number;
  output?: SnapshotView;
};

export const SERVICE: ServiceAddress = {
  protoPath: fileURLToPath(new URL("./chandy_lamport.proto", import.meta.url)),
  service: "chandylamport.SnapshotNode",
  callDeadlineMs: 2000,
};

/** Between an unanswered attempt and its retry. */
const RETRY_PAUSE_MS = 100;

export function methodOf(op: SnapshotOp): string {
  if (op.f === "transfer") return "Transfer";
  return op.f === "start" ? "StartSnapshot" : "GetSnapshot";
}

export function requestOf(op: SnapshotOp, clientId: string): object {
  if (op.f === "transfer")
    return { client_id: clientId, sequence: op.sequence, to: op.key, amount: op.value };
  return { snapshot_id: op.value };
}

/**
 * Runs the operation at `node` until it is answered or budgetMs is spent. Silence (a
 * deadline, an unreachable node) is retried; an answered error (FAILED_PRECONDITION for a
 * transfer the node cannot pay, INVALID_ARGUMENT, UNIMPLEMENTED) ends it as fail.
 */
export async function runAt(
  connections: NodeConnections<SnapshotView>,
  op: SnapshotOp,
  node: string,
  clientId: string,
  budgetMs: number,
): Promise<SnapshotOp> {
  const req = requestOf(op, clientId);
  while (nowMs() - op.startMs < budgetMs) {
    const [attempt, res] = await connections.call(node, methodOf(op), req);
    op.attempts.push(attempt);
    if (attempt.result === "ok") {
      op.outcome = "ok";
      op.endMs = attempt.endMs;
      if (op.f === "read" && res) op.output = res;
      return op;
    }
    if (attempt.result !== "deadline" && attempt.result !== "unavailable") {
      op.outcome = "fail";
      op.endMs = attempt.endMs;
      return op;
    }
    await sleep(RETRY_PAUSE_MS);
  }
  return op;
}
