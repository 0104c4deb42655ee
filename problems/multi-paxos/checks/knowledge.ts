// What a node can know is chosen, from the traffic: it proposed the command for the slot and
// a majority less one other acceptors answered accepted = true at one ballot (its own
// acceptance never crosses the wire, so it is granted), or it was sent a Learn of it.
import type { MessageRecord } from "../../../shared/ports/cluster.ts";
import {
  CLOCK_SLACK_MS,
  LEARN,
  commandOf,
  majority,
  reachedCallee,
  slotOf,
  type PaxosTraffic,
} from "./traffic.ts";
import { acceptedAnswers } from "./chosen.ts";

export interface Knowledge {
  /**
   * The message by which `node` could know `slot` chosen with `command` at `atMs` (on
   * its own agent's clock), or null when none could have told it.
   */
  justification(node: string, slot: number, command: string, atMs: number): MessageRecord | null;
}

export function knowledge({
  messages,
  nodes,
}: Pick<PaxosTraffic, "messages" | "nodes">): Knowledge {
  const others = majority(nodes.length) - 1;
  const key = (node: string, slot: number | null, command: string | null): string =>
    JSON.stringify([node, slot, command]);
  const acceptances = new Map<string, MessageRecord[]>(); // proposer/slot/command → answers
  for (const m of acceptedAnswers(messages)) {
    if (m.to === m.from) continue;
    const k = key(m.from, slotOf(m), commandOf(m));
    const list = acceptances.get(k) ?? [];
    list.push(m);
    acceptances.set(k, list);
  }
  for (const list of acceptances.values())
    list.sort((a, b) => (a.endMs as number) - (b.endMs as number));
  const learns = new Map<string, MessageRecord[]>(); // learner/slot/command → Learns
  for (const m of messages) {
    if (m.method !== LEARN || !reachedCallee(m)) continue;
    const k = key(m.to, slotOf(m), commandOf(m));
    const list = learns.get(k) ?? [];
    list.push(m);
    learns.set(k, list);
  }
  return {
    justification(node, slot, command, atMs) {
      const k = key(node, slot, command);
      const told = learns.get(k)?.find((m) => m.startMs < atMs + CLOCK_SLACK_MS);
      if (told) return told;
      // Answers back on its own agent's clock: by atMs, per ballot, distinct acceptors.
      const byBallot = new Map<string, Set<string>>();
      for (const a of acceptances.get(k) ?? []) {
        if ((a.endMs as number) > atMs) break;
        const b = `${String(a.request?.["ballot_round"])}/${String(a.request?.["ballot_node"])}`;
        const who = byBallot.get(b) ?? new Set<string>();
        who.add(a.to);
        byBallot.set(b, who);
        if (who.size >= others) return a;
      }
      return null;
    },
  };
}
