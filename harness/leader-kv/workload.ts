// Runs a seeded workload of judge clients against a leader-based store until its end time,
// pausing in idle windows, and collects the history.
import { nowMs, sleep } from "../clock.ts";
import type { WorkloadContext, WorkloadRun } from "../problem.ts";
import type { Random } from "../random.ts";
import { KvClient, type OpRequest } from "./client.ts";
import type { KvConnections } from "./connections.ts";
import type { KvOp } from "./history.ts";
import { RouteMemory, makeTargeting } from "./targeting.ts";

/** A scenario's clients (ScenarioPlan.workload). */
export interface KvWorkload {
  clients: number;
  keys: number;
  /** Relative weights of the operations. */
  mix: { get: number; put: number; append: number };
  /** Pause between one client's operations, uniform in [min, max]. */
  thinkMs: [number, number];
  /**
   * "leader": follow redirect hints to the node holding the operation's route (the leader;
   * the chain's head or tail), as the statements' clients do. "random": send each new
   * operation to a random node first, to exercise redirects. "sticky": each client keeps
   * calling one node, even one cut off from the others, until it gives up on it.
   */
  targeting: "leader" | "random" | "sticky";
  /** The first this many clients are "sticky" whatever `targeting` says. */
  stickyClients?: number;
}

/** How long one operation may keep retrying before the client gives up on it. */
export const OP_BUDGET_MS = 4000;
/**
 * A sticky client gives up sooner: its node may be cut off for seconds, and what matters
 * is that it keeps asking that node new questions, not that one question gets through.
 */
export const STICKY_OP_BUDGET_MS = 1500;

export function keyName(i: number): string {
  return `k${i}`;
}

function chooseOp(spec: KvWorkload, random: Random, client: string, seq: number): OpRequest {
  const key = keyName(random.int(0, spec.keys - 1));
  const total = spec.mix.get + spec.mix.put + spec.mix.append;
  const roll = random.next() * total;
  if (roll < spec.mix.get) return { f: "get", key };
  // Unique values, so any write applied twice or applied though refused shows in reads.
  const value = `${client}.${seq};`;
  return roll < spec.mix.get + spec.mix.put
    ? { f: "put", key, value }
    : { f: "append", key, value };
}

export function startWorkload<Redirect extends string>(
  ctx: WorkloadContext,
  connections: KvConnections<Redirect>,
): WorkloadRun<KvOp<Redirect>> {
  const opts = ctx;
  const spec = ctx.plan.workload as KvWorkload;
  const { random } = ctx;
  const history: KvOp<Redirect>[] = [];
  const memory = new RouteMemory();
  const nodes = connections.nodes;
  const idleUntil = (atMs: number): number | null => {
    const w = opts.idleWindows.find(([a, b]) => atMs >= a && atMs < b);
    return w ? w[1] : null;
  };
  const runClient = async (index: number): Promise<void> => {
    const rng = random.fork(`client-${index}`);
    const id = `${opts.runId}-c${index}`;
    const home = nodes[index % nodes.length] as string;
    const sticky = index < (spec.stickyClients ?? 0) || spec.targeting === "sticky";
    const budgetMs = sticky ? STICKY_OP_BUDGET_MS : OP_BUDGET_MS;
    const client = new KvClient(
      id,
      connections,
      makeTargeting(sticky ? "sticky" : spec.targeting, nodes, home, memory, rng),
      opts.nextOpId,
    );
    for (let seq = 1; nowMs() < opts.endMs; seq++) {
      const resume = idleUntil(nowMs());
      if (resume !== null) {
        await sleep(resume - nowMs());
        continue;
      }
      // A plan's round may hold the clients: none starts an operation meanwhile.
      const leave = await opts.gate.enter(opts.endMs);
      if (nowMs() >= opts.endMs) {
        leave();
        break;
      }
      const op = await client
        .run(
          chooseOp(spec, rng, `c${index}`, seq),
          budgetMs,
          () => nowMs() > opts.endMs + OP_BUDGET_MS,
        )
        .finally(leave);
      history.push(op);
      await sleep(rng.int(spec.thinkMs[0], spec.thinkMs[1]));
    }
  };
  const finished = Promise.all(Array.from({ length: spec.clients }, (_, i) => runClient(i))).then(
    () => undefined,
  );
  return { history, done: () => history.length, finished };
}
