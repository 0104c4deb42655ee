// Delivery to one peer: each Request or Reply is sent, and sent again after a failure or
// no answer, until the peer acknowledges it. The peer deduplicates by (sender, timestamp),
// so a resend is harmless; an acknowledged message is never sent again.
import type { PeerKind } from "./mutex-node.ts";
import type { PeerClient } from "./proto.ts";

/** Wait this long for an acknowledgement before sending again (statement.md: ≥ 500 ms). */
const CALL_TIMEOUT_MS = 500;
const BACKOFF_MIN_MS = 50;
const BACKOFF_MAX_MS = 400;

export class PeerOutbox {
  constructor(
    private readonly nodeId: string,
    private readonly peer: PeerClient,
  ) {}

  deliver(kind: PeerKind, timestamp: number, backoffMs = BACKOFF_MIN_MS): void {
    const call = kind === "Request" ? this.peer.Request : this.peer.Reply;
    call.call(
      this.peer,
      { from: this.nodeId, timestamp },
      { deadline: Date.now() + CALL_TIMEOUT_MS },
      (err) => {
        if (!err) return;
        setTimeout(
          () => this.deliver(kind, timestamp, Math.min(backoffMs * 2, BACKOFF_MAX_MS)),
          backoffMs,
        );
      },
    );
  }
}
