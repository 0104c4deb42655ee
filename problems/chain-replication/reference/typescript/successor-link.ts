// Updates down the chain to this node's successor, for one epoch: one Forward or Transfer at
// a time, each given up after peerCallDeadlineMs and sent again; every answer (ACCEPTED or
// GAP) says how far the successor got, and the next call carries the update just past it.
// A successor that joined in this epoch, or one behind the start of this node's log, gets
// the whole state first.
import { peerCallDeadlineMs, retryPauseMs, wrongEpochPauseMs } from "./config.ts";
import { callPeer, pause, type PeerTransport, type Wakeup } from "./peer-call.ts";
import type { PeerResponse } from "./proto.ts";
import type { ChainStore } from "./store.ts";

export interface SuccessorLinkParts {
  store: ChainStore;
  peers: PeerTransport;
  wakeup: Wakeup;
  epoch: number;
  successor: string;
  /** The successor joined in this epoch: it holds nothing until a Transfer. */
  joined: boolean;
  /** The highest seq the tail is known to have applied: where the successor surely is. */
  acked: number;
  /** Aborted when the epoch ends: the call outstanding is given up. */
  linkEnd: AbortSignal;
}

export class SuccessorLink {
  /** The next update to Forward. */
  private next: number;
  private sendState: boolean;

  constructor(private readonly parts: SuccessorLinkParts) {
    // The first update the tail is not known to have applied; the answer says where to go on.
    this.next = Math.max(parts.acked + 1, parts.store.firstLogSeq);
    this.sendState = parts.joined;
  }

  async run(): Promise<void> {
    const { store, peers, wakeup, epoch, successor, linkEnd } = this.parts;
    while (!linkEnd.aborted) {
      if (!this.sendState && this.next > store.lastSeq) {
        await wakeup.wait(linkEnd);
        continue;
      }
      const update = this.sendState ? undefined : store.updateAt(this.next);
      // An update before the log's start is only in the state (this node took a Transfer).
      if (!update) this.sendState = true;
      const sent = update ? this.next : "state";
      const answer = await callPeer(
        (signal) =>
          update
            ? peers.forward(successor, { epoch, seq: this.next, ...update }, signal)
            : peers.transfer(successor, { epoch, ...store.snapshot() }, signal),
        peerCallDeadlineMs,
        linkEnd,
      );
      if (linkEnd.aborted) return;
      if (!answer) {
        await pause(retryPauseMs, linkEnd); // resend the same update, or a fresh state
        continue;
      }
      if (answer.status === "WRONG_EPOCH") {
        if (answer.epoch > epoch) return; // the judge is configuring this node too
        await pause(wrongEpochPauseMs, linkEnd); // the successor has not adopted ours yet
        continue;
      }
      this.heard(answer, sent);
    }
  }

  /** ACCEPTED or GAP: the successor holds up to last_seq; go on from just past it. */
  private heard(answer: PeerResponse, sent: number | "state"): void {
    if (sent === "state") this.sendState = false;
    this.next = answer.last_seq + 1;
    // GAP at 0: a successor waiting for its state (it joined in an epoch this node missed).
    if (answer.status === "GAP" && answer.last_seq === 0) this.sendState = true;
  }
}
