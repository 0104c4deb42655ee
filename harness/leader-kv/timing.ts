// The statements' timing bounds (Raft's, Multi-Paxos's): a write succeeds within 5 s of
// start-up or of the leader's loss (with a majority connected), and with no faults the
// leader answers within 1 s.
import {
  holds,
  inconclusive,
  secondsSince,
  violated,
  type PropertyResult,
} from "../../shared/check/property.ts";
import type { RoleLoss } from "../run-record.ts";
import { describeOp, type KvOp, type KvRun } from "./history.ts";
import { leaderAt, leaderSightings, type LeaderSignal } from "./leader-signal.ts";

export const LEADER_WITHIN_MS = 5000;
export const ANSWER_WITHIN_MS = 1000;
/** After a fault ends, the cluster gets this long before "no faults" timing applies. */
const SETTLE_MS = 2000;

const isWrite = (op: KvOp): boolean => op.f !== "get";

/** Moments from which a new leader must emerge: start-up, and each loss of the leader. */
export function leaderLosses({
  originMs,
  roleLosses,
}: Pick<KvRun, "originMs" | "roleLosses">): RoleLoss[] {
  return [
    { atMs: originMs, role: "leader", description: "start-up" },
    ...roleLosses.filter((l) => l.role === "leader" || l.role === "*"),
  ];
}

export function checkLeaderWithin(
  run: Pick<KvRun, "history" | "roleLosses" | "faults" | "endMs" | "originMs">,
): PropertyResult {
  return checkWritesResume(run, leaderLosses(run), {
    property: `a write succeeds within ${LEADER_WITHIN_MS / 1000} s of losing the leader`,
    held: (n) =>
      `a leader served writes within ${LEADER_WITHIN_MS / 1000} s after each of ${n} losses`,
    none: "no leader loss could be timed in this run",
  });
}

/**
 * Writes succeed again within LEADER_WITHIN_MS of each moment given (a leader lost, a new
 * chain configured), unless a fault began meanwhile, the run ended first, or no client tried.
 */
export function checkWritesResume(
  {
    history,
    faults,
    endMs: runEndMs,
    originMs,
  }: Pick<KvRun, "history" | "faults" | "endMs" | "originMs">,
  moments: readonly Pick<RoleLoss, "atMs" | "description">[],
  words: { property: string; held: (checked: number) => string; none: string },
): PropertyResult {
  const { property } = words;
  let checked = 0;
  for (const moment of moments) {
    const deadline = moment.atMs + LEADER_WITHIN_MS;
    const served = history.some(
      (op) =>
        isWrite(op) &&
        op.attempts.some((a) => a.result === "ok" && a.endMs > moment.atMs && a.endMs <= deadline),
    );
    if (served) {
      checked++;
      continue;
    }
    const disturbed = faults.some((f) => f.startMs > moment.atMs && f.startMs < deadline);
    const tried = history.some(
      (op) => isWrite(op) && op.startMs < deadline && (op.endMs ?? Infinity) > moment.atMs,
    );
    if (disturbed || deadline > runEndMs || !tried) continue;
    return violated(
      property,
      `no write succeeded within ${LEADER_WITHIN_MS / 1000} s after ${moment.description} (at ${secondsSince(originMs, moment.atMs)}), though clients kept trying`,
    );
  }
  return checked > 0 ? holds(property, words.held(checked)) : inconclusive(property, words.none);
}

/** The answers-within check, the leader read from the traffic through `signal`. */
export function answersWithinCheck(
  signal: LeaderSignal,
): (run: Pick<KvRun, "history" | "messages" | "faults" | "originMs">) => PropertyResult {
  return ({ history, messages, faults, originMs }) => {
    const property = `the leader answers within ${ANSWER_WITHIN_MS / 1000} s without faults`;
    const sightings = leaderSightings(messages, signal);
    const quiet = (from: number, to: number): boolean =>
      !faults.some((f) => f.startMs <= to && (f.endMs ?? Infinity) + SETTLE_MS >= from);
    let checked = 0;
    for (const op of history) {
      for (const a of op.attempts) {
        const leader = leaderAt(sightings, a.startMs);
        const stable =
          leader && leader.leader === a.node && leader.firstMs + ANSWER_WITHIN_MS <= a.startMs;
        if (!stable || !quiet(a.startMs, a.endMs)) continue;
        checked++;
        if (a.result === "deadline" || a.endMs - a.startMs > ANSWER_WITHIN_MS + 100) {
          return violated(
            property,
            `${op.f} ${op.key} sent to the leader ${a.node} at ${secondsSince(originMs, a.startMs)} was not answered within ${ANSWER_WITHIN_MS / 1000} s, with no fault in force`,
            [describeOp(op, originMs)],
          );
        }
      }
    }
    return checked > 0
      ? holds(property, `${checked} calls to a stable leader, each answered in time`)
      : inconclusive(property, "no call reached a stable leader outside fault windows");
  };
}
