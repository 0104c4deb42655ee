// The client operations a plan sends to nodes it chooses ("request" steps): each label is one
// client session, a new request its next sequence, and a step without a request sends the
// last one again with the same (client_id, sequence), as the statements' clients retry.
// Attempts stay on the node asked unless a redirect names another; every operation is
// recorded once, from its first attempt to its final answer, like the workload's.
import { nowMs, sleep } from "../clock.ts";
import type { PlanRequests, WorkloadContext } from "../problem.ts";
import { RETRY_BACKOFF_MS, finish, redirectTarget, wireRequest, type OpRequest } from "./client.ts";
import type { KvConnections, WireRequest } from "./connections.ts";
import type { KvOp } from "./history.ts";

/** What a plan's request step holds: the operation and its key; the value is made unique. */
export interface KvPlanRequest {
  f: OpRequest["f"];
  key: string;
}

interface Sent<Redirect extends string> {
  op: KvOp<Redirect>;
  wire: WireRequest;
}

function parse(request: unknown, label: string): KvPlanRequest {
  const r = request as Partial<KvPlanRequest> | null;
  if (!r || !["get", "put", "append"].includes(r.f ?? "") || typeof r.key !== "string")
    throw new Error(`request ${label}: expected { f: get|put|append, key }`);
  return { f: r.f as OpRequest["f"], key: r.key };
}

/** `keys` gathers the keys written, for the final reads. */
export function planRequests<Redirect extends string>(
  ctx: WorkloadContext,
  connections: KvConnections<Redirect>,
  keys: Set<string>,
): PlanRequests<KvOp<Redirect>> {
  const ops: KvOp<Redirect>[] = [];
  const sent = new Map<string, Sent<Redirect>>();

  const start = (label: string, request: KvPlanRequest): Sent<Redirect> => {
    const sequence = (sent.get(label)?.op.sequence ?? 0) + 1;
    const client = `${ctx.runId}-${label}`;
    // Unique values, as the workload's, so a read shows whether this write took effect.
    const value = request.f === "get" ? "" : `${label}.${sequence};`;
    const op: KvOp<Redirect> = {
      id: ctx.nextOpId(),
      client,
      sequence,
      f: request.f,
      key: request.key,
      ...(request.f === "get" ? {} : { value }),
      outcome: "info",
      startMs: nowMs(),
      endMs: null,
      attempts: [],
    };
    ops.push(op);
    keys.add(request.key);
    const entry = { op, wire: wireRequest(client, sequence, { ...request, value }) };
    sent.set(label, entry);
    return entry;
  };

  return {
    async send(label, node, request, budgetMs) {
      const entry = request === undefined ? sent.get(label) : start(label, parse(request, label));
      if (!entry) throw new Error(`request ${label} was never sent: there is nothing to retry`);
      const { op, wire } = entry;
      const from = nowMs();
      let target = node;
      for (let n = 1; ; n++) {
        const { attempt, response } = await connections.attempt(target, wire);
        op.attempts.push(attempt);
        if (attempt.result === "ok" && response) {
          op.outcome = "ok";
          op.endMs = attempt.endMs;
          if (op.f === "get") op.output = { value: response.value, found: response.found };
          return `OK from ${target}`;
        }
        if (nowMs() - from > budgetMs) {
          const hint = attempt.hint ? ` (hint ${attempt.hint})` : "";
          return `${attempt.result}${hint} from ${target}${n > 1 ? ` after ${n} attempts` : ""}`;
        }
        const next = redirectTarget(connections, target, attempt);
        if (next !== null) target = next;
        else await sleep(RETRY_BACKOFF_MS);
      }
    },
    // Copies: an operation still unanswered may yet be retried to an OK.
    history: () =>
      ops.map((op) => (op.outcome === "ok" ? op : finish({ ...op }, connections.wire))),
  };
}
