// One operation run to its outcome at one node. A call that gets no answer is retried at the
// same node with the same client_id and sequence (every such statement's retry rule) until the
// operation's budget is spent: then it is info, for it may have been applied.
import { nowMs, sleep } from "../clock.ts";
import type { Operation } from "../operation.ts";
import type { NodeConnections } from "./connections.ts";

/** Between a failed attempt and its retry. */
const RETRY_PAUSE_MS = 100;

/** How a problem's operations travel: the RPC, its request, what the answer fills in. */
export interface OpCodec<Op extends Operation, Res extends object> {
  method(op: Op): string;
  /** The request; `clientId` is the client's identity at the node for deduplication. */
  request(op: Op, clientId: string): object;
  /** Records an ok answer on the operation (a read's output). */
  answered(op: Op, res: Res | undefined): void;
}

/**
 * Runs the operation at `node` until an answer or `budgetMs` is spent. A request refused as
 * invalid or unimplemented surely did not happen (fail); any other error or silence may hide
 * an applied one (info).
 */
export async function runOp<Op extends Operation, Res extends object>(
  connections: NodeConnections<Res>,
  codec: OpCodec<Op, Res>,
  op: Op,
  node: string,
  clientId: string,
  budgetMs: number,
): Promise<Op> {
  const req = codec.request(op, clientId);
  while (nowMs() - op.startMs < budgetMs) {
    const [attempt, res] = await connections.call(node, codec.method(op), req);
    op.attempts.push(attempt);
    if (attempt.result === "ok") {
      op.outcome = "ok";
      op.endMs = attempt.endMs;
      codec.answered(op, res);
      return op;
    }
    // Refused as invalid, or not implemented (a template's honest answer, which a retry
    // cannot change): the node says it did not apply it.
    if (attempt.result === "invalid" || attempt.result === "unimplemented") {
      op.outcome = "fail";
      op.endMs = attempt.endMs;
      return op;
    }
    await sleep(RETRY_PAUSE_MS);
  }
  return op;
}
