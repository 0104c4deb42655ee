// The clients the scenarios run: one per node, holding 20 to 50 ms. In steady, node-2's
// client asks rarely (600–900 ms apart) while the others ask again at once; in the rest
// every client asks again within 10 ms, so nearly every entry is contended.
import type { MutexWorkload } from "../workload.ts";

const HOLD_MS: [number, number] = [20, 50];

export const STEADY_CLIENTS: MutexWorkload = {
  thinkMs: [
    [0, 30],
    [0, 30],
    [600, 900],
  ],
  holdMs: HOLD_MS,
  firstAcquireMs: 200,
};

export const CONTENDING_CLIENTS: MutexWorkload = {
  thinkMs: [
    [0, 10],
    [0, 10],
    [0, 10],
  ],
  holdMs: HOLD_MS,
  firstAcquireMs: 1000,
};
