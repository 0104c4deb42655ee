// What the peer traffic shows of the elections: every Election that reached a running node
// was answered in time; no node announced itself in an election a higher node had answered
// OK; and the Elections and Coordinators after each fault change stay within the limits.
// statement.md argues each one's soundness.
import type { RunRecord } from "../../../harness/run-record.ts";
import {
  holds,
  inconclusive,
  secondsSince,
  violated,
  type PropertyResult,
} from "../../../shared/check/property.ts";
import type { MessageRecord } from "../../../shared/ports/cluster.ts";
import type { PollOp } from "../client.ts";
import {
  CONVERGENCE_BOUND_MS,
  COORDINATORS_PER_CHANGE_MAX,
  ELECTION_ANSWER_MS,
  ELECTIONS_PER_CHANGE_MAX,
  HEARD_MARGIN_MS,
} from "../limits.ts";
import { idOf, startUpSettledMs, stretchesOf } from "./timeline.ts";

type Run = RunRecord<PollOp>;

const OK = 0;
const UNAVAILABLE = 14;
/** A call still open this close to the run's end may just not have been answered yet. */
const OPEN_AT_END_MS = 2000;

const isElection = (m: MessageRecord): boolean => m.method.endsWith("/Election");
const isCoordinator = (m: MessageRecord): boolean => m.method.endsWith("/Coordinator");

/** The election number a call carried, when the agent decoded it. */
const electionOf = (m: MessageRecord): number | undefined =>
  typeof m.request?.["election"] === "number" ? m.request["election"] : undefined;

const shown = (run: Run, m: MessageRecord): string => {
  const took = m.endMs === null ? "never answered" : `answered in ${m.endMs - m.startMs} ms`;
  const status = m.status === null ? "" : `, status ${m.status}`;
  const election = electionOf(m) === undefined ? "" : ` (election ${electionOf(m)})`;
  return `${m.method.slice(m.method.lastIndexOf("/") + 1)}${election} ${m.from} → ${m.to} at ${secondsSince(run.originMs, m.startMs)}: ${took}${status}`;
};

/** Was `node` stopped (killed, paused) at any time during [fromMs, toMs]? */
function stoppedDuring(run: Run, node: string, fromMs: number, toMs: number): boolean {
  return run.faults.some(
    (w) =>
      w.stopped?.includes(node) && w.startMs <= toMs && (w.endMs === null || w.endMs >= fromMs),
  );
}

export function checkElectionAnswers(run: Run): PropertyResult {
  const P = "election answers";
  const judgedFromMs = startUpSettledMs(run, CONVERGENCE_BOUND_MS);
  let judged = 0;
  for (const m of run.messages) {
    if (!isElection(m) || m.fault !== undefined || m.startMs < judgedFromMs) continue;
    const endMs = m.endMs ?? run.endMs;
    if (m.endMs === null && m.startMs > run.endMs - OPEN_AT_END_MS) continue;
    // A stopped callee cannot answer; a stopped caller's call is cut off; UNAVAILABLE is a
    // node not listening yet (starting) or already gone.
    if (stoppedDuring(run, m.to, m.startMs, endMs) || stoppedDuring(run, m.from, m.startMs, endMs))
      continue;
    if (m.status === UNAVAILABLE) continue;
    judged++;
    const late = m.status === OK && m.endMs !== null && m.endMs - m.startMs > ELECTION_ANSWER_MS;
    if (m.status !== OK || late)
      return violated(
        P,
        `${m.to} was running and reachable but did not answer ${m.from}'s Election OK within ${ELECTION_ANSWER_MS} ms: a node must answer an Election from a lower id at once, then elect`,
        [shown(run, m)],
      );
  }
  if (judged === 0)
    return inconclusive(P, "no Election after the start-up settled reached a running node");
  return holds(P, `all ${judged} Elections that reached a running node were answered OK in time`);
}

export function checkAnnouncements(run: Run): PropertyResult {
  const P = "announcements";
  const judgedFromMs = startUpSettledMs(run, CONVERGENCE_BOUND_MS);
  // One announcement: every Coordinator call of one node's one election.
  const announced = new Map<string, MessageRecord>();
  for (const m of run.messages) {
    const election = electionOf(m);
    if (!isCoordinator(m) || election === undefined) continue;
    const key = `${m.from}#${election}`;
    const seen = announced.get(key);
    if (!seen || m.startMs < seen.startMs) announced.set(key, m);
  }
  // One pass over the messages (a run's are read from disk on each pass).
  const elections = run.messages.filter(isElection);
  let judged = 0;
  for (const first of announced.values()) {
    if (first.startMs < judgedFromMs) continue;
    judged++;
    const election = electionOf(first);
    const node = first.from;
    // Numbers start again after a restart: only this incarnation's Elections are its own.
    const bornMs = Math.max(
      -Infinity,
      ...run.faults.flatMap((w) =>
        w.stopped?.includes(node) && w.endMs !== null && w.endMs <= first.startMs ? [w.endMs] : [],
      ),
    );
    const diesMs = Math.min(
      Infinity,
      ...run.faults.flatMap((w) =>
        w.stopped?.includes(node) && w.startMs > first.startMs ? [w.startMs] : [],
      ),
    );
    const heard = elections.find(
      (m) =>
        m.from === node &&
        electionOf(m) === election &&
        idOf(m.to) > idOf(node) &&
        m.startMs >= Math.max(bornMs, judgedFromMs) &&
        m.startMs < diesMs &&
        m.fault === undefined &&
        m.status === OK &&
        m.endMs !== null &&
        m.endMs - m.startMs <= ELECTION_ANSWER_MS - HEARD_MARGIN_MS,
    );
    if (heard)
      return violated(
        P,
        `${node} announced itself coordinator (election ${election}) at ${secondsSince(run.originMs, first.startMs)}, although ${heard.to}, a higher id, had answered that election's Election OK: a node that hears OK must wait for the higher node's Coordinator`,
        [shown(run, heard), shown(run, first)],
      );
  }
  if (judged === 0)
    return inconclusive(P, "no Coordinator call was recorded after the start-up settled");
  return holds(
    P,
    `none of ${judged} announcements came from an election a higher node had answered`,
  );
}

export function checkMessages(run: Run): PropertyResult {
  const P = "messages";
  const calls = run.messages.filter((m) => isElection(m) || isCoordinator(m));
  // Each stretch in two parts: settling (from its change, for the bound) and settled (the
  // rest). The start-up's settling part is left out: the nodes come up one by one, each start
  // an election the judge cannot tell apart, so no per-change limit applies to it.
  const parts = stretchesOf(run).flatMap((s, i) => {
    const settledFrom = Math.min(s.toMs, s.fromMs + CONVERGENCE_BOUND_MS);
    const settled = { fromMs: settledFrom, toMs: s.toMs, what: `after ${s.cause} had settled` };
    if (i === 0) return [settled];
    return [{ fromMs: s.fromMs, toMs: settledFrom, what: `after ${s.cause}` }, settled];
  });
  let judged = 0;
  let most = { elections: 0, coordinators: 0 };
  for (const part of parts) {
    if (part.toMs <= part.fromMs) continue;
    judged++;
    const inside = calls.filter((m) => m.startMs >= part.fromMs && m.startMs < part.toMs);
    const elections = inside.filter(isElection).length;
    const coordinators = inside.length - elections;
    most = {
      elections: Math.max(most.elections, elections),
      coordinators: Math.max(most.coordinators, coordinators),
    };
    if (elections > ELECTIONS_PER_CHANGE_MAX || coordinators > COORDINATORS_PER_CHANGE_MAX) {
      const toS = Number.isFinite(part.toMs) ? secondsSince(run.originMs, part.toMs) : "the end";
      return violated(
        P,
        `${elections} Election and ${coordinators} Coordinator calls from ${secondsSince(run.originMs, part.fromMs)} to ${toS}, ${part.what}; at most ${ELECTIONS_PER_CHANGE_MAX} and ${COORDINATORS_PER_CHANGE_MAX} are allowed`,
        inside.slice(0, 12).map((m) => shown(run, m)),
      );
    }
  }
  if (judged === 0) return inconclusive(P, "the run had no stretch the limits apply to");
  return holds(
    P,
    `at most ${most.elections} Election and ${most.coordinators} Coordinator calls in any stretch after a fault change or once settled (limits ${ELECTIONS_PER_CHANGE_MAX} and ${COORDINATORS_PER_CHANGE_MAX})`,
  );
}
