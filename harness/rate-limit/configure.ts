// The judge as the limiters' configurator: before any request it sends every node its limit
// (Configure), and again to a node whenever its agent shows it started anew (a restarted
// node has forgotten it). Each attempt carries elapsed_ms, how long ago on the judge's clock
// the limiter's time 0 (the first Configure's send) was, so a node that joins late, or with
// a skewed clock, places time 0 on its own clock without reading a wall clock. What was sent
// is the run's problemRecord, which the checks read.
import type { ClusterHandle } from "../../shared/ports/cluster.ts";
import { nowMs, sleep } from "../clock.ts";
import type { Attempt } from "../operation.ts";
import type { RunRecord } from "../run-record.ts";
import type { NodeConnections } from "../any-node/connections.ts";

/** How often the configurator asks the agents whether a node started anew. */
const WATCH_EVERY_MS = 100;
const RETRY_AFTER_MS = 100;

export type ConfigureAttempt = Attempt & {
  /** The request's elapsed_ms: this attempt's send, less the limiter's time 0. */
  elapsedMs: number;
};

/** One node's configuration: the first one, or one after that node started anew. */
export interface ConfigureCall {
  node: string;
  /** The agent's start count the call was made for. */
  starts: number;
  attempts: ConfigureAttempt[];
  /** When the node first answered it; null: never. */
  answeredMs: number | null;
}

/** A rate limiter run's problemRecord. */
export interface RateRecord {
  /** The plan's limit (RateWorkload.limit), as the judge configured it. */
  limit: unknown;
  /** The limiter's time 0 on the judge's clock: the first Configure's send. */
  epochMs: number;
  configures: ConfigureCall[];
}

/** The run's RateRecord, or null when the judge configured nothing. */
export function rateRecordOf(run: RunRecord): RateRecord | null {
  const record = run.problemRecord as RateRecord | undefined;
  return record && typeof record.epochMs === "number" && Array.isArray(record.configures)
    ? record
    : null;
}

/**
 * How far after the judge's time 0 a node may place its own: an attempt reached the node
 * before its end and said time 0 was elapsedMs ago (rounded down, so never later than it
 * was), so the node's time 0 lies in [epochMs, endMs − elapsedMs].
 */
export function placementSpreadMs(record: RateRecord): number {
  let spread = 0;
  for (const call of record.configures)
    for (const a of call.attempts)
      spread = Math.max(spread, a.endMs - a.elapsedMs - record.epochMs);
  return spread;
}

export class Configurator {
  private readonly calls: ConfigureCall[] = [];
  private readonly latest = new Map<string, ConfigureCall>();
  private epochMs: number | null = null;
  private stopped = false;
  /** When the latest look at the agents' start counts began, and whether all ran then. */
  private lookedMs = 0;
  private allRunning = false;
  private watching: Promise<void> | null = null;

  constructor(
    private readonly cluster: ClusterHandle,
    private readonly connections: NodeConnections<object>,
    /** The plan's limit, kept in the record. */
    private readonly limit: unknown,
    /** The Configure request for an attempt sent elapsedMs after time 0. */
    private readonly request: (elapsedMs: number) => object,
    private readonly note: (description: string, atMs?: number) => void,
  ) {}

  /** Configures every node and starts watching; resolves once all answered or waitMs passed. */
  async start(waitMs: number): Promise<void> {
    const starts = await this.starts();
    this.epochMs = nowMs();
    for (const node of this.cluster.nodes) this.configure(node.id, starts.get(node.id) ?? 0);
    this.watching = this.watch(starts);
    const until = nowMs() + waitMs;
    while (!this.configured() && nowMs() < until) await sleep(20);
  }

  /** Whether every node answered its latest Configure. */
  configured(): boolean {
    return [...this.latest.values()].every((call) => call.answeredMs !== null);
  }

  /**
   * Whether the agents, asked after `ms`, showed every node running, and every node answered
   * its latest Configure: a node restarted before `ms` is configured anew by then.
   */
  configuredSince(ms: number): boolean {
    return this.lookedMs >= ms && this.allRunning && this.configured();
  }

  /** The limiter's time 0, once the first Configure was sent. */
  epoch(): number | null {
    return this.epochMs;
  }

  record(): RateRecord | undefined {
    return this.epochMs === null
      ? undefined
      : { limit: this.limit, epochMs: this.epochMs, configures: this.calls };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.watching;
  }

  private async watch(seen: Map<string, number>): Promise<void> {
    while (!this.stopped) {
      await sleep(WATCH_EVERY_MS);
      const starts = await this.starts();
      for (const [node, count] of starts) {
        if (count <= (seen.get(node) ?? 0) || this.stopped) continue;
        seen.set(node, count);
        this.note(`the judge configures ${node} again: it started anew`);
        this.configure(node, count);
      }
    }
  }

  /** Each node's start count as its agent reports it; a silent agent is left out. */
  private async starts(): Promise<Map<string, number>> {
    const lookedMs = nowMs();
    const statuses = await Promise.all(
      this.cluster.nodes.map((n) => n.control.status().catch(() => null)),
    );
    const starts = new Map<string, number>();
    this.cluster.nodes.forEach((n, i) => {
      const s = statuses[i];
      if (s) starts.set(n.id, s.starts);
    });
    this.lookedMs = lookedMs;
    this.allRunning = statuses.every((s) => s?.state === "running");
    return starts;
  }

  private configure(node: string, starts: number): void {
    const call: ConfigureCall = { node, starts, attempts: [], answeredMs: null };
    this.calls.push(call);
    this.latest.set(node, call);
    void this.send(call);
  }

  /** Configure until the node answers, or it starts anew (a newer call takes over). */
  private async send(call: ConfigureCall): Promise<void> {
    const epoch = this.epochMs as number;
    while (!this.stopped && this.latest.get(call.node) === call) {
      const elapsedMs = Math.max(0, Math.floor(nowMs() - epoch));
      const [attempt] = await this.connections.call(
        call.node,
        "Configure",
        this.request(elapsedMs),
      );
      call.attempts.push({ ...attempt, elapsedMs });
      if (attempt.result === "ok") {
        call.answeredMs = attempt.endMs;
        return;
      }
      await sleep(RETRY_AFTER_MS);
    }
  }
}
