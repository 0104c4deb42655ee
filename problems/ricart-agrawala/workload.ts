// A Ricart-Agrawala scenario's clients: one per node, pinned to it, each repeating acquire,
// hold, release, think. Per-node think times let a plan make one node rarely ask.
/** A scenario's clients (ScenarioPlan.workload). */
export interface MutexWorkload {
  /** The client at node-i thinks thinkMs[i] (uniform in [min, max]) after each release. */
  thinkMs: [number, number][];
  /** How long a client holds the critical section before it sends the release. */
  holdMs: [number, number];
  /** Every client sends its first Acquire this long after the start, all at once. */
  firstAcquireMs: number;
}

/** An acquire waits this long for its grant (retried at the same node), then is info. */
export const ACQUIRE_BUDGET_MS = 7000;
/** A release is retried at its node until answered or this long has passed. */
export const RELEASE_BUDGET_MS = 7000;
