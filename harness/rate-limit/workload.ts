// A rate limiter scenario's clients, as plain data: streams (clients that each send Allow on
// one key to a random node, one request outstanding, pausing between requests) and bursts
// (many requests on one key sent at one moment, each its own client). A steady stream's
// requests are the ones the over-denial check judges; bursts may wait for every node to be
// configured and line up with the limiter's windows (time 0 + k·W + phase·W).
import { nowMs, sleep } from "../clock.ts";
import type { WorkloadContext, WorkloadRun } from "../problem.ts";
import type { NodeConnections } from "../any-node/connections.ts";
import { runOp } from "../any-node/run-op.ts";
import { newOp } from "../any-node/workload.ts";
import { ALLOW_CODEC, type AllowReply } from "./codec.ts";
import type { AllowOp } from "./operation.ts";

export interface RateStream {
  key: string;
  clients: number;
  /** Pause between one client's requests, uniform in [min, max] ms. */
  thinkMs: [number, number];
  /** Plan time (ms from the scenario's origin) the clients start and stop. */
  fromMs: number;
  toMs: number;
  /**
   * Judged by the over-denial check: the plan promises the stream stays below the limit
   * (statement.md says by how much) on a key no other stream or burst uses.
   */
  steady?: boolean;
  /** The nodes its clients pick from (default: every node). */
  nodes?: string[];
}

export interface RateBurst {
  key: string;
  /** Requests sent at the same moment, each by its own client, to the nodes in turn. */
  requests: number;
  /** Plan time the burst is due. */
  atMs: number;
  /**
   * First waits until the agents, asked after the burst was due, show every node running,
   * and every node answered its latest Configure (a node restarted before is configured anew).
   */
  whenConfigured?: boolean;
  /** Then waits for the next moment time 0 + k·windowMs + phase·windowMs. */
  align?: { windowMs: number; phase: number };
  /** The nodes it sends to (default: every node). */
  nodes?: string[];
}

/** ScenarioPlan.workload of a rate limiter: the limit the judge configures, and the clients. */
export interface RateWorkload<Limit> {
  limit: Limit;
  streams: RateStream[];
  bursts: RateBurst[];
}

/** What the clients ask the configurator. */
export interface ConfigureState {
  /**
   * Whether the agents, asked after `ms`, showed every node running, and every node answered
   * its latest Configure.
   */
  configuredSince(ms: number): boolean;
  /** The limiter's time 0 on the judge's clock (epoch ms), once sent. */
  epoch(): number | null;
}

/** How long one request may keep retrying before the client gives up on it (info). */
export const OP_BUDGET_MS = 4500;
const CONFIGURED_POLL_MS = 20;

/** The first moment at or after `fromMs` that lies `phase` into a window. */
export function alignedMs(
  fromMs: number,
  epochMs: number,
  windowMs: number,
  phase: number,
): number {
  const offset = phase * windowMs;
  const k = Math.ceil((fromMs - epochMs - offset) / windowMs);
  return epochMs + k * windowMs + offset;
}

export function startRateClients(
  ctx: WorkloadContext,
  connections: NodeConnections<AllowReply>,
  config: ConfigureState,
): WorkloadRun<AllowOp> {
  const spec = ctx.plan.workload as RateWorkload<unknown>;
  const history: AllowOp[] = [];
  const send = async (op: AllowOp, node: string, clientId: string) => {
    history.push(op);
    await runOp(connections, ALLOW_CODEC, op, node, clientId, OP_BUDGET_MS);
  };

  const runStreamClient = async (stream: RateStream, index: number, i: number) => {
    const rng = ctx.random.fork(`stream-${index}-client-${i}`);
    const client = `s${index}c${i}`;
    const clientId = `${ctx.runId}-${client}`;
    const nodes = stream.nodes ?? connections.nodes;
    const stopMs = Math.min(ctx.endMs, ctx.originMs + stream.toMs);
    await sleep(ctx.originMs + stream.fromMs - nowMs());
    for (let seq = 1; nowMs() < stopMs; seq++) {
      const leave = await ctx.gate.enter(stopMs);
      if (nowMs() >= stopMs) {
        leave();
        break;
      }
      const fields = {
        f: "allow" as const,
        key: stream.key,
        ...(stream.steady && { steady: true }),
      };
      const op = newOp<AllowOp>(ctx, client, seq, fields);
      await send(op, rng.pick(nodes), clientId).finally(leave);
      await sleep(rng.int(stream.thinkMs[0], stream.thinkMs[1]));
    }
  };

  const runBurst = async (burst: RateBurst, index: number) => {
    const nodes = burst.nodes ?? connections.nodes;
    const dueMs = ctx.originMs + burst.atMs;
    await sleep(dueMs - nowMs());
    if (burst.whenConfigured)
      while (!config.configuredSince(dueMs) && nowMs() < ctx.endMs) await sleep(CONFIGURED_POLL_MS);
    const epoch = config.epoch();
    if (burst.align && epoch !== null)
      await sleep(alignedMs(nowMs(), epoch, burst.align.windowMs, burst.align.phase) - nowMs());
    if (nowMs() >= ctx.endMs) return;
    const leave = await ctx.gate.enter(ctx.endMs);
    await Promise.all(
      Array.from({ length: burst.requests }, (_, i) => {
        const client = `b${index}r${i}`;
        const op = newOp<AllowOp>(ctx, client, 1, { f: "allow", key: burst.key });
        return send(op, nodes[i % nodes.length] as string, `${ctx.runId}-${client}`);
      }),
    ).finally(leave);
  };

  const finished = Promise.all([
    ...spec.streams.flatMap((stream, index) =>
      Array.from({ length: stream.clients }, (_, i) => runStreamClient(stream, index, i)),
    ),
    ...spec.bursts.map(runBurst),
  ]).then(() => undefined);
  return { history, done: () => history.filter((op) => op.endMs !== null).length, finished };
}
