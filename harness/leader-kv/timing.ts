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
  const { history, faults, endMs: runEndMs, originMs } = run;
  const losses = leaderLosses(run);
  const property = `a write succeeds within ${LEADER_WITHIN_MS / 1000} s of losing the leader`;
  let checked = 0;
  for (const loss of losses) {
    const deadline = loss.atMs + LEADER_WITHIN_MS;
    const served = history.some(
      (op) =>
        isWrite(op) &&
        op.attempts.some((a) => a.result === "ok" && a.endMs > loss.atMs && a.endMs <= deadline),
    );
    if (served) {
      checked++;
      continue;
    }
    const disturbed = faults.some((f) => f.startMs > loss.atMs && f.startMs < deadline);
    const tried = history.some(
      (op) => isWrite(op) && op.startMs < deadline && (op.endMs ?? Infinity) > loss.atMs,
    );
    if (disturbed || deadline > runEndMs || !tried) continue;
    return violated(
      property,
      `no write succeeded within ${LEADER_WITHIN_MS / 1000} s after ${loss.description} (at ${secondsSince(originMs, loss.atMs)}), though clients kept trying`,
    );
  }
  return checked > 0
    ? holds(
        property,
        `a leader served writes within ${LEADER_WITHIN_MS / 1000} s after each of ${checked} losses`,
      )
    : inconclusive(property, "no leader loss could be timed in this run");
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
