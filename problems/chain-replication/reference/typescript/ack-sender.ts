// Acks up the chain to this node's predecessor, for one epoch: the tail tells how far it has
// applied, a middle node passes on how far the tail is known to have applied. One Ack at a
// time; after no answer the latest value goes again, so several updates share one Ack.
import { peerCallDeadlineMs, retryPauseMs, wrongEpochPauseMs } from "./config.ts";
import { callPeer, pause, type PeerTransport, type Wakeup } from "./peer-call.ts";

export interface AckSenderParts {
  peers: PeerTransport;
  wakeup: Wakeup;
  epoch: number;
  predecessor: string;
  /** What to acknowledge now: never beyond what this node holds. */
  value: () => number;
  /** Aborted when the epoch ends: the call outstanding is given up. */
  linkEnd: AbortSignal;
}

export async function sendAcks(parts: AckSenderParts): Promise<void> {
  const { peers, wakeup, epoch, predecessor, value, linkEnd } = parts;
  // Nothing told yet in this epoch: the tail acknowledges what it holds at once, which also
  // fences the old epoch's Acks still on their way.
  let told = 0;
  while (!linkEnd.aborted) {
    const seq = value();
    if (seq <= told) {
      await wakeup.wait(linkEnd);
      continue;
    }
    const answer = await callPeer(
      (signal) => peers.ack(predecessor, { epoch, seq }, signal),
      peerCallDeadlineMs,
      linkEnd,
    );
    if (linkEnd.aborted) return;
    if (!answer) await pause(retryPauseMs, linkEnd);
    else if (answer.status === "ACCEPTED") told = seq;
    else if (answer.epoch > epoch)
      return; // WRONG_EPOCH: the judge is configuring this node too
    else await pause(wrongEpochPauseMs, linkEnd); // the predecessor has not adopted ours yet
  }
}
