// The local server's limits, with their reasons.

export const SERVER_LIMITS = {
  /**
   * How long a shutdown waits for the steps running now. A scenario runs for tens of
   * seconds, so most shutdowns do not wait for it: the process exits, its clusters are killed
   * on exit, and the durable queue gives the step to the next `npm start`.
   */
  shutdownGraceMs: 5_000,
} as const;
