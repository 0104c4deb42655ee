// The judge's clients: each one, until the workload's end, adds, removes or reads an element
// of a small set at a random node, one operation at a time, so adds and removes of the same
// element race across nodes and partitions.
import { nowMs, sleep } from "../../harness/clock.ts";
import type { WorkloadContext, WorkloadRun } from "../../harness/problem.ts";
import { runOp, type SetConnections, type SetOp } from "./client.ts";

/** An OR-Set scenario's clients (ScenarioPlan.workload). */
export interface SetWorkload {
  clients: number;
  /** The elements the clients add and remove. */
  elements: string[];
  /** The shares of operations that are adds and removes; the rest are reads. */
  addShare: number;
  removeShare: number;
  /** Pause between one client's operations, uniform in [min, max]. */
  thinkMs: [number, number];
}

/** How long one operation may keep retrying before the client gives up on it (info). */
export const OP_BUDGET_MS = 4500;

export function newOp(
  ctx: WorkloadContext,
  client: string,
  sequence: number,
  f: SetOp["f"],
  element?: string,
): SetOp {
  return {
    id: ctx.nextOpId(),
    client,
    sequence,
    f,
    ...(element === undefined ? {} : { key: element }),
    outcome: "info",
    startMs: nowMs(),
    endMs: null,
    attempts: [],
  };
}

export function startWorkload(
  ctx: WorkloadContext,
  connections: SetConnections,
): WorkloadRun<SetOp> {
  const spec = ctx.plan.workload as SetWorkload;
  const history: SetOp[] = [];
  const runClient = async (index: number): Promise<void> => {
    const rng = ctx.random.fork(`client-${index}`);
    const client = `c${index}`;
    // The operation's identity at the node: unique per run, so no earlier run's dedup applies.
    const clientId = `${ctx.runId}-${client}`;
    for (let seq = 1; nowMs() < ctx.endMs; seq++) {
      const leave = await ctx.gate.enter(ctx.endMs);
      if (nowMs() >= ctx.endMs) {
        leave();
        break;
      }
      const roll = rng.next();
      const f =
        roll < spec.addShare ? "add" : roll < spec.addShare + spec.removeShare ? "remove" : "read";
      const op = newOp(ctx, client, seq, f, f === "read" ? undefined : rng.pick(spec.elements));
      history.push(op);
      await runOp(connections, op, rng.pick(connections.nodes), clientId, OP_BUDGET_MS).finally(
        leave,
      );
      await sleep(rng.int(spec.thinkMs[0], spec.thinkMs[1]));
    }
  };
  const finished = Promise.all(Array.from({ length: spec.clients }, (_, i) => runClient(i))).then(
    () => undefined,
  );
  return { history, done: () => history.filter((op) => op.endMs !== null).length, finished };
}
