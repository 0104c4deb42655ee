// The judge's clients: each one, until the workload's end, adds a seeded delta or reads at a
// random node, one operation at a time, and collects the history.
import { nowMs, sleep } from "../../harness/clock.ts";
import type { WorkloadContext, WorkloadRun } from "../../harness/problem.ts";
import { runOp, type CounterConnections, type CounterOp } from "./client.ts";

/** A G-Counter scenario's clients (ScenarioPlan.workload). */
export interface CounterWorkload {
  clients: number;
  /** The share of operations that are adds; the rest are reads. */
  addShare: number;
  /** Deltas are uniform in [0, deltaMax]. */
  deltaMax: number;
  /** Pause between one client's operations, uniform in [min, max]. */
  thinkMs: [number, number];
}

/** How long one operation may keep retrying before the client gives up on it (info). */
export const OP_BUDGET_MS = 4500;

export function newOp(
  ctx: WorkloadContext,
  client: string,
  sequence: number,
  f: "add" | "read",
  delta?: number,
): CounterOp {
  return {
    id: ctx.nextOpId(),
    client,
    sequence,
    f,
    ...(delta === undefined ? {} : { value: delta }),
    outcome: "info",
    startMs: nowMs(),
    endMs: null,
    attempts: [],
  };
}

export function startWorkload(
  ctx: WorkloadContext,
  connections: CounterConnections,
): WorkloadRun<CounterOp> {
  const spec = ctx.plan.workload as CounterWorkload;
  const history: CounterOp[] = [];
  const runClient = async (index: number): Promise<void> => {
    const rng = ctx.random.fork(`client-${index}`);
    const client = `c${index}`;
    // The add's identity at the node: unique per run, so no earlier run's dedup applies.
    const clientId = `${ctx.runId}-${client}`;
    for (let seq = 1; nowMs() < ctx.endMs; seq++) {
      const leave = await ctx.gate.enter(ctx.endMs);
      if (nowMs() >= ctx.endMs) {
        leave();
        break;
      }
      const isAdd = rng.next() < spec.addShare;
      const op = isAdd
        ? newOp(ctx, client, seq, "add", rng.int(0, spec.deltaMax))
        : newOp(ctx, client, seq, "read");
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
