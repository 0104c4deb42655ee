// One key's queue, by virtual scheduling: each request admitted gets its release time, the
// later of its arrival and a whole drain interval after the previous release time (the
// scheduled one, so a timer that fires late never lets the next request out sooner). A
// request that would wait while queue_size others are waiting is refused at once.
export class DrainQueue {
  /** The earliest release time of the next request (this node's monotonic ms). */
  private nextRelease = -Infinity;
  /** Release times still ahead, in order: the requests waiting. */
  private readonly waiting: number[] = [];

  /** The request's release time, or null when the queue is full. */
  admit(now: number, intervalMs: number, queueSize: number, notBefore: number): number | null {
    while (this.waiting.length > 0 && (this.waiting[0] as number) <= now) this.waiting.shift();
    const release = Math.max(now, this.nextRelease, notBefore);
    if (release > now && this.waiting.length >= queueSize) return null;
    this.nextRelease = release + intervalMs;
    if (release > now) this.waiting.push(release);
    return release;
  }
}
