// An acceptor never goes back on a ballot: once it promised or accepted ballot b (its
// answer came back saying so), it never again promises or accepts a ballot below b. Its
// promise is durable before it answers, so a restart changes nothing. An answer counts as
// earlier only when it came back before the later call was even sent, with clock slack.
// Heartbeat answers report the promise too, so they count as what it had shown.
import type { MessageRecord } from "../../../shared/ports/cluster.ts";
import {
  holds,
  inconclusive,
  violated,
  type PropertyResult,
} from "../../../shared/check/property.ts";
import {
  ACCEPT,
  CLOCK_SLACK_MS,
  HEARTBEAT,
  PREPARE,
  answered,
  answeredPromise,
  compareBallots,
  describeMessage,
  requestBallot,
  showBallot,
  type Ballot,
  type PaxosTraffic,
} from "./traffic.ts";

const PROPERTY = "acceptors never go back on a ballot";

interface Floor {
  ballot: Ballot;
  message: MessageRecord;
}

/** The ballot the acceptor granted in this answer: a promise or an acceptance. */
function granted(m: MessageRecord): Ballot | null {
  if (!answered(m)) return null;
  const yes =
    (m.method === PREPARE && m.response["promised"] === true) ||
    (m.method === ACCEPT && m.response["accepted"] === true);
  return yes ? requestBallot(m) : null;
}

/** The least ballot the acceptor held when it answered, as the answer shows. */
function floorOf(m: MessageRecord): Ballot | null {
  const grant = granted(m);
  const reported = answered(m) ? answeredPromise(m) : null;
  if (!grant) return reported;
  if (!reported) return grant;
  return compareBallots(grant, reported) >= 0 ? grant : reported;
}

export function checkAcceptorBallots({
  messages,
  originMs,
}: Pick<PaxosTraffic, "messages" | "originMs">): PropertyResult {
  const calls = messages.filter(
    (m) => m.method === PREPARE || m.method === ACCEPT || m.method === HEARTBEAT,
  );
  let compared = 0;
  for (const acceptor of new Set(calls.map((m) => m.to))) {
    const mine = calls.filter((m) => m.to === acceptor && answered(m));
    const floors = mine
      .map((m) => ({ ballot: floorOf(m), message: m }))
      .filter((f): f is Floor => f.ballot !== null)
      .sort((a, b) => (a.message.endMs as number) - (b.message.endMs as number));
    const claims = mine.filter((m) => granted(m)).sort((a, b) => a.startMs - b.startMs);
    let highest: Floor | null = null;
    let next = 0;
    for (const claim of claims) {
      const ballot = granted(claim) as Ballot;
      // Its own answer: granting a ballot while reporting a higher promise.
      const reported = answeredPromise(claim);
      if (reported && compareBallots(reported, ballot) > 0)
        return explain(claim, { ballot: reported, message: claim }, originMs);
      for (; next < floors.length; next++) {
        const f = floors[next] as Floor;
        if ((f.message.endMs as number) + CLOCK_SLACK_MS >= claim.startMs) break;
        if (!highest || compareBallots(f.ballot, highest.ballot) > 0) highest = f;
      }
      if (!highest) continue;
      compared++;
      if (compareBallots(highest.ballot, ballot) > 0) return explain(claim, highest, originMs);
    }
  }
  if (compared === 0)
    return inconclusive(
      PROPERTY,
      "no acceptor granted a ballot after an earlier answer of its had shown its promise",
    );
  return holds(
    PROPERTY,
    `${compared} promises and acceptances, each at or above every ballot its acceptor had shown before`,
  );
}

function explain(claim: MessageRecord, earlier: Floor, originMs: number): PropertyResult {
  const what = claim.method === PREPARE ? "promised" : "accepted";
  const ballot = requestBallot(claim) as Ballot;
  const before =
    earlier.message === claim
      ? `while its own answer reports a promise of ballot ${showBallot(earlier.ballot)}`
      : `after it had already answered ${earlier.message.from} with ballot ${showBallot(earlier.ballot)} promised or accepted`;
  return violated(
    PROPERTY,
    `${claim.to} ${what} ballot ${showBallot(ballot)} from ${claim.from} ${before}: an acceptor must refuse any ballot below one it promised or accepted, and keep its promise durable across restarts`,
    [
      ...(earlier.message === claim ? [] : [describeMessage(earlier.message, originMs)]),
      describeMessage(claim, originMs),
    ],
  );
}
