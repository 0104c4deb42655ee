// One value per slot (Paxos's P2b): once a majority accepted a command at slot s and ballot
// b, every proposal for slot s at ballot b or higher carries that command. This holds for
// every proposal issued, whether or not it arrived, and does not depend on time: a proposal
// at a higher ballot sent "before" the value was chosen is bound by it too.
import type { MessageRecord } from "../../../shared/ports/cluster.ts";
import {
  holds,
  inconclusive,
  violated,
  type PropertyResult,
} from "../../../shared/check/property.ts";
import { chosenProposals } from "./chosen.ts";
import {
  ACCEPT,
  commandOf,
  compareBallots,
  describeCommand,
  describeMessage,
  requestBallot,
  showBallot,
  slotOf,
  type PaxosTraffic,
} from "./traffic.ts";

const PROPERTY = "one value per slot";

export function checkOneValuePerSlot(
  traffic: Pick<PaxosTraffic, "messages" | "nodes" | "originMs">,
): PropertyResult {
  const chosen = chosenProposals(traffic);
  const bySlot = new Map<number, MessageRecord[]>();
  for (const m of traffic.messages) {
    const slot = slotOf(m);
    if (m.method !== ACCEPT || slot === null) continue;
    const list = bySlot.get(slot) ?? [];
    list.push(m);
    bySlot.set(slot, list);
  }
  let laterProposals = 0;
  for (const c of chosen) {
    for (const m of bySlot.get(c.slot) ?? []) {
      const ballot = requestBallot(m);
      const command = commandOf(m);
      if (!ballot || command === null) continue;
      const order = compareBallots(ballot, c.ballot);
      if (order < 0) continue;
      if (order > 0) laterProposals++;
      if (command === c.command) continue;
      const first = c.acceptances[0];
      return violated(
        PROPERTY,
        `slot ${c.slot} was chosen with ${first ? describeCommand(first) : "a command"} at ballot ${showBallot(c.ballot)} (accepted by ${c.acceptances.map((a) => a.to).join(", ")}), yet ${m.from} proposed ${describeCommand(m)} for it at ballot ${showBallot(ballot)}: a proposer must propose the highest-ballot value reported by a majority's promises, which always includes a chosen one`,
        [...c.acceptances, m].map((x) => describeMessage(x, traffic.originMs)),
      );
    }
  }
  if (chosen.length === 0)
    return inconclusive(PROPERTY, "the traffic shows no slot accepted by a majority");
  if (laterProposals === 0)
    return inconclusive(
      PROPERTY,
      `${chosen.length} slots shown chosen, none proposed again at a higher ballot`,
    );
  return holds(
    PROPERTY,
    `${laterProposals} proposals at a higher ballot for a slot shown chosen, each with the chosen command`,
  );
}
