// One key's log: the times (this node's monotonic clock, ms) of the requests it allowed in
// the last window. A request at `now` is allowed while fewer than `limit` allowed times lie
// in (now − window, now]; times at or before now − window have left the window for good.
export class SlidingLog {
  private readonly allowedAt: number[] = [];

  admit(now: number, limit: number, windowMs: number): boolean {
    while (this.allowedAt.length > 0 && (this.allowedAt[0] as number) <= now - windowMs)
      this.allowedAt.shift();
    if (this.allowedAt.length >= limit) return false;
    this.allowedAt.push(now);
    return true;
  }
}
