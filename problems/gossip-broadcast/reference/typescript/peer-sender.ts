// Gossip to one peer: the values this node owes it, sent soon after they arrive, and again
// after a failure with a backoff until the peer acknowledges them (a partition heals, a peer
// restarts). One call to a peer is out at a time, and values that arrive meanwhile wait for
// the next: under load a message carries several values. Nothing is sent while the outbox
// is empty, so an idle cluster is silent.
import type { PeerClient } from "./proto.ts";

/** Values within this window share a message. */
const COALESCE_MS = 20;
const BACKOFF_MIN_MS = 100;
const BACKOFF_MAX_MS = 800;
const CALL_TIMEOUT_MS = 500;

export class PeerSender {
  private inFlight = false;
  private timer: NodeJS.Timeout | null = null;
  private backoffMs = BACKOFF_MIN_MS;

  constructor(
    private readonly nodeId: string,
    private readonly peer: PeerClient,
    private readonly pending: () => number[],
    private readonly acknowledged: (sent: number[]) => void,
  ) {}

  /** The outbox grew (or the node started): send soon if it holds anything. */
  poke(): void {
    this.schedule(COALESCE_MS);
  }

  private schedule(delayMs: number): void {
    if (this.timer || this.inFlight) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.send();
    }, delayMs);
  }

  private send(): void {
    const messages = this.pending();
    if (messages.length === 0) return;
    this.inFlight = true;
    this.peer.Gossip(
      { from: this.nodeId, messages },
      { deadline: Date.now() + CALL_TIMEOUT_MS },
      (err) => {
        this.inFlight = false;
        if (err) {
          this.schedule(this.backoffMs);
          this.backoffMs = Math.min(this.backoffMs * 2, BACKOFF_MAX_MS);
          return;
        }
        this.acknowledged(messages);
        this.backoffMs = BACKOFF_MIN_MS;
        // Values that came while the call was out.
        this.schedule(COALESCE_MS);
      },
    );
  }
}
