// The head answers a write OK only once the tail applied it: before the OK, the update that
// carries the write's (client_id, sequence) went in a Forward to a node that was the tail
// then or became it before the OK (a tail that left the chain counts for the time it was
// tail). Read from the client history and the traffic: a head that answers on creating the
// update, or once its successor took it, answers before any Forward of it reaches a tail.
// A Transfer to a tail could carry it unseen (its content is not decoded), and so could a
// Forward the agents could not decode: a write with one before its OK is not judged.
import type { MessageRecord } from "../../../shared/ports/cluster.ts";
import { describeOperation } from "../../../harness/operation.ts";
import {
  holds,
  inconclusive,
  secondsSince,
  violated,
  type PropertyResult,
} from "../../../shared/check/property.ts";
import { tailSpans } from "./configuration.ts";
import type { ChainOp, ChainRun } from "./history.ts";
import { CLOCK_SLACK_MS, FORWARD, TRANSFER, describeMessage, mayHaveApplied } from "./traffic.ts";

const PROPERTY = "a write is answered OK only after the tail applied it";

export function checkTailAppliedFirst({
  history,
  messages,
  messagesDropped,
  configs,
  originMs,
}: Pick<
  ChainRun,
  "history" | "messages" | "messagesDropped" | "configs" | "originMs"
>): PropertyResult {
  const spans = new Map<string, [number, number][]>();
  const tailBetween = (node: string, fromMs: number, toMs: number): boolean => {
    if (!spans.has(node)) spans.set(node, tailSpans(configs, node));
    return (spans.get(node) ?? []).some(
      ([a, b]) => a <= toMs + CLOCK_SLACK_MS && b >= fromMs - CLOCK_SLACK_MS,
    );
  };
  const forwards = new Map<string, MessageRecord[]>();
  /** Transfers, and Forwards the agents could not decode: they could carry any update. */
  const opaque: MessageRecord[] = [];
  for (const m of messages) {
    if (!mayHaveApplied(m)) continue;
    if (m.method === TRANSFER || (m.method === FORWARD && !m.request)) opaque.push(m);
    if (m.method !== FORWARD || !m.request) continue;
    const key = `${String(m.request["client_id"])}/${String(m.request["sequence"])}`;
    const list = forwards.get(key);
    if (list) list.push(m);
    else forwards.set(key, [m]);
  }
  let judged = 0;
  for (const op of history) {
    if (op.f === "get" || op.outcome !== "ok") continue;
    const ok = op.attempts.find((a) => a.result === "ok");
    if (!ok || tailBetween(ok.node, ok.startMs, ok.endMs)) continue; // a chain of one
    const answeredBy = ok.endMs;
    const reached = (forwards.get(`${op.client}/${op.sequence}`) ?? []).some(
      (m) => m.startMs <= answeredBy + CLOCK_SLACK_MS && tailBetween(m.to, m.startMs, answeredBy),
    );
    if (reached) {
      judged++;
      continue;
    }
    const unseen = opaque.some(
      (m) => m.startMs <= answeredBy + CLOCK_SLACK_MS && tailBetween(m.to, m.startMs, answeredBy),
    );
    if (unseen) continue;
    const message = `${ok.node} answered ${describeWrite(op)} OK at ${secondsSince(originMs, answeredBy)}, but no Forward of it had reached a tail by then: the head answers a write only once the tail's Ack covers it`;
    if (messagesDropped > 0)
      return inconclusive(
        PROPERTY,
        `${message}; but the agents left ${messagesDropped} messages out, which may have carried it`,
      );
    return violated(PROPERTY, message, [
      describeOperation(op, originMs),
      ...(forwards.get(`${op.client}/${op.sequence}`) ?? [])
        .slice(0, 3)
        .map((m) => describeMessage(m, originMs)),
    ]);
  }
  if (judged === 0) return inconclusive(PROPERTY, "no write answered OK could be traced to a tail");
  return holds(PROPERTY, `${judged} writes answered OK, each after a tail had taken it`);
}

const describeWrite = (op: ChainOp): string =>
  `${op.client} #${op.sequence} (${op.f} ${op.key} ${JSON.stringify(op.value ?? "")})`;
