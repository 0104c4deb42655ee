// How the judge talks vector_clocks.proto: its operations, the service, and what a call sends
// and an answer fills in (harness/any-node runs them). A compare asks about two events some
// client saw answered, so each run keeps the events answered so far (EventPool).
import { fileURLToPath } from "node:url";
import type { ServiceAddress } from "../../harness/any-node/connections.ts";
import type { OpCodec } from "../../harness/any-node/run-op.ts";
import type { Operation } from "../../harness/operation.ts";
import type { VectorClock } from "../../shared/check/happens-before.ts";

export type Order = "before" | "after" | "concurrent" | "equal";
export type Kind = "local" | "send" | "receive";

export interface LoggedEvent {
  kind: Kind;
  clock: VectorClock;
  peer: string;
  message: number;
}

/** An event some client saw answered: "node-1#4" is node-1's 4th event. */
export interface SeenEvent {
  id: string;
  clock: VectorClock;
}

export type ClockOp = Operation & {
  f: "event" | "send" | "compare" | "log";
  /** send: the addressee; compare: "e1 vs e2", set when the request is made. */
  value?: string;
  /** compare: where in the pool the two events are picked (fractions; b < 0: e1 twice). */
  pick?: [number, number];
  /** compare: the events asked about and their clocks. */
  compared?: [SeenEvent, SeenEvent];
  /** event, send: the clock; compare: the order; log: the node's events. */
  output?: VectorClock | Order | LoggedEvent[];
};

export const SERVICE: ServiceAddress = {
  protoPath: fileURLToPath(new URL("./vector_clocks.proto", import.meta.url)),
  service: "vectorclocks.ClockNode",
  callDeadlineMs: 2000,
};

/** Compares pick among this many most recent events: recent pairs are often concurrent. */
const RECENT = 24;

/** The events answered so far in one run, for compare requests. */
export class EventPool {
  readonly seen: SeenEvent[] = [];

  pick([a, b]: [number, number]): [SeenEvent, SeenEvent] {
    const recent = this.seen.slice(-RECENT);
    const at = (x: number) => recent[Math.floor(x * recent.length)] as SeenEvent;
    const first = recent.length ? at(a) : { id: "none", clock: {} };
    return [first, b < 0 || !recent.length ? first : at(b)];
  }
}

const METHOD = { event: "Event", send: "Send", compare: "Compare", log: "Log" } as const;

const toOrder = (v: unknown): Order | undefined => {
  const names = ["", "before", "after", "concurrent", "equal"];
  const name = typeof v === "number" ? names[v] : String(v).toLowerCase();
  return name ? (name as Order) : undefined;
};

const toKind = (v: unknown): Kind => {
  const names = ["", "local", "send", "receive"];
  return (typeof v === "number" ? names[v] : String(v).toLowerCase()) as Kind;
};

interface Reply {
  clock?: VectorClock;
  order?: unknown;
  events?: (Omit<LoggedEvent, "kind"> & { kind: unknown })[];
}

/** The node whose ok answer an operation got. */
export const okNode = (op: Operation): string | undefined =>
  [...op.attempts].reverse().find((a) => a.result === "ok")?.node;

export function codecFor(pool: EventPool): OpCodec<ClockOp, Reply> {
  return {
    method: (op) => METHOD[op.f],
    request(op, clientId) {
      if (op.f === "event") return { client_id: clientId, sequence: op.sequence };
      if (op.f === "send") return { client_id: clientId, sequence: op.sequence, to: op.value };
      if (op.f === "log") return {};
      const [e1, e2] = pool.pick(op.pick ?? [0, -1]);
      op.compared = [e1, e2];
      op.value = `${e1.id} vs ${e2.id}`;
      return { a: e1.clock, b: e2.clock };
    },
    answered(op, res) {
      if (op.f === "compare") op.output = toOrder(res?.order);
      else if (op.f === "log")
        op.output = (res?.events ?? []).map((e) => ({ ...e, kind: toKind(e.kind) }));
      else {
        const clock = res?.clock ?? {};
        op.output = clock;
        const node = okNode(op) as string;
        pool.seen.push({ id: `${node}#${clock[node] ?? 0}`, clock });
      }
    },
  };
}
