// Bursts of twice the limit on one key, all at once and spread over the nodes, placed on the
// run's windows (time 0 + k·W + phase·W): in the middle of a window, where a correct cluster
// admits exactly `limit` and one more is a violation however the windows were placed; and
// just before and just after a boundary, where the check counts two windows and a correct
// cluster admits up to `limit` on each side.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import { burst, steady } from "../../../harness/rate-limit/plan-blocks.ts";
import { LIMIT, STEADY, type WindowWorkload } from "./limit.ts";

/** [plan time from which, phase of the window] of each burst. */
const BURSTS: [number, number][] = [
  [1000, 0.5],
  [2500, 0.93],
  [3000, 0.03],
  [5000, 0.5],
];

export function edgeBursts(seed: number): ScenarioPlan<WindowWorkload> {
  const requests = 2 * LIMIT.limit;
  const align = (phase: number) => ({ windowMs: LIMIT.windowMs, phase });
  return {
    name: "edge_bursts",
    description: `${requests} requests at once on "burst" (the limit: ${LIMIT.limit} per ${LIMIT.windowMs} ms window), over every node: in the middle of a window after 1 s and after 5 s, and at 93% of a window after 2.5 s then 3% into the next; a steady key beside them; no fault.`,
    seed,
    workload: {
      limit: LIMIT,
      streams: [steady("a", 0, 7000, STEADY.clients, STEADY.thinkMs)],
      bursts: BURSTS.map(([atMs, phase]) => burst("burst", atMs, requests, align(phase))),
    },
    workloadMs: 7000,
    faults: [],
    recoveryMs: 500,
    idleWindows: [],
  };
}
