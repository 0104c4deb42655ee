// Redirects name the real leader: a NOT_LEADER's hint is empty or a node that did lead
// (sent AppendEntries as leader) by the time the answer was given, and never the answering
// node itself. Answers of OK come only from nodes that have led. Whether a NOT_LEADER
// operation was applied anyway is the linearizability checker's job (it counts as failed).
import { holds, violated, type PropertyResult } from "../../../shared/check/property.ts";
import { describeOp } from "../../../harness/leader-kv/history.ts";
import { leaderSightings } from "../../../harness/leader-kv/leader-signal.ts";
import { raftSignal } from "../signal.ts";
import type { RaftRun } from "./history.ts";

/** Slack for clock reads taken in different processes of one machine. */
const CLOCK_SLACK_MS = 250;

export function checkRedirects({
  history,
  messages,
  nodes,
  originMs,
}: Pick<RaftRun, "history" | "messages" | "nodes" | "originMs">): PropertyResult {
  const property = "redirects name the leader";
  const firstLed = new Map<string, number>();
  for (const s of leaderSightings(messages, raftSignal)) {
    firstLed.set(s.leader, Math.min(s.firstMs, firstLed.get(s.leader) ?? Infinity));
  }
  const hasLedBy = (node: string, atMs: number): boolean =>
    (firstLed.get(node) ?? Infinity) <= atMs + CLOCK_SLACK_MS;
  let redirects = 0;
  for (const op of history) {
    for (const a of op.attempts) {
      if (a.result === "not_leader" && a.hint) {
        redirects++;
        if (a.hint === a.node || !hasLedBy(a.hint, a.endMs)) {
          const why =
            a.hint === a.node
              ? "itself"
              : !nodes.includes(a.hint)
                ? `${JSON.stringify(a.hint)}, which is no node of the cluster (hints are node ids: ${nodes.join(", ")})`
                : `${a.hint}, which had never led`;
          return violated(property, `${a.node} answered NOT_LEADER naming ${why} as leader`, [
            describeOp(op, originMs),
          ]);
        }
      }
      if (a.result === "ok" && !hasLedBy(a.node, a.endMs)) {
        return violated(
          property,
          `${a.node} answered OK to a ${op.f} although it had never been leader (no AppendEntries from it as leader)`,
          [describeOp(op, originMs)],
        );
      }
    }
  }
  return holds(property, `${redirects} redirects, each naming a node that had led`);
}
