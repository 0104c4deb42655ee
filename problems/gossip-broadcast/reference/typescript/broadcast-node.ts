// The node's values, without I/O of its own. A value a client broadcast here is held and put
// in every peer's outbox; a value a peer gossiped is held only: every node knows every peer
// (PEERS), so the node a client chose delivers to all of them itself and nothing is relayed.
// Every change is saved (the file fsyncs) before the call that made it returns, so before
// any answer, and before a read can show it.
import type { BroadcastState, ValuesFile } from "./values-file.ts";
import type { GossipRequest } from "./proto.ts";

export class BroadcastNode {
  private readonly state: BroadcastState;
  private readonly held: Set<number>;

  constructor(
    peers: readonly string[],
    private readonly file: ValuesFile,
    /** Called after an outbox grew and was saved: the gossip goes out. */
    private readonly onOutboxGrew: () => void,
  ) {
    this.state = file.load();
    for (const peer of peers) this.state.outboxes[peer] ??= [];
    this.held = new Set(this.state.values);
  }

  values(): number[] {
    return [...this.state.values];
  }

  /** A client's value: held, owed to every peer, on disk. A value held already: nothing. */
  broadcast(value: number): void {
    if (this.held.has(value)) return;
    this.hold(value);
    for (const box of Object.values(this.state.outboxes)) box.push(value);
    this.file.save(this.state);
    this.onOutboxGrew();
  }

  /** A peer's values: the new ones held and on disk before the answer. */
  gossip(req: GossipRequest): void {
    const fresh = req.messages.filter((v) => !this.held.has(v));
    for (const v of fresh) this.hold(v);
    if (fresh.length > 0) this.file.save(this.state);
  }

  /** What the peer is owed now, oldest first. */
  pending(peer: string): number[] {
    return [...(this.state.outboxes[peer] ?? [])];
  }

  /** The peer acknowledged `sent`: it is owed them no more. */
  acknowledged(peer: string, sent: readonly number[]): void {
    const done = new Set(sent);
    const box = this.state.outboxes[peer] ?? [];
    this.state.outboxes[peer] = box.filter((v) => !done.has(v));
    this.file.save(this.state);
  }

  private hold(value: number): void {
    this.held.add(value);
    this.state.values.push(value);
  }
}
