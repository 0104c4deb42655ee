// Grow-only Counter (CRDT) node: the Java starter.
//
// This node starts, serves every RPC of g_counter.proto on LISTEN_ADDR and answers each with
// gRPC UNIMPLEMENTED ("not implemented yet"): it fails every scenario until you implement them.
// The statement (problems/g-counter/statement.md, also on the problem's page in the web UI) is
// the contract; read it first: what each RPC must answer, what must be on disk before an
// answer, retries, limits.
//
// How it runs: the platform generates the stubs from g_counter.proto (the messages are
// gcounter.GCounter.*, the services gcounter.CounterNodeGrpc; do not upload your own), compiles
// every .java file of this folder with Debian's javac (Java 17) and starts `java Main` with a
// 192 MiB heap. You may import the Java standard library, io.grpc (grpc-java 1.41),
// com.google.protobuf (3.21), com.google.common (Guava 31), the stubs and your own classes.
// stdout and stderr are your node's log, shown with the result.

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import gcounter.CounterNodeGrpc;
import gcounter.GCounter.AddReply;
import gcounter.GCounter.AddRequest;
import gcounter.GCounter.GossipReply;
import gcounter.GCounter.GossipRequest;
import gcounter.GCounter.ReadReply;
import gcounter.GCounter.ReadRequest;

public final class Main {
  public static void main(String[] args) throws Exception {
    // The node contract: who this node is and whom it talks to.
    String nodeId = System.getenv("NODE_ID"); // "node-1"
    String listenAddr = System.getenv("LISTEN_ADDR"); // serve here: "127.0.0.1:7101"
    DataDir data = new DataDir(Path.of(System.getenv("DATA_DIR"))); // kept across kill and restart
    List<Peer> peers = Peer.fromEnv(System.getenv("PEERS")); // every other node
    // TODO: load your state from data, then start whatever runs in the background.

    Server server =
        NettyServerBuilder.forAddress(socketAddress(listenAddr))
            .addService(new CounterNodeService(nodeId, peers, data))
            .build()
            .start();
    System.out.println(nodeId + " listening on " + listenAddr);
    server.awaitTermination();
  }

  /** gcounter.CounterNode: gRPC calls arrive on several threads at once. */
  static final class CounterNodeService extends CounterNodeGrpc.CounterNodeImplBase {
    private final String nodeId;
    private final List<Peer> peers;
    private final DataDir data;

    CounterNodeService(String nodeId, List<Peer> peers, DataDir data) {
      this.nodeId = nodeId;
      this.peers = peers;
      this.data = data;
    }

    // Client RPC: add delta to the counter. A retry repeats the same client_id and sequence
    // at the same node, and must not be applied twice.
    // TODO: a sequence at or below the client's last applied one is a retry: answer and apply
    // nothing. Otherwise add delta to your own slot, persist, then answer.
    @Override
    public void add(AddRequest request, StreamObserver<AddReply> reply) {
      // TODO: answer with reply.onNext(AddReply.newBuilder()...build()); reply.onCompleted();
      reply.onError(notImplemented());
    }

    // Client RPC: the counter's value as this node knows it now, without asking a peer.
    // TODO: answer the sum of every slot you know, asking no peer.
    @Override
    public void read(ReadRequest request, StreamObserver<ReadReply> reply) {
      // TODO: answer with reply.onNext(ReadReply.newBuilder()...build()); reply.onCompleted();
      reply.onError(notImplemented());
    }

    // Peer RPC: one node tells another the counts it knows. The judge records every call.
    // TODO: keep, for each slot, the larger of what you know and what the peer says; persist
    // before answering.
    @Override
    public void gossip(GossipRequest request, StreamObserver<GossipReply> reply) {
      // TODO: answer with reply.onNext(GossipReply.newBuilder()...build()); reply.onCompleted();
      reply.onError(notImplemented());
    }
  }

  /** Another node: its id and a blocking stub per service, over one channel. */
  // Call one with a deadline, and expect a StatusRuntimeException when it is down:
  //   peer.counterNode.withDeadlineAfter(500, TimeUnit.MILLISECONDS).add(request)
  static final class Peer {
    final String id;
    final ManagedChannel channel;
    final CounterNodeGrpc.CounterNodeBlockingStub counterNode;

    Peer(String id, String address) {
      this.id = id;
      this.channel = ManagedChannelBuilder.forTarget(address).usePlaintext().build();
      this.counterNode = CounterNodeGrpc.newBlockingStub(channel);
    }

    /** PEERS: "node-0=127.0.0.1:7100,node-2=127.0.0.1:7102", the agents' addresses: dial them. */
    static List<Peer> fromEnv(String peers) {
      List<Peer> list = new ArrayList<>();
      for (String item : (peers == null ? "" : peers).split(",")) {
        if (item.isEmpty()) continue;
        int eq = item.indexOf('=');
        list.add(new Peer(item.substring(0, eq), item.substring(eq + 1)));
      }
      return list;
    }
  }

  /**
   * DATA_DIR, kept across a kill and a restart. write() replaces a file atomically (a temporary
   * file, fsync, rename, fsync of the folder): after a SIGKILL the file holds the old content
   * or the new, never a torn one. Write what an answer depends on before you answer.
   */
  static final class DataDir {
    private final Path dir;

    DataDir(Path dir) throws IOException {
      this.dir = Files.createDirectories(dir);
    }

    synchronized void write(String name, byte[] content) throws IOException {
      Path temp = dir.resolve(name + ".tmp");
      try (FileChannel out =
          FileChannel.open(
              temp,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) out.write(buffer);
        out.force(true);
      }
      Files.move(temp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
      try (FileChannel folder = FileChannel.open(dir, StandardOpenOption.READ)) {
        folder.force(true);
      }
    }

    /** The file's content, or empty if it was never written. */
    synchronized Optional<byte[]> read(String name) throws IOException {
      Path path = dir.resolve(name);
      return Files.exists(path) ? Optional.of(Files.readAllBytes(path)) : Optional.empty();
    }
  }

  /** What every RPC answers until you write it. */
  static StatusRuntimeException notImplemented() {
    return Status.UNIMPLEMENTED.withDescription("not implemented yet").asRuntimeException();
  }

  /** "127.0.0.1:7101" or "[::1]:7101" as an address to bind. */
  static InetSocketAddress socketAddress(String address) {
    int colon = address.lastIndexOf(':');
    String host = address.substring(0, colon).replace("[", "").replace("]", "");
    return new InetSocketAddress(host, Integer.parseInt(address.substring(colon + 1)));
  }
}
