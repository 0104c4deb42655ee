// Which proposals the traffic shows chosen: a majority of the cluster's acceptors answered
// accepted = true to Accepts of one slot, one ballot and one command. Only answers that came
// back count; a proposer's acceptance of its own proposal never crosses the wire, so it is
// not counted unless it was a recorded call. What is shown chosen surely was.
import type { MessageRecord, Messages } from "../../../shared/ports/cluster.ts";
import {
  ACCEPT,
  answered,
  commandOf,
  majority,
  requestBallot,
  slotOf,
  type Ballot,
  type PaxosTraffic,
} from "./traffic.ts";

export interface Chosen {
  slot: number;
  ballot: Ballot;
  command: string;
  /** One accepting answer per acceptor, in the order the answers came back. */
  acceptances: MessageRecord[];
}

export function acceptedAnswers(messages: Messages): MessageRecord[] {
  return messages.filter(
    (m) => m.method === ACCEPT && answered(m) && m.response["accepted"] === true,
  );
}

export function chosenProposals({
  messages,
  nodes,
}: Pick<PaxosTraffic, "messages" | "nodes">): Chosen[] {
  const groups = new Map<string, Chosen>();
  const sorted = acceptedAnswers(messages).sort(
    (a, b) => (a.endMs as number) - (b.endMs as number),
  );
  for (const m of sorted) {
    const slot = slotOf(m);
    const ballot = requestBallot(m);
    const command = commandOf(m);
    if (slot === null || ballot === null || command === null) continue;
    const key = JSON.stringify([slot, ballot.round, ballot.node, command]);
    const group = groups.get(key) ?? { slot, ballot, command, acceptances: [] };
    if (!group.acceptances.some((a) => a.to === m.to)) group.acceptances.push(m);
    groups.set(key, group);
  }
  const needed = majority(nodes.length);
  return [...groups.values()].filter((g) => g.acceptances.length >= needed);
}
