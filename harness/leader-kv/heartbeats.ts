// Heartbeat rate: with no client operation in flight, a leader sends each follower it can
// reach 2 to 20 heartbeats a second (the signal's heartbeat calls: Raft's AppendEntries,
// Multi-Paxos's Heartbeat), counted where they leave the leader's agent.
import {
  holds,
  inconclusive,
  secondsSince,
  violated,
  type PropertyResult,
} from "../../shared/check/property.ts";
import type { KvRun } from "./history.ts";
import { methodName, type LeaderSignal } from "./leader-signal.ts";

export const HEARTBEATS_PER_S_MIN = 2;
export const HEARTBEATS_PER_S_MAX = 20;
/** Windows shorter than this say too little about a rate. */
const WINDOW_MS_MIN = 1000;

export function heartbeatCheck(
  signal: LeaderSignal,
): (run: Pick<KvRun, "messages" | "nodes" | "idleWindows" | "originMs">) => PropertyResult {
  const heartbeat = methodName(signal.heartbeatMethod);
  return ({ messages, nodes, idleWindows: windows, originMs }) => {
    const property = `${HEARTBEATS_PER_S_MIN}–${HEARTBEATS_PER_S_MAX} heartbeats a second`;
    let checked = 0;
    // One pass over the messages (a run's are read from disk on each pass).
    const beats = messages.filter((m) => m.method === signal.heartbeatMethod);
    for (const [from, to] of windows) {
      if (to - from < WINDOW_MS_MIN) continue;
      const inWindow = beats.filter((m) => m.startMs >= from && m.startMs < to);
      if (inWindow.length === 0) {
        return violated(
          property,
          `no node sent ${heartbeat} for ${((to - from) / 1000).toFixed(1)} s from ${secondsSince(originMs, from)}, with no faults in force: no leader kept its followers`,
        );
      }
      const leaders = new Set(inWindow.map((m) => `${m.from}@${signal.rank(m)}`));
      if (leaders.size !== 1) continue; // an election inside the window: not a steady state
      const leader = inWindow[0]?.from as string;
      const seconds = (to - from) / 1000;
      for (const follower of nodes.filter((n) => n !== leader)) {
        const count = inWindow.filter((m) => m.to === follower).length;
        const rate = count / seconds;
        // One message of slack at each edge of the window.
        if (
          count + 1 < HEARTBEATS_PER_S_MIN * seconds ||
          count - 1 > HEARTBEATS_PER_S_MAX * seconds
        ) {
          return violated(
            property,
            `leader ${leader} sent ${follower} ${count} ${heartbeat} in ${seconds.toFixed(1)} s while idle (${rate.toFixed(1)}/s; the spec asks for ${HEARTBEATS_PER_S_MIN}–${HEARTBEATS_PER_S_MAX}/s), from ${secondsSince(originMs, from)}`,
          );
        }
      }
      checked++;
    }
    return checked > 0
      ? holds(property, `steady heartbeats in ${checked} idle windows`)
      : inconclusive(property, "no idle window had one steady leader");
  };
}
