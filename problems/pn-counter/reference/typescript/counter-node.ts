// The node's counter, without I/O of its own: two grow-only counters, one of increments and
// one of decrements, each with a slot per node. Its own slots grow with the adds it accepts
// (a positive delta to increments, a negative one's size to decrements), other nodes' with
// what gossip tells it (the larger value wins, per count); the value is their difference.
// Per client the last add applied, so a retry is answered without being applied again.
// Every change is saved (the file fsyncs) before the call that made it returns.
import type { CounterFile, CounterState } from "./counter-file.ts";
import type { AddRequest, GossipRequest, Slot } from "./proto.ts";

export class InvalidRequest extends Error {}

const total = (counts: Record<string, number>): number =>
  Object.values(counts).reduce((t, c) => t + c, 0);

export class CounterNode {
  private readonly state: CounterState;

  constructor(
    private readonly nodeId: string,
    private readonly file: CounterFile,
    /** Called after the own slot grew and was saved: the gossip goes out. */
    private readonly onOwnSlotGrew: () => void,
  ) {
    this.state = file.load();
  }

  ownSlot(): Slot {
    return {
      node_id: this.nodeId,
      increments: this.state.increments[this.nodeId] ?? 0,
      decrements: this.state.decrements[this.nodeId] ?? 0,
    };
  }

  value(): number {
    return total(this.state.increments) - total(this.state.decrements);
  }

  add(req: AddRequest): void {
    if (!req.client_id || !(req.sequence > 0) || !Number.isSafeInteger(req.delta))
      throw new InvalidRequest("an add needs a client_id, a sequence from 1 and an integer delta");
    // A retry of an add applied already: answer as before, apply nothing.
    if ((this.state.applied[req.client_id] ?? 0) >= req.sequence) return;
    const own = this.ownSlot();
    if (req.delta >= 0) this.state.increments[this.nodeId] = own.increments + req.delta;
    else this.state.decrements[this.nodeId] = own.decrements - req.delta;
    this.state.applied[req.client_id] = req.sequence;
    this.file.save(this.state);
    this.onOwnSlotGrew();
  }

  gossip(req: GossipRequest): void {
    let changed = false;
    const { increments, decrements } = this.state;
    for (const slot of req.slots) {
      // Only this node counts its own adds; another node's counts only grow: keep the larger.
      if (slot.node_id === this.nodeId) continue;
      if (slot.increments > (increments[slot.node_id] ?? 0)) {
        increments[slot.node_id] = slot.increments;
        changed = true;
      }
      if (slot.decrements > (decrements[slot.node_id] ?? 0)) {
        decrements[slot.node_id] = slot.decrements;
        changed = true;
      }
    }
    if (changed) this.file.save(this.state);
  }
}
