// The judge's clients for a cluster where any node answers: each one, until the workload's
// end, draws its next operation from its own seeded stream, sends it to a random node, waits
// for its outcome and thinks a while; one operation outstanding per client (Jepsen's process).
import { nowMs, sleep } from "../clock.ts";
import type { Operation } from "../operation.ts";
import type { WorkloadContext, WorkloadRun } from "../problem.ts";
import type { Random } from "../random.ts";
import type { NodeConnections } from "./connections.ts";
import { runOp, type OpCodec } from "./run-op.ts";

/** What every such scenario's clients share (ScenarioPlan.workload extends it). */
export interface ClientsSpec {
  clients: number;
  /** Pause between one client's operations, uniform in [min, max]. */
  thinkMs: [number, number];
}

/** An open operation, invoked now: `fields` are its name and arguments. */
export function newOp<Op extends Operation>(
  ctx: WorkloadContext,
  client: string,
  sequence: number,
  fields: Pick<Op, "f"> & Partial<Op>,
): Op {
  return {
    id: ctx.nextOpId(),
    client,
    sequence,
    ...fields,
    outcome: "info",
    startMs: nowMs(),
    endMs: null,
    attempts: [],
  } as Op;
}

export interface ClientsOptions<Op extends Operation, Res extends object> {
  connections: NodeConnections<Res>;
  codec: OpCodec<Op, Res>;
  /**
   * The client's next operation's name and arguments, from its own random stream; atMs is
   * the time on the plan's timeline (a plan may change the mix late in the run).
   */
  next(rng: Random, spec: ClientsSpec, atMs: number): Pick<Op, "f"> & Partial<Op>;
  /** How long one operation may keep retrying before the client gives up on it (info). */
  opBudgetMs: number;
}

export function startClients<Op extends Operation, Res extends object>(
  ctx: WorkloadContext,
  opts: ClientsOptions<Op, Res>,
): WorkloadRun<Op> {
  const spec = ctx.plan.workload as ClientsSpec;
  const history: Op[] = [];
  const runClient = async (index: number): Promise<void> => {
    const rng = ctx.random.fork(`client-${index}`);
    const client = `c${index}`;
    // The client's identity at the node: unique per run, so no earlier run's dedup applies.
    const clientId = `${ctx.runId}-${client}`;
    for (let seq = 1; nowMs() < ctx.endMs; seq++) {
      const leave = await ctx.gate.enter(ctx.endMs);
      if (nowMs() >= ctx.endMs) {
        leave();
        break;
      }
      const op = newOp<Op>(ctx, client, seq, opts.next(rng, spec, nowMs() - ctx.originMs));
      history.push(op);
      const node = rng.pick(opts.connections.nodes);
      await runOp(opts.connections, opts.codec, op, node, clientId, opts.opBudgetMs).finally(leave);
      await sleep(rng.int(spec.thinkMs[0], spec.thinkMs[1]));
    }
  };
  const finished = Promise.all(Array.from({ length: spec.clients }, (_, i) => runClient(i))).then(
    () => undefined,
  );
  return { history, done: () => history.filter((op) => op.endMs !== null).length, finished };
}
