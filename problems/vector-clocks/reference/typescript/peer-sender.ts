// Delivery to one peer: the oldest message it has not acknowledged, one call at a time, soon
// after a send and again after a failure with a backoff until the peer acknowledges it (a
// partition heals, a peer restarts). Nothing is sent while the outbox is empty.
import type { DeliverRequest, PeerClient } from "./proto.ts";

const BACKOFF_MIN_MS = 100;
const BACKOFF_MAX_MS = 800;
const CALL_TIMEOUT_MS = 500;

export class PeerSender {
  private inFlight = false;
  private timer: NodeJS.Timeout | null = null;
  private backoffMs = BACKOFF_MIN_MS;

  constructor(
    private readonly peer: PeerClient,
    private readonly next: () => DeliverRequest | undefined,
    private readonly acknowledged: (message: number) => void,
  ) {}

  /** A message was queued (or the node started): send now if nothing is out. */
  poke(): void {
    this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.timer || this.inFlight) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.send();
    }, delayMs);
  }

  private send(): void {
    const message = this.next();
    if (!message) return;
    this.inFlight = true;
    this.peer.Deliver(message, { deadline: Date.now() + CALL_TIMEOUT_MS }, (err) => {
      this.inFlight = false;
      if (err) {
        this.schedule(this.backoffMs);
        this.backoffMs = Math.min(this.backoffMs * 2, BACKOFF_MAX_MS);
        return;
      }
      this.acknowledged(message.message);
      this.backoffMs = BACKOFF_MIN_MS;
      this.schedule(0);
    });
  }
}
