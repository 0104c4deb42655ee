// Runs a seeded workload of judge clients against the cluster until its end time, pausing
// in idle windows, and collects the history.
import type { ClientOp } from "../../shared/check/raft/history.ts";
import { nowMs, sleep } from "../clock.ts";
import type { WorkloadSpec } from "../plan.ts";
import type { Random } from "../random.ts";
import { RaftClient, type OpRequest, type RaftConnections } from "./client.ts";
import { LeaderMemory, makeTargeting } from "./targeting.ts";

/** How long one operation may keep retrying before the client gives up on it. */
export const OP_BUDGET_MS = 4000;
/**
 * A sticky client gives up sooner: its node may be cut off for seconds, and what matters
 * is that it keeps asking that node new questions, not that one question gets through.
 */
export const STICKY_OP_BUDGET_MS = 1500;

export interface WorkloadRun {
  history: ClientOp[];
  /** Operations finished so far, for progress. */
  done(): number;
  /** Resolves when every client has stopped. */
  finished: Promise<void>;
}

export function keyName(i: number): string {
  return `k${i}`;
}

function chooseOp(spec: WorkloadSpec, random: Random, client: string, seq: number): OpRequest {
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

export function startWorkload(opts: {
  spec: WorkloadSpec;
  connections: RaftConnections;
  random: Random;
  originMs: number;
  endMs: number;
  idleWindows: readonly [number, number][];
  runId: string;
  nextOpId: () => number;
}): WorkloadRun {
  const { spec, connections, random, originMs } = opts;
  const history: ClientOp[] = [];
  const memory = new LeaderMemory();
  const nodes = connections.nodes;
  const idleUntil = (atMs: number): number | null => {
    const w = opts.idleWindows.find(([a, b]) => atMs >= originMs + a && atMs < originMs + b);
    return w ? originMs + w[1] : null;
  };
  const runClient = async (index: number): Promise<void> => {
    const rng = random.fork(`client-${index}`);
    const id = `${opts.runId}-c${index}`;
    const home = nodes[index % nodes.length] as string;
    const sticky = index < (spec.stickyClients ?? 0) || spec.targeting === "sticky";
    const budgetMs = sticky ? STICKY_OP_BUDGET_MS : OP_BUDGET_MS;
    const client = new RaftClient(
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
      const op = await client.run(
        chooseOp(spec, rng, `c${index}`, seq),
        budgetMs,
        () => nowMs() > opts.endMs + OP_BUDGET_MS,
      );
      history.push(op);
      await sleep(rng.int(spec.thinkMs[0], spec.thinkMs[1]));
    }
  };
  const finished = Promise.all(Array.from({ length: spec.clients }, (_, i) => runClient(i))).then(
    () => undefined,
  );
  return { history, done: () => history.length, finished };
}
