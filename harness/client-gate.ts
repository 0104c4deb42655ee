// Lets a plan hold the workload's clients while a round steers the cluster (plan.ts,
// "hold-clients"): a held gate lets no client start an operation, and says when the ones in
// flight have ended, so the round's own requests are the only traffic.
import { nowMs, sleep } from "./clock.ts";

const POLL_MS = 20;

export class ClientGate {
  private held = false;
  private inFlight = 0;

  hold(): void {
    this.held = true;
  }

  release(): void {
    this.held = false;
  }

  /**
   * Waits while the gate is held (at most until untilMs, epoch ms), then counts the caller
   * in flight until it calls the returned function.
   */
  async enter(untilMs: number): Promise<() => void> {
    while (this.held && nowMs() < untilMs) await sleep(POLL_MS);
    this.inFlight++;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.inFlight--;
    };
  }

  /** Whether no operation is in flight, waiting up to timeoutMs for that. */
  async settled(timeoutMs: number): Promise<boolean> {
    const until = nowMs() + timeoutMs;
    while (this.inFlight > 0 && nowMs() < until) await sleep(POLL_MS);
    return this.inFlight === 0;
  }
}
