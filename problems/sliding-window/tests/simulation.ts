// The reference's logic (limiter.ts, frontdoor.ts) on a seeded simulated network, in
// simulated time: three nodes, clients calling Allow at random nodes with the judge's retry
// rule, Decide calls between nodes that are delayed, cut by a partition or sent to a killed
// node, a node killed and restarted with its clock skewed, answers lost on the clients'
// links. It returns what the clients saw (the history the judge's check reads) and every
// decision the homes made at its true time.
import { findOverAdmission, type OverAdmission } from "../../../harness/rate-limit/index.ts";
import { seededRandom } from "../../../harness/random.ts";
import { windowBound } from "../checks.ts";
import type { WindowLimit } from "../client.ts";
import { Frontdoor } from "../reference/typescript/frontdoor.ts";
import { Limiter, type LimitConfig } from "../reference/typescript/limiter.ts";

export const NODES = ["node-0", "node-1", "node-2"];

export interface SimOptions {
  seed: number;
  config: Omit<LimitConfig, "elapsed_ms">;
  /** Clients start no request after this. */
  durationMs: number;
  clients: number;
  keys: readonly string[];
  thinkMs: [number, number];
  /** One hop's delay, uniform. */
  delayMs: [number, number];
  loseAnswerProbability: number;
  /** `node` cannot reach its peers nor they it, from fromMs to toMs. */
  partition?: { node: string; fromMs: number; toMs: number };
  /**
   * `node` is killed at downMs and started at upMs with its clock skewMs off; the judge
   * configures it again configureMs later (its agent shows the start on its next poll).
   */
  restart?: { node: string; downMs: number; upMs: number; skewMs: number; configureMs: number };
  /** Requests on `key` sent together at atMs, each by its own client, to the nodes in turn. */
  bursts?: { atMs: number; key: string; requests: number }[];
  /** The node's logic: the reference's, or a mutant's. */
  Limiter?: typeof Limiter;
  Frontdoor?: typeof Frontdoor;
}

/** One client request as the judge records it: allowed is null while never answered. */
export interface SimOp {
  key: string;
  client: string;
  sequence: number;
  invokeMs: number;
  completeMs: number | null;
  allowed: boolean | null;
}

export interface SimResult {
  ops: SimOp[];
  /** Every allowed decision a home made, at its true time. */
  allowedAt: { key: string; atMs: number }[];
}

/** The judge's client: a call waits this long, and a retry follows 100 ms after (client.ts). */
const CALL_DEADLINE_MS = 1000;
const RETRY_PAUSE_MS = 100;
const OP_BUDGET_MS = 4000;
const FORWARD_DEADLINE_MS = 250;

interface Event {
  at: number;
  order: number;
  run(): void;
}

class EventQueue {
  now = 0;
  private order = 0;
  private readonly queue: Event[] = [];

  at(time: number, run: () => void): void {
    const event = { at: time, order: this.order++, run };
    let i = this.queue.length;
    while (i > 0 && (this.queue[i - 1] as Event).at > time) i--;
    this.queue.splice(i, 0, event);
  }

  /** Runs every event in time order; the promises an event settles run before the next. */
  async drain(): Promise<void> {
    for (let event = this.queue.shift(); event; event = this.queue.shift()) {
      this.now = event.at;
      event.run();
      for (let i = 0; i < 8; i++) await Promise.resolve();
    }
  }
}

interface SimNode {
  id: string;
  /** Counts the node's starts: an answer from an earlier life is never delivered. */
  life: number;
  up: boolean;
  limiter: Limiter;
  frontdoor: Frontdoor;
}

export async function simulate(opts: SimOptions): Promise<SimResult> {
  const rng = seededRandom(opts.seed);
  const queue = new EventQueue();
  const delay = (): number => rng.int(opts.delayMs[0], opts.delayMs[1]);
  const LimiterClass = opts.Limiter ?? Limiter;
  const FrontdoorClass = opts.Frontdoor ?? Frontdoor;
  const allowedAt: SimResult["allowedAt"] = [];
  const cut = (a: string, b: string): boolean => {
    const p = opts.partition;
    return !!p && (a === p.node) !== (b === p.node) && queue.now >= p.fromMs && queue.now < p.toMs;
  };
  const nodes = new Map<string, SimNode>();

  const start = (id: string, skewMs: number): void => {
    // Each node's monotonic clock has its own origin, and the restarted one its skew.
    const origin = rng.int(0, 1_000_000) + skewMs;
    const now = (): number => queue.now + origin;
    const limiter = new LimiterClass(now);
    const decide = limiter.decide.bind(limiter);
    // A decision given again to a retry is not a new one.
    const seen = new Set<string>();
    limiter.decide = (key, requestId) => {
      const allowed = decide(key, requestId);
      if (allowed && !seen.has(requestId)) allowedAt.push({ key, atMs: queue.now });
      seen.add(requestId);
      return allowed;
    };
    const previous = nodes.get(id);
    const node: SimNode = {
      id,
      life: (previous?.life ?? 0) + 1,
      up: true,
      limiter,
      frontdoor: null as never,
    };
    node.frontdoor = new FrontdoorClass(
      id,
      NODES,
      limiter,
      (home, req) =>
        new Promise((resolve, reject) => {
          const sentAt = queue.now;
          const giveUp = (): void =>
            queue.at(sentAt + FORWARD_DEADLINE_MS, () => reject(new Error("deadline")));
          if (cut(id, home)) return giveUp();
          queue.at(sentAt + delay(), () => {
            const target = nodes.get(home) as SimNode;
            if (!target.up || cut(id, home)) return giveUp();
            const allowed = target.limiter.decide(req.key, req.request_id);
            const back = queue.now + delay();
            if (back > sentAt + FORWARD_DEADLINE_MS || cut(id, home)) return giveUp();
            queue.at(back, () => resolve(allowed));
          });
        }),
      now,
    );
    nodes.set(id, node);
  };

  for (const id of NODES) start(id, 0);
  for (const node of nodes.values()) node.limiter.configure({ ...opts.config, elapsed_ms: 0 });
  if (opts.restart) {
    const { node, downMs, upMs, skewMs, configureMs } = opts.restart;
    queue.at(downMs, () => {
      (nodes.get(node) as SimNode).up = false;
    });
    queue.at(upMs, () => start(node, skewMs));
    queue.at(upMs + configureMs, () =>
      (nodes.get(node) as SimNode).limiter.configure({
        ...opts.config,
        elapsed_ms: upMs + configureMs,
      }),
    );
  }

  const ops: SimOp[] = [];
  /** One request from its invoke to its answer, retried at `target` (the judge's rule). */
  const send = (op: SimOp, target: string, crng: typeof rng, done: () => void): void => {
    ops.push(op);
    const attempt = (): void => {
      const sentAt = queue.now;
      const retry = (): void =>
        queue.at(sentAt + CALL_DEADLINE_MS + RETRY_PAUSE_MS, () =>
          queue.now - op.invokeMs < OP_BUDGET_MS ? attempt() : done(),
        );
      queue.at(sentAt + delay(), () => {
        const node = nodes.get(target) as SimNode;
        if (!node.up) return retry();
        const life = node.life;
        void node.frontdoor
          .allow({ key: op.key, request_id: `${op.client}-${op.sequence}` })
          .then((allowed) => {
            const back = queue.now + delay();
            const heard =
              node.up &&
              node.life === life &&
              back < sentAt + CALL_DEADLINE_MS &&
              crng.next() >= opts.loseAnswerProbability;
            if (!heard) return retry();
            queue.at(back, () => {
              op.completeMs = queue.now;
              op.allowed = allowed;
              done();
            });
          });
      });
    };
    attempt();
  };
  const newOp = (key: string, client: string, sequence: number): SimOp => ({
    key,
    client,
    sequence,
    invokeMs: queue.now,
    completeMs: null,
    allowed: null,
  });
  const runClient = (index: number): void => {
    const crng = rng.fork(`client-${index}`);
    let sequence = 0;
    const next = (): void => {
      if (queue.now >= opts.durationMs) return;
      const op = newOp(crng.pick(opts.keys), `c${index}`, ++sequence);
      send(op, crng.pick(NODES), crng, () =>
        queue.at(queue.now + crng.int(opts.thinkMs[0], opts.thinkMs[1]), next),
      );
    };
    queue.at(crng.int(0, 50), next);
  };
  for (const [b, burst] of (opts.bursts ?? []).entries())
    queue.at(burst.atMs, () => {
      for (let i = 0; i < burst.requests; i++)
        send(newOp(burst.key, `b${b}r${i}`, 1), NODES[i % NODES.length] as string, rng, () => {});
    });
  for (let i = 0; i < opts.clients; i++) runClient(i);
  await queue.drain();
  return { ops, allowedAt };
}

/** The judge's over-admission search (harness/rate-limit) over one key's simulated history. */
export function overAdmissionIn(ops: SimOp[], limit: WindowLimit): OverAdmission<SimSpan> | null {
  const spans = ops.flatMap((op) =>
    op.allowed === true ? [{ startMs: op.invokeMs, endMs: op.completeMs as number, op }] : [],
  );
  return findOverAdmission(spans, windowBound(limit).bound);
}

interface SimSpan {
  startMs: number;
  endMs: number;
  op: SimOp;
}
