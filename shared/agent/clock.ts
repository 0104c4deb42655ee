// The one clock of the agent: epoch milliseconds, fractional, monotonic within a process.
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}
