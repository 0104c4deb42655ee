// The run's windows on this node's monotonic clock: window k spans [zero + k·W, zero +
// (k+1)·W), where zero is the judge's time 0 placed on this clock (arrival − elapsed_ms).
// A node configured late (elapsed_ms > 0: a restart) admits from the next window only: it
// cannot know what it admitted in the current one before it lost its memory.

export interface WindowConfig {
  limit: number;
  windowMs: number;
  /** The judge's time 0 on this node's clock. */
  zeroMs: number;
  /** The first window this node may admit in. */
  firstWindow: number;
}

export function windowConfig(
  limit: number,
  windowMs: number,
  elapsedMs: number,
  nowMs: number,
): WindowConfig {
  const firstWindow = elapsedMs === 0 ? 0 : Math.floor(elapsedMs / windowMs) + 1;
  return { limit, windowMs, zeroMs: nowMs - elapsedMs, firstWindow };
}

export const windowAt = (config: WindowConfig, nowMs: number): number =>
  Math.floor((nowMs - config.zeroMs) / config.windowMs);
