// The clients every vector-clock scenario runs: three of them, a third local events, two
// fifths sends (a third of which name the node itself and are refused), the rest compares of
// recent events, a fifth of those of one event twice.
import type { ClockWorkload } from "../workload.ts";

export const CLOCK_CLIENTS: ClockWorkload = {
  clients: 3,
  eventShare: 0.35,
  sendShare: 0.4,
  sameShare: 0.2,
  thinkMs: [20, 60],
};
