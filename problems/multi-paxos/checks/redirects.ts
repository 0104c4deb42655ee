// Redirects name a real leader: every NOT_LEADER answer, as the answering node's agent
// recorded it, has an empty leader_hint or names a node that had led by then (promises from
// a majority for one of its ballots came back to it), and never the answering node itself.
// A correct node names the sender of the highest-ballot Heartbeat or Accept it saw, which
// led before sending it. Answers of OK come only from a leader, so from nodes that had led.
import {
  holds,
  inconclusive,
  violated,
  type PropertyResult,
} from "../../../shared/check/property.ts";
import { leaderships } from "./leadership.ts";
import {
  CLIENT_REQUEST,
  CLOCK_SLACK_MS,
  answered,
  describeMessage,
  type PaxosTraffic,
} from "./traffic.ts";

const PROPERTY = "redirects name a leader";

export function checkRedirects(
  traffic: Pick<PaxosTraffic, "messages" | "nodes" | "originMs">,
): PropertyResult {
  const firstLed = new Map<string, number>();
  for (const l of leaderships(traffic))
    firstLed.set(l.leader, Math.min(l.sinceMs, firstLed.get(l.leader) ?? Infinity));
  const hadLed = (node: string, atMs: number): boolean =>
    (firstLed.get(node) ?? Infinity) <= atMs + CLOCK_SLACK_MS;
  let redirects = 0;
  for (const m of traffic.messages) {
    if (m.method !== CLIENT_REQUEST || !answered(m)) continue;
    if (m.response["status"] === "OK" && !hadLed(m.to, m.endMs))
      return violated(
        PROPERTY,
        `${m.to} answered OK although it had never led (no majority of promises had come back to it): only the leader answers OK`,
        [describeMessage(m, traffic.originMs)],
      );
    const hint = m.response["leader_hint"];
    if (m.response["status"] !== "NOT_LEADER" || typeof hint !== "string" || hint === "") continue;
    redirects++;
    if (hint !== m.to && hadLed(hint, m.endMs)) continue;
    const why =
      hint === m.to
        ? "itself"
        : !traffic.nodes.includes(hint)
          ? `${JSON.stringify(hint)}, which is no node of the cluster (hints are node ids: ${traffic.nodes.join(", ")})`
          : `${hint}, which had not yet led (no majority of promises had come back to it)`;
    return violated(PROPERTY, `${m.to} answered NOT_LEADER naming ${why} as leader`, [
      describeMessage(m, traffic.originMs),
    ]);
  }
  if (redirects === 0) return inconclusive(PROPERTY, "no NOT_LEADER answer named a leader");
  return holds(PROPERTY, `${redirects} redirects, each naming a node that had led`);
}
