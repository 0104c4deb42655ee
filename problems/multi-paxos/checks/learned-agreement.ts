// No two nodes learn or apply different commands at one slot: the Learns that reached each
// node, the OK answers that name a slot, and the commands the traffic shows chosen (a
// majority accepted at one ballot) agree slot by slot.
import type { MessageRecord } from "../../../shared/ports/cluster.ts";
import {
  holds,
  inconclusive,
  violated,
  type PropertyResult,
} from "../../../shared/check/property.ts";
import { chosenProposals } from "./chosen.ts";
import { claims } from "./claims.ts";
import {
  LEARN,
  commandOf,
  describeCommand,
  describeMessage,
  reachedCallee,
  slotOf,
  type PaxosTraffic,
} from "./traffic.ts";

const PROPERTY = "one command learnt per slot";

interface Fact {
  command: string;
  /** "node-2 learnt", "node-0 applied", "a majority accepted". */
  who: string;
  message: MessageRecord;
}

export function checkLearnedAgreement(
  traffic: Pick<PaxosTraffic, "messages" | "nodes" | "originMs">,
): PropertyResult {
  const bySlot = new Map<number, Fact[]>();
  const add = (slot: number, fact: Fact): void => {
    const list = bySlot.get(slot) ?? [];
    list.push(fact);
    bySlot.set(slot, list);
  };
  for (const c of chosenProposals(traffic)) {
    const first = c.acceptances[0] as MessageRecord;
    add(c.slot, { command: c.command, who: "a majority accepted", message: first });
  }
  for (const m of traffic.messages) {
    const slot = slotOf(m);
    const command = commandOf(m);
    if (m.method !== LEARN || !reachedCallee(m) || slot === null || command === null) continue;
    add(slot, { command, who: `${m.to} learnt`, message: m });
  }
  for (const c of claims(traffic.messages)) {
    if (c.how === "answered")
      add(c.slot, { command: c.command, who: `${c.node} applied`, message: c.message });
  }
  let compared = 0;
  for (const [slot, facts] of [...bySlot].sort((a, b) => a[0] - b[0])) {
    const [first] = facts as [Fact];
    const other = facts.find((f) => f.command !== first.command);
    if (other)
      return violated(
        PROPERTY,
        `at slot ${slot}, ${first.who} ${describeCommand(first.message)} but ${other.who} ${describeCommand(other.message)}: every node must learn and apply the one command chosen there`,
        [
          describeMessage(first.message, traffic.originMs),
          describeMessage(other.message, traffic.originMs),
        ],
      );
    if (facts.length > 1) compared++;
  }
  if (compared === 0)
    return inconclusive(PROPERTY, "no slot was learnt, applied or shown chosen twice");
  return holds(
    PROPERTY,
    `${compared} slots learnt, applied or shown chosen more than once, with one command each`,
  );
}
