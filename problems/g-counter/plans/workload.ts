// The clients every G-Counter scenario runs: three of them, mostly adding, deltas from 0 to
// 10 so that the subsets of unknown adds leave gaps a wrong final value can fall into.
import type { CounterWorkload } from "../workload.ts";

export const COUNTER_CLIENTS: CounterWorkload = {
  clients: 3,
  addShare: 0.7,
  deltaMax: 10,
  thinkMs: [20, 60],
};
