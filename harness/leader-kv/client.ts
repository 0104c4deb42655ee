// The judge's clients of a leader-based store, following the statements' client rules: one
// operation outstanding per client, sequences from 1, retries of the same
// (client_id, sequence) after UNAVAILABLE or a deadline, redirect hints followed. Each
// operation is recorded from its first attempt to its final answer, with every attempt.
import { nowMs, sleep } from "../clock.ts";
import type { KvConnections, WireRequest } from "./connections.ts";
import type { KvFunction, KvOp } from "./history.ts";
import type { KvWire, Route } from "./wire.ts";

/** Between a failed attempt and the next. */
export const RETRY_BACKOFF_MS = 50;

export interface OpRequest {
  f: KvFunction;
  key: string;
  value?: string;
}

/** How a client picks the node for each attempt of an operation taking `route`. */
export interface Targeting {
  /** The node for an operation's first attempt. */
  first(route: Route): string;
  /** The node after an ambiguous failure (UNAVAILABLE, deadline) on `node`. */
  afterFailure(route: Route, node: string): string;
  /** A node named the route's holder (a hint, or an OK from it). */
  learned(route: Route, holder: string): void;
}

export function wireRequest(client: string, sequence: number, req: OpRequest): WireRequest {
  return {
    client_id: client,
    sequence,
    op: req.f.toUpperCase(),
    key: req.key,
    value: req.value ?? "",
  };
}

/** One judge client: a session with its own id and sequence. */
export class KvClient<Redirect extends string = string> {
  private sequence = 0;

  constructor(
    readonly id: string,
    private readonly connections: KvConnections<Redirect>,
    private readonly targeting: Targeting,
    private readonly nextOpId: () => number,
  ) {}

  /** Runs one operation to its final answer or until budgetMs is spent. */
  async run(
    req: OpRequest,
    budgetMs: number,
    stop: () => boolean = () => false,
  ): Promise<KvOp<Redirect>> {
    this.sequence++;
    const op: KvOp<Redirect> = {
      id: this.nextOpId(),
      client: this.id,
      sequence: this.sequence,
      ...req,
      outcome: "info",
      startMs: nowMs(),
      endMs: null,
      attempts: [],
    };
    const wire = wireRequest(this.id, this.sequence, req);
    const route = this.connections.wire.route(req.f);
    let node = this.targeting.first(route);
    while (true) {
      const { attempt, response } = await this.connections.attempt(node, wire);
      op.attempts.push(attempt);
      if (attempt.result === "ok" && response) {
        this.targeting.learned(route, node);
        op.outcome = "ok";
        op.endMs = attempt.endMs;
        if (req.f === "get") op.output = { value: response.value, found: response.found };
        return op;
      }
      if (nowMs() - op.startMs > budgetMs || stop()) return finish(op, this.connections.wire);
      const next = redirectTarget(this.connections, node, attempt);
      if (next !== null) {
        this.targeting.learned(route, next);
        node = next;
        continue;
      }
      await sleep(RETRY_BACKOFF_MS);
      node = this.targeting.afterFailure(route, node);
    }
  }
}

/**
 * The node a redirect sends the next attempt to, or null. A hint naming no node of the
 * cluster ("127.0.0.1:22001") is recorded (a redirect check may report it) and treated as no
 * hint, as is one naming the node that answered.
 */
export function redirectTarget<Redirect extends string>(
  connections: Pick<KvConnections<Redirect>, "wire" | "nodes">,
  node: string,
  attempt: KvOp<Redirect>["attempts"][number],
): string | null {
  const { hint } = attempt;
  if (!isRedirect(connections.wire, attempt.result) || !hint || hint === node) return null;
  return connections.nodes.includes(hint) ? hint : null;
}

function isRedirect<Redirect extends string>(wire: KvWire<Redirect>, result: string): boolean {
  return (wire.redirects as readonly string[]).includes(result);
}

/**
 * An operation that never got OK: it surely did not happen only if every attempt was
 * refused with a redirect (the statements: such an operation never takes effect); otherwise
 * it may have happened and stays open to the end of the history.
 */
export function finish<Op extends KvOp>(op: Op, wire: KvWire): Op {
  const refusedEverywhere = op.attempts.every((a) => isRedirect(wire, a.result));
  op.outcome = refusedEverywhere ? "fail" : "info";
  op.endMs = refusedEverywhere ? (op.attempts.at(-1)?.endMs ?? op.startMs) : null;
  return op;
}
