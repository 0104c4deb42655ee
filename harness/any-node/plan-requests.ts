// The operations a plan sends to the nodes it chooses ("request" steps) where any node
// answers: each label is one client, a new request its next sequence, and a step without a
// request sends the label's last operation again with the same identity (a retry). Every
// operation is recorded once, from its first attempt to its final answer, like the workload's.
import { nowMs } from "../clock.ts";
import type { Operation } from "../operation.ts";
import type { PlanRequests, WorkloadContext } from "../problem.ts";
import type { NodeConnections } from "./connections.ts";
import { runOp, type OpCodec } from "./run-op.ts";
import { newOp } from "./workload.ts";

/** A problem's reading of a plan's request: the operation's name and arguments, or a throw. */
export type ParseRequest<Op extends Operation> = (
  request: unknown,
  label: string,
) => Pick<Op, "f"> & Partial<Op>;

/** Reads `{ f, key }` with f one of `fs`: a plan's request of an operation on one key. */
export function keyedRequest<F extends string>(fs: readonly F[]) {
  return (request: unknown, label: string): { f: F; key: string } => {
    const r = request as { f?: unknown; key?: unknown } | null;
    if (!fs.includes(r?.f as F) || typeof r?.key !== "string")
      throw new Error(`request ${label}: expected { f: ${fs.join("|")}, key }`);
    return { f: r.f as F, key: r.key };
  };
}

export function anyNodeRequests<Op extends Operation, Res extends object>(
  ctx: WorkloadContext,
  connections: NodeConnections<Res>,
  codec: OpCodec<Op, Res>,
  parse: ParseRequest<Op>,
): PlanRequests<Op> {
  const ops: Op[] = [];
  const last = new Map<string, Op>();
  return {
    async send(label, node, request, budgetMs) {
      let op = last.get(label);
      if (request !== undefined) {
        op = newOp<Op>(ctx, label, (op?.sequence ?? 0) + 1, parse(request, label));
        ops.push(op);
        last.set(label, op);
      }
      if (!op) throw new Error(`request ${label} was never sent: there is nothing to retry`);
      // runOp's budget counts from the operation's start: a retry gets budgetMs from now.
      const tries = op.attempts.length;
      await runOp(
        connections,
        codec,
        op,
        node,
        `${ctx.runId}-${label}`,
        nowMs() - op.startMs + budgetMs,
      );
      const answer = op.attempts.at(-1)?.result ?? "no attempt";
      const n = op.attempts.length - tries;
      return `${answer} from ${node}${n > 1 ? ` after ${n} attempts` : ""}`;
    },
    history: () => ops,
  };
}
