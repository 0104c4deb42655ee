// Time for the judge's side of a run: epoch milliseconds with sub-millisecond precision,
// the same clock the local agents stamp messages with.
import { setTimeout as delay } from "node:timers/promises";

export const nowMs = (): number => performance.timeOrigin + performance.now();

export const sleep = (ms: number): Promise<void> => delay(Math.max(0, ms));

/** Seconds since the run began, as the counterexample pages and checks show times. */
export const describeRunTime =
  (originMs: number) =>
  (ms: number): string =>
    `${((ms - originMs) / 1000).toFixed(3)} s`;
