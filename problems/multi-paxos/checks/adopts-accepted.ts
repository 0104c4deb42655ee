// A proposer adopts the highest accepted value its promises report. What each promising
// acceptor had accepted is read from the Accepts it answered accepted = true before the
// Prepare was sent (with clock slack): it reports that ballot or a higher one. The proposer
// may use any majority of the promises it had when it sent the Accept, itself included
// (its own acceptor's state never crosses the wire), so the check takes the majority most
// favourable to it: with the fewest known acceptances, L is the lowest ballot its highest
// report can have had. The command it proposes must then have been proposed for the slot at
// some ballot in [L, its own), on the wire, or by a node of that majority that ran such a
// ballot and sent no Accept for the slot in it (its own acceptor may hold what it never sent);
// or the proposer was told by a Learn that the slot is chosen with it.
import type { MessageRecord, Messages } from "../../../shared/ports/cluster.ts";
import {
  holds,
  inconclusive,
  violated,
  type PropertyResult,
} from "../../../shared/check/property.ts";
import {
  ACCEPT,
  CLOCK_SLACK_MS,
  LEARN,
  NO_BALLOT,
  PREPARE,
  answered,
  commandOf,
  compareBallots,
  describeCommand,
  describeMessage,
  majority,
  nodeNumber,
  reachedCallee,
  requestBallot,
  showBallot,
  slotOf,
  type Ballot,
  type PaxosTraffic,
} from "./traffic.ts";
import { acceptedAnswers } from "./chosen.ts";

const PROPERTY = "proposers adopt the highest accepted value";

/** One promise the proposer had, and the highest acceptance known before it was asked. */
interface UsablePromise {
  message: MessageRecord;
  floor: Ballot;
  /** The acceptance that set the floor, if any. */
  because: MessageRecord | null;
}

/**
 * The lowest ballot the highest report can have had, when the proposer (counted without
 * a floor) picks `others` of the promises: the others-th smallest floor.
 */
export function quorumFloor(floors: readonly Ballot[], others: number): Ballot {
  if (others <= 0) return NO_BALLOT;
  const sorted = [...floors].sort(compareBallots);
  return sorted[others - 1] ?? NO_BALLOT;
}

const between = (b: Ballot, low: Ballot, high: Ballot): boolean =>
  compareBallots(b, low) >= 0 && compareBallots(b, high) < 0;

/** Groups messages by a key, keeping their order. */
function groupBy(
  messages: Messages,
  key: (m: MessageRecord) => string | null,
): Map<string, MessageRecord[]> {
  const groups = new Map<string, MessageRecord[]>();
  for (const m of messages) {
    const k = key(m);
    if (k === null) continue;
    const list = groups.get(k) ?? [];
    list.push(m);
    groups.set(k, list);
  }
  return groups;
}

const ballotKey = (from: string, b: Ballot | null): string | null =>
  b ? `${from}/${b.round}/${b.node}` : null;

export function checkAdoptsAccepted({
  messages,
  nodes,
  originMs,
  messagesDropped,
}: PaxosTraffic): PropertyResult {
  const others = majority(nodes.length) - 1;
  const accepts = messages.filter((m) => m.method === ACCEPT);
  const acceptsBySlot = groupBy(accepts, (m) => String(slotOf(m)));
  const acceptances = groupBy(acceptedAnswers(messages), (m) => `${m.to}/${String(slotOf(m))}`);
  const promises = groupBy(
    messages.filter(
      (m) =>
        m.method === PREPARE && m.to !== m.from && answered(m) && m.response["promised"] === true,
    ),
    (m) => ballotKey(m.from, requestBallot(m)),
  );
  const learns = messages.filter((m) => m.method === LEARN && reachedCallee(m));
  const ownBallots = messages
    .filter((m) => m.method === PREPARE || m.method === ACCEPT)
    .map((m) => ({ from: m.from, ballot: requestBallot(m) }))
    .filter(
      (x): x is { from: string; ballot: Ballot } =>
        x.ballot !== null && x.ballot.node === nodeNumber(x.from),
    );

  /** The promise with the highest acceptance its acceptor showed before it was asked. */
  const floorOf = (p: MessageRecord, slot: number, below: Ballot): UsablePromise => {
    let best: UsablePromise = { message: p, floor: NO_BALLOT, because: null };
    for (const a of acceptances.get(`${p.to}/${slot}`) ?? []) {
      const ab = requestBallot(a);
      if (!ab || compareBallots(ab, below) >= 0) continue;
      if ((a.endMs as number) + CLOCK_SLACK_MS >= p.startMs) continue;
      if (compareBallots(ab, best.floor) > 0) best = { message: p, floor: ab, because: a };
    }
    return best;
  };

  let constrained = 0;
  for (const proposal of accepts) {
    const slot = slotOf(proposal);
    const ballot = requestBallot(proposal);
    const command = commandOf(proposal);
    if (slot === null || !ballot || command === null) continue;
    const had = new Map<string, UsablePromise>(); // acceptor → its earliest usable promise
    for (const p of promises.get(ballotKey(proposal.from, ballot) as string) ?? []) {
      const from = p.request?.["from_slot"];
      if (typeof from !== "number" || from > slot || (p.endMs as number) > proposal.startMs)
        continue;
      const seen = had.get(p.to);
      if (!seen || p.startMs < seen.message.startMs) had.set(p.to, floorOf(p, slot, ballot));
    }
    if (had.size < others) continue; // not evidently phase 2 of this ballot for this slot
    const quorum = [...had.values()].sort((a, b) => compareBallots(a.floor, b.floor));
    const low = quorumFloor(
      quorum.map((q) => q.floor),
      others,
    );
    if (compareBallots(low, NO_BALLOT) === 0) continue;
    constrained++;
    const forSlot = acceptsBySlot.get(String(slot)) ?? [];
    const proposedOnWire = forSlot.some(
      (m) => commandOf(m) === command && between(requestBallot(m) ?? NO_BALLOT, low, ballot),
    );
    if (proposedOnWire) continue;
    // A node of the majority that ran a ballot in range and sent no Accept for the slot in
    // it may have accepted its own proposal there, unseen.
    const reporters = new Set([proposal.from, ...had.keys()]);
    const unseenOwn = ownBallots.some(
      (s) =>
        reporters.has(s.from) &&
        between(s.ballot, low, ballot) &&
        !forSlot.some(
          (m) => m.from === s.from && compareBallots(requestBallot(m) ?? NO_BALLOT, s.ballot) === 0,
        ),
    );
    if (unseenOwn) continue;
    // A proposer that was told the slot is chosen may re-propose the chosen command.
    const toldChosen = learns.some(
      (m) =>
        m.to === proposal.from &&
        slotOf(m) === slot &&
        commandOf(m) === command &&
        m.startMs < proposal.startMs + CLOCK_SLACK_MS,
    );
    if (toldChosen) continue;
    if (messagesDropped > 0)
      return inconclusive(
        PROPERTY,
        `${proposal.from} proposed ${describeCommand(proposal)} for slot ${slot} though its promises reported acceptances at ballot ${showBallot(low)} or higher, but the agents dropped ${messagesDropped} old messages, which may have carried it`,
      );
    // Any majority of its promises includes one of these.
    const forcing = quorum.slice(others - 1);
    return violated(
      PROPERTY,
      `${proposal.from} proposed ${describeCommand(proposal)} for slot ${slot} at ballot ${showBallot(ballot)}, but whichever majority of its promises it used, one came from an acceptor that had accepted at ballot ${showBallot(low)} or higher (${forcing.map((q) => `${q.message.to} at ${showBallot(q.floor)}`).join(", ")}), and no proposal for slot ${slot} from that ballot on carried its command: a proposer must propose the value of the highest-ballot acceptance its promises report, not its own`,
      [
        ...forcing.flatMap((q) => (q.because ? [q.because] : [])),
        ...forcing.map((q) => q.message),
        proposal,
      ].map((m) => describeMessage(m, originMs)),
    );
  }
  if (constrained === 0)
    return inconclusive(
      PROPERTY,
      "no proposal followed promises from a majority that had all accepted a value for its slot",
    );
  return holds(
    PROPERTY,
    `${constrained} proposals after promises reporting acceptances, each carrying an accepted value`,
  );
}
