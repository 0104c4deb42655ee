// Gossip to one peer: this node's own slot, sent when it grew past what the peer last
// acknowledged, and again after a failure with a backoff until the peer acknowledges it (a
// partition heals, a peer restarts). Nothing is sent while the peer is up to date, so an idle
// cluster is silent, and adds close together share one message.
import gcounter.CounterNodeGrpc;
import gcounter.GCounter.GossipReply;
import gcounter.GCounter.GossipRequest;
import gcounter.GCounter.Slot;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

final class PeerSender {
  /** Adds within this window share a message. */
  private static final long COALESCE_MS = 20;
  private static final long BACKOFF_MIN_MS = 100;
  private static final long BACKOFF_MAX_MS = 800;
  private static final long CALL_TIMEOUT_MS = 500;

  private final String nodeId;
  private final ManagedChannel channel;
  private final CounterNodeGrpc.CounterNodeStub peer;
  private final LongSupplier ownSlot;
  private final ScheduledExecutorService timers;

  /** The own slot the peer acknowledged (0 after this node starts: it resends once). */
  private long acked = 0;
  private boolean inFlight = false;
  private ScheduledFuture<?> timer = null;
  private long backoffMs = BACKOFF_MIN_MS;

  PeerSender(String nodeId, String address, LongSupplier ownSlot, ScheduledExecutorService timers) {
    this.nodeId = nodeId;
    this.channel = ManagedChannelBuilder.forTarget(address).usePlaintext().build();
    this.peer = CounterNodeGrpc.newStub(channel);
    this.ownSlot = ownSlot;
    this.timers = timers;
  }

  /** The own slot changed (or the node started): send soon if the peer is behind. */
  void poke() {
    schedule(COALESCE_MS);
  }

  private synchronized void schedule(long delayMs) {
    if (timer != null || inFlight) return;
    timer = timers.schedule(this::send, delayMs, TimeUnit.MILLISECONDS);
  }

  private void send() {
    long count;
    synchronized (this) {
      timer = null;
      count = ownSlot.getAsLong();
      if (count <= acked) return;
      inFlight = true;
    }
    GossipRequest req =
        GossipRequest.newBuilder()
            .setFrom(nodeId)
            .addSlots(Slot.newBuilder().setNodeId(nodeId).setCount(count))
            .build();
    peer.withDeadlineAfter(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .gossip(
            req,
            new StreamObserver<GossipReply>() {
              @Override
              public void onNext(GossipReply reply) {}

              @Override
              public void onError(Throwable err) {
                failed();
              }

              @Override
              public void onCompleted() {
                acknowledged(count);
              }
            });
  }

  private synchronized void failed() {
    inFlight = false;
    // grpc-java backs off reconnecting up to minutes; the peer may be back already.
    channel.resetConnectBackoff();
    schedule(backoffMs);
    backoffMs = Math.min(backoffMs * 2, BACKOFF_MAX_MS);
  }

  private synchronized void acknowledged(long count) {
    inFlight = false;
    acked = Math.max(acked, count);
    backoffMs = BACKOFF_MIN_MS;
    // Adds that came while the call was out.
    if (ownSlot.getAsLong() > acked) schedule(COALESCE_MS);
  }
}
