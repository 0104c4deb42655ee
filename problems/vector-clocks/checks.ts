// Every vector-clock scenario's checks, in report order: the clocks against happens-before
// (what the problem is), the acknowledged events against the final logs, every message
// delivered once, then availability under partitions and the cost in messages. The final
// Log of every node is the record of what happened; statement.md argues each check's
// soundness.
import { checkAvailability } from "../../harness/availability-check.ts";
import { checkEfficiency } from "../../harness/efficiency-check.ts";
import { describeOperation } from "../../harness/operation.ts";
import type { Check } from "../../harness/problem.ts";
import type { RunRecord } from "../../harness/run-record.ts";
import {
  checkHappensBefore,
  type ClockEvent,
  type CompareQuery,
  type MessageEdge,
  type VectorClock,
} from "../../shared/check/happens-before.ts";
import { holds, inconclusive, violated, type PropertyResult } from "../../shared/check/property.ts";
import { okNode, type ClockOp, type LoggedEvent, type Order } from "./client.ts";
import { AVAILABILITY, EFFICIENCY } from "./limits.ts";

type Run = RunRecord<ClockOp>;

/** Each node's final log, or the nodes whose final Log was not answered. */
export function finalLogs(
  run: Pick<Run, "finalReads" | "nodes">,
): Map<string, LoggedEvent[]> | string[] {
  const logs = new Map<string, LoggedEvent[]>();
  for (const op of run.finalReads)
    if (op.outcome === "ok") logs.set(okNode(op) as string, op.output as LoggedEvent[]);
  const unread = run.nodes.filter((n) => !logs.has(n));
  return unread.length ? unread : logs;
}

const eventId = (node: string, k: number): string => `${node}#${k}`;

const sameClock = (a: VectorClock, b: VectorClock): boolean =>
  [...new Set([...Object.keys(a), ...Object.keys(b)])].every((n) => (a[n] ?? 0) === (b[n] ?? 0));

const shown = (node: string, k: number, e: LoggedEvent): string =>
  `${eventId(node, k)}: ${e.kind}${e.peer ? ` ${e.kind === "send" ? "to" : "from"} ${e.peer}` : ""} with ${JSON.stringify(e.clock)}`;

/** The logged send a receive names, when the sender logged it as a send to the receiver. */
function sendOf(logs: Map<string, LoggedEvent[]>, to: string, r: LoggedEvent): string | null {
  const send = logs.get(r.peer)?.[r.message - 1];
  return send?.kind === "send" && send.peer === to ? eventId(r.peer, r.message) : null;
}

/** The events for the happens-before check: every logged event, the k-th named node#k. */
export function clockEvents(logs: Map<string, LoggedEvent[]>) {
  const events: ClockEvent[] = [];
  const messages: MessageEdge[] = [];
  for (const [node, log] of logs)
    log.forEach((e, i) => {
      const id = eventId(node, i + 1);
      events.push({ id, node, seq: i + 1, kind: e.kind, vc: e.clock });
      const send = e.kind === "receive" ? sendOf(logs, node, e) : null;
      if (send) messages.push({ send, receive: id });
    });
  return { events, messages };
}

/** The ok compare answers about two logged events, with the clocks the log holds. */
function queriesOf(run: Pick<Run, "history">, events: readonly ClockEvent[]): CompareQuery[] {
  const byId = new Map(events.map((e) => [e.id, e]));
  return run.history.flatMap((op) => {
    if (op.f !== "compare" || op.outcome !== "ok" || !op.compared) return [];
    const [a, b] = op.compared;
    const [e1, e2] = [byId.get(a.id), byId.get(b.id)];
    if (!e1 || !e2 || !sameClock(e1.vc, a.clock) || !sameClock(e2.vc, b.clock)) return [];
    const node = okNode(op);
    return [
      {
        e1: a.id,
        e2: b.id,
        answer: op.output as Order,
        ...(node ? { node } : {}),
        ...(op.endMs !== null ? { atMs: op.endMs } : {}),
      },
    ];
  });
}

export function checkClocks(run: Pick<Run, "history" | "finalReads" | "nodes">): PropertyResult {
  const logs = finalLogs(run);
  if (Array.isArray(logs))
    return inconclusive("happens-before", `no final log of ${logs.join(", ")}`);
  const { events, messages } = clockEvents(logs);
  return checkHappensBefore({ events, messages, queries: queriesOf(run, events) });
}

/** Every ok Event and Send answer is in its node's final log, at its place, with its clock. */
export function checkAcknowledged(
  run: Pick<Run, "history" | "finalReads" | "nodes" | "originMs">,
): PropertyResult {
  const property = "acknowledged events";
  const logs = finalLogs(run);
  if (Array.isArray(logs)) return inconclusive(property, `no final log of ${logs.join(", ")}`);
  let checked = 0;
  for (const op of run.history) {
    if ((op.f !== "event" && op.f !== "send") || op.outcome !== "ok") continue;
    const node = okNode(op) as string;
    const clock = op.output as VectorClock;
    const k = clock[node] ?? 0;
    const logged = (logs.get(node) ?? [])[k - 1];
    const kind = op.f === "event" ? "local" : "send";
    checked++;
    if (logged && logged.kind === kind && sameClock(logged.clock, clock)) continue;
    const there = logged
      ? `its final log holds ${shown(node, k, logged)} there`
      : `its final log has only ${logs.get(node)?.length ?? 0} events`;
    return violated(
      property,
      `${node} answered a ${kind} event with ${JSON.stringify(clock)} (its event ${k}), but ${there}: an acknowledged event was lost or changed`,
      [describeOperation(op, run.originMs)],
    );
  }
  if (!checked) return inconclusive(property, "no event or send was answered");
  return holds(property, `all ${checked} acknowledged events are in their nodes' final logs`);
}

/** Faults after which the call never reached the node the agent proxies for. */
const NOT_DELIVERED = new Set(["blackhole", "refuse", "drop"]);

/** `from>to#message` of every Deliver call the agents saw reach its addressee. */
function deliveredOnWire(messages: Run["messages"]): Set<string> {
  const seen = new Set<string>();
  for (const m of messages)
    if (m.method.endsWith("/Deliver") && !(m.fault && NOT_DELIVERED.has(m.fault)))
      seen.add(`${m.from}>${m.to}#${String(m.request?.["message"])}`);
  return seen;
}

/**
 * Every logged send received once by its addressee, every receive of a logged send, and
 * every receive carried by a Deliver call the agents recorded reaching the receiver (from
 * the sender the agents saw, not the one the node names).
 */
export function checkDelivery(
  run: Pick<Run, "finalReads" | "nodes" | "messages" | "messagesDropped">,
): PropertyResult {
  const property = "delivery";
  const logs = finalLogs(run);
  if (Array.isArray(logs)) return inconclusive(property, `no final log of ${logs.join(", ")}`);
  const wire = deliveredOnWire(run.messages);
  let offWire = 0;
  const received = new Map<string, string[]>();
  for (const [node, log] of logs)
    for (const [i, e] of log.entries()) {
      if (e.kind !== "receive") continue;
      const send = sendOf(logs, node, e);
      if (!send)
        return violated(
          property,
          `${shown(node, i + 1, e)} received message ${e.message} of ${e.peer}, which ${e.peer} never logged as a send to ${node}`,
        );
      received.set(send, [...(received.get(send) ?? []), eventId(node, i + 1)]);
      if (wire.has(`${e.peer}>${node}#${e.message}`)) continue;
      // The agents' bounded logs may have left the call out; then it is only unproven.
      if (run.messagesDropped > 0) offWire++;
      else
        return violated(
          property,
          `${shown(node, i + 1, e)} received message ${e.message} of ${e.peer}, but no Deliver of it from ${e.peer} reached ${node}: the agents recorded every peer call`,
        );
    }
  let sends = 0;
  for (const [node, log] of logs)
    for (const [i, e] of log.entries()) {
      if (e.kind !== "send") continue;
      sends++;
      const id = eventId(node, i + 1);
      const got = received.get(id) ?? [];
      if (got.length === 1) continue;
      return violated(
        property,
        got.length
          ? `${e.peer} received ${id} ${got.length} times (${got.join(", ")}): a resent message was recorded again`
          : `${e.peer} never received ${id} (${shown(node, i + 1, e)}) after the heal and the idle wait`,
      );
    }
  if (!sends) return inconclusive(property, "no send was logged");
  if (offWire)
    return inconclusive(
      property,
      `all ${sends} logged sends were received once, but ${offWire} receives have no recorded Deliver call and ${run.messagesDropped} peer messages were not kept`,
    );
  return holds(property, `all ${sends} logged sends were received once, each by a Deliver call`);
}

export const clockChecks: readonly Check<ClockOp>[] = [
  { name: "happens-before", required: true, run: checkClocks },
  { name: "acknowledged events", required: true, run: checkAcknowledged },
  { name: "delivery", required: true, run: checkDelivery },
  { name: "availability", required: false, run: (run) => checkAvailability(run, AVAILABILITY) },
  { name: "efficiency", required: true, run: (run) => checkEfficiency(run, EFFICIENCY) },
];
