// Gossip to one peer: this node's own slot (both counts), sent when either count grew past
// what the peer last acknowledged, and again after a failure with a backoff until the peer
// acknowledges it (a partition heals, a peer restarts). Nothing is sent while the peer is up
// to date, so an idle cluster is silent, and adds close together share one message.
import type { PeerClient, Slot } from "./proto.ts";

/** Adds within this window share a message. */
const COALESCE_MS = 20;
const BACKOFF_MIN_MS = 100;
const BACKOFF_MAX_MS = 800;
const CALL_TIMEOUT_MS = 500;

export class PeerSender {
  /** The own counts the peer acknowledged (0 after this node starts: it resends once). */
  private acked = { increments: 0, decrements: 0 };
  private inFlight = false;
  private timer: NodeJS.Timeout | null = null;
  private backoffMs = BACKOFF_MIN_MS;

  constructor(
    private readonly nodeId: string,
    private readonly peer: PeerClient,
    private readonly ownSlot: () => Slot,
  ) {}

  /** The own slot changed (or the node started): send soon if the peer is behind. */
  poke(): void {
    this.schedule(COALESCE_MS);
  }

  private behind(slot: Slot): boolean {
    return slot.increments > this.acked.increments || slot.decrements > this.acked.decrements;
  }

  private schedule(delayMs: number): void {
    if (this.timer || this.inFlight) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.send();
    }, delayMs);
  }

  private send(): void {
    const slot = this.ownSlot();
    if (!this.behind(slot)) return;
    this.inFlight = true;
    this.peer.Gossip(
      { from: this.nodeId, slots: [slot] },
      { deadline: Date.now() + CALL_TIMEOUT_MS },
      (err) => {
        this.inFlight = false;
        if (err) {
          this.schedule(this.backoffMs);
          this.backoffMs = Math.min(this.backoffMs * 2, BACKOFF_MAX_MS);
          return;
        }
        this.acked = {
          increments: Math.max(this.acked.increments, slot.increments),
          decrements: Math.max(this.acked.decrements, slot.decrements),
        };
        this.backoffMs = BACKOFF_MIN_MS;
        // Adds that came while the call was out.
        if (this.behind(this.ownSlot())) this.schedule(COALESCE_MS);
      },
    );
  }
}
