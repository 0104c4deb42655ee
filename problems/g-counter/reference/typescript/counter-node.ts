// The node's counter, without I/O of its own: its own slot grows with the adds it accepts,
// other nodes' slots with what gossip tells it (the larger value wins), and per client the
// last add applied, so a retry is answered without being applied again. Every change is
// saved (the file fsyncs) before the call that made it returns, so before any answer.
import type { CounterFile, CounterState } from "./counter-file.ts";
import type { AddRequest, GossipRequest } from "./proto.ts";

export class InvalidRequest extends Error {}

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

  ownSlot(): number {
    return this.state.slots[this.nodeId] ?? 0;
  }

  value(): number {
    return Object.values(this.state.slots).reduce((t, c) => t + c, 0);
  }

  add(req: AddRequest): void {
    if (!req.client_id || !(req.sequence > 0) || !(req.delta >= 0))
      throw new InvalidRequest("an add needs a client_id, a sequence from 1 and a delta ≥ 0");
    // A retry of an add applied already: answer as before, apply nothing.
    if ((this.state.applied[req.client_id] ?? 0) >= req.sequence) return;
    this.state.slots[this.nodeId] = this.ownSlot() + req.delta;
    this.state.applied[req.client_id] = req.sequence;
    this.file.save(this.state);
    this.onOwnSlotGrew();
  }

  gossip(req: GossipRequest): void {
    let changed = false;
    for (const slot of req.slots) {
      // Another node's slot only grows: keep the larger of what we know and what it says.
      if (slot.node_id === this.nodeId || slot.count <= (this.state.slots[slot.node_id] ?? 0))
        continue;
      this.state.slots[slot.node_id] = slot.count;
      changed = true;
    }
    if (changed) this.file.save(this.state);
  }
}
