// Ballots are unique to their proposer: every Prepare, Accept and Heartbeat a node sends carries its
// own node number in ballot_node (the sender is named by the agent, not the node), and a
// proposer proposes one command per slot and ballot. With both, no two proposers share a
// ballot, which Paxos's safety rests on.
import type { MessageRecord } from "../../../shared/ports/cluster.ts";
import {
  holds,
  inconclusive,
  violated,
  type PropertyResult,
} from "../../../shared/check/property.ts";
import {
  ACCEPT,
  HEARTBEAT,
  PREPARE,
  commandOf,
  describeCommand,
  describeMessage,
  nodeNumber,
  requestBallot,
  showBallot,
  slotOf,
  type PaxosTraffic,
} from "./traffic.ts";

const PROPERTY = "ballots unique to their proposer";

export function checkProposerBallots({
  messages,
  originMs,
}: Pick<PaxosTraffic, "messages" | "originMs">): PropertyResult {
  let checked = 0;
  const proposals = new Map<string, MessageRecord>(); // "slot/round/node" → first Accept
  for (const m of messages) {
    if (m.method !== PREPARE && m.method !== ACCEPT && m.method !== HEARTBEAT) continue;
    const ballot = requestBallot(m);
    const own = nodeNumber(m.from);
    if (!ballot || own === null) continue;
    checked++;
    if (ballot.node !== own)
      return violated(
        PROPERTY,
        `${m.from} sent ${m.method.slice(m.method.lastIndexOf("/") + 1)} with ballot ${showBallot(ballot)}, whose node part is not its own number ${own}: ballots must be (round, the proposer's own number) so that no two proposers share one`,
        [describeMessage(m, originMs)],
      );
    const slot = slotOf(m);
    const command = commandOf(m);
    if (m.method !== ACCEPT || slot === null || command === null) continue;
    const key = `${slot}/${ballot.round}/${ballot.node}`;
    const earlier = proposals.get(key);
    if (!earlier) proposals.set(key, m);
    else if (commandOf(earlier) !== command)
      return violated(
        PROPERTY,
        `slot ${slot} was proposed at ballot ${showBallot(ballot)} with both ${describeCommand(earlier)} (by ${earlier.from}) and ${describeCommand(m)} (by ${m.from}): one ballot proposes one command per slot`,
        [describeMessage(earlier, originMs), describeMessage(m, originMs)],
      );
  }
  if (checked === 0) return inconclusive(PROPERTY, "no Prepare, Accept or Heartbeat was decoded");
  return holds(
    PROPERTY,
    `${checked} Prepares, Accepts and Heartbeats, each with its sender's own ballot and one command per slot and ballot`,
  );
}
