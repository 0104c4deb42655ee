// The pieces every link's loop is made of: one peer call bounded by a deadline and by the
// link's end (a new epoch gives up outstanding calls), a pause that a new epoch cuts short,
// and a wake-up for loops waiting on something new to send.
import type { AckRequest, ForwardRequest, PeerResponse, TransferRequest } from "./proto.ts";

/**
 * How a node reaches its peers: gRPC in main.ts, a simulated network in the tests. A call
 * resolves with the peer's answer or rejects; aborting `signal` gives it up.
 */
export interface PeerTransport {
  forward(to: string, req: ForwardRequest, signal: AbortSignal): Promise<PeerResponse>;
  ack(to: string, req: AckRequest, signal: AbortSignal): Promise<PeerResponse>;
  transfer(to: string, req: TransferRequest, signal: AbortSignal): Promise<PeerResponse>;
}

/** The answer, or null when none was heard within `deadlineMs` or the link ended first. */
export function callPeer(
  start: (signal: AbortSignal) => Promise<PeerResponse>,
  deadlineMs: number,
  linkEnd: AbortSignal,
): Promise<PeerResponse | null> {
  if (linkEnd.aborted) return Promise.resolve(null);
  const call = new AbortController();
  const giveUp = (): void => call.abort();
  const timer = setTimeout(giveUp, deadlineMs);
  linkEnd.addEventListener("abort", giveUp, { once: true });
  return new Promise<PeerResponse | null>((resolve) => {
    call.signal.addEventListener("abort", () => resolve(null), { once: true });
    start(call.signal).then(resolve, () => resolve(null));
  }).finally(() => {
    clearTimeout(timer);
    linkEnd.removeEventListener("abort", giveUp);
  });
}

/** Waits `ms`, or less if the link ends. */
export function pause(ms: number, linkEnd: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    linkEnd.addEventListener("abort", done, { once: true });
    function done(): void {
      clearTimeout(timer);
      linkEnd.removeEventListener("abort", done);
      resolve();
    }
  });
}

/** Wakes the loops waiting for the node to hold, or to know acknowledged, something new. */
export class Wakeup {
  private waiters: (() => void)[] = [];

  notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Resolves at the next notify, or when the link ends. */
  wait(linkEnd: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        linkEnd.removeEventListener("abort", done);
        resolve();
      };
      this.waiters.push(done);
      linkEnd.addEventListener("abort", done, { once: true });
    });
  }
}
