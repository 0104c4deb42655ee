// The node's counter, without I/O of its own: its own slot grows with the adds it accepts,
// other nodes' slots with what gossip tells it (the larger value wins), and per client the
// last add applied, so a retry is answered without being applied again. Every change is saved
// (the file fsyncs) before the call that made it returns, so before any answer.
import gcounter.GCounter.AddRequest;
import gcounter.GCounter.GossipRequest;
import gcounter.GCounter.Slot;
import java.io.IOException;

final class CounterNode {
  static final class InvalidRequest extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidRequest(String message) {
      super(message);
    }
  }

  private final String nodeId;
  private final CounterFile file;
  private final CounterFile.State state;
  /** Called after the own slot grew and was saved: the gossip goes out. */
  private final Runnable onOwnSlotGrew;

  CounterNode(String nodeId, CounterFile file, Runnable onOwnSlotGrew) throws IOException {
    this.nodeId = nodeId;
    this.file = file;
    this.state = file.load();
    this.onOwnSlotGrew = onOwnSlotGrew;
  }

  synchronized long ownSlot() {
    return state.slots.getOrDefault(nodeId, 0L);
  }

  synchronized long value() {
    long total = 0;
    for (long count : state.slots.values()) total += count;
    return total;
  }

  void add(AddRequest req) throws InvalidRequest, IOException {
    if (req.getClientId().isEmpty() || req.getSequence() == 0)
      throw new InvalidRequest("an add needs a client_id and a sequence from 1");
    synchronized (this) {
      // A retry of an add applied already: answer as before, apply nothing.
      if (state.applied.getOrDefault(req.getClientId(), 0L) >= req.getSequence()) return;
      state.slots.put(nodeId, ownSlot() + req.getDelta());
      state.applied.put(req.getClientId(), req.getSequence());
      file.save(state);
    }
    onOwnSlotGrew.run();
  }

  synchronized void gossip(GossipRequest req) throws IOException {
    boolean changed = false;
    for (Slot slot : req.getSlotsList()) {
      // Another node's slot only grows: keep the larger of what we know and what it says.
      if (slot.getNodeId().equals(nodeId)) continue;
      if (slot.getCount() <= state.slots.getOrDefault(slot.getNodeId(), 0L)) continue;
      state.slots.put(slot.getNodeId(), slot.getCount());
      changed = true;
    }
    if (changed) file.save(state);
  }
}
