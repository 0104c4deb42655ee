// Gossip to one peer: the changes this node made that the peer has not acknowledged, sent
// soon after they happen, and again after a failure with a backoff until the peer
// acknowledges them (a partition heals, a peer restarts). Nothing is sent while the outbox
// is empty, so an idle cluster is silent, and changes close together share one message.
import type { PeerClient, Write } from "./proto.ts";

/** Changes within this window share a message. */
const COALESCE_MS = 20;
const BACKOFF_MIN_MS = 100;
const BACKOFF_MAX_MS = 800;
const CALL_TIMEOUT_MS = 500;

type Batch = Write[];

export class PeerSender {
  private inFlight = false;
  private timer: NodeJS.Timeout | null = null;
  private backoffMs = BACKOFF_MIN_MS;

  constructor(
    private readonly nodeId: string,
    private readonly peer: PeerClient,
    private readonly pending: () => Batch,
    private readonly acknowledged: (sent: Batch) => void,
  ) {}

  /** Something changed (or the node started): send soon if the outbox holds anything. */
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
    const batch = this.pending();
    if (batch.length === 0) return;
    this.inFlight = true;
    this.peer.Sync(
      { from: this.nodeId, writes: batch },
      { deadline: Date.now() + CALL_TIMEOUT_MS },
      (err) => {
        this.inFlight = false;
        if (err) {
          this.schedule(this.backoffMs);
          this.backoffMs = Math.min(this.backoffMs * 2, BACKOFF_MAX_MS);
          return;
        }
        this.acknowledged(batch);
        this.backoffMs = BACKOFF_MIN_MS;
        // Changes that came while the call was out.
        this.schedule(COALESCE_MS);
      },
    );
  }
}
