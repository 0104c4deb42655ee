// Who led, read from the traffic: a node leads at its ballot once promises from a majority,
// itself counted, came back to it (its own promise never crosses the wire, so it is
// granted). A correct node sends Heartbeat or Accept at a ballot only after that.
import {
  PREPARE,
  answered,
  majority,
  requestBallot,
  type Ballot,
  type PaxosTraffic,
} from "./traffic.ts";

export interface Leadership {
  leader: string;
  ballot: Ballot;
  /** When the last promise of its first majority came back, on the leader's agent's clock. */
  sinceMs: number;
}

export function leaderships({
  messages,
  nodes,
}: Pick<PaxosTraffic, "messages" | "nodes">): Leadership[] {
  const others = majority(nodes.length) - 1;
  const promisers = new Map<string, { leader: string; ballot: Ballot; who: Map<string, number> }>();
  for (const m of messages) {
    const ballot = requestBallot(m);
    if (m.method !== PREPARE || m.to === m.from || !ballot || !answered(m)) continue;
    if (m.response["promised"] !== true) continue;
    const key = `${m.from}/${ballot.round}/${ballot.node}`;
    const entry = promisers.get(key) ?? { leader: m.from, ballot, who: new Map() };
    entry.who.set(m.to, Math.min(m.endMs, entry.who.get(m.to) ?? Infinity));
    promisers.set(key, entry);
  }
  const out: Leadership[] = [];
  for (const { leader, ballot, who } of promisers.values()) {
    const times = [...who.values()].sort((a, b) => a - b);
    const at = times[others - 1];
    if (others === 0) out.push({ leader, ballot, sinceMs: -Infinity });
    else if (at !== undefined) out.push({ leader, ballot, sinceMs: at });
  }
  return out.sort((a, b) => a.sinceMs - b.sinceMs);
}
