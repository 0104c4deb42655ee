// The node's durable state: every node's slot as this node knows it, and per client the last
// add sequence applied. Replaced atomically on every change, before any answer that depends
// on it: write a temporary file, fsync, rename, fsync the folder. A SIGKILL at any instant
// leaves the old state or the new one, never a torn one.
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

final class CounterFile {
  /** node id → the sum of the adds that node acknowledged, as far as this node knows. */
  static final class State {
    final Map<String, Long> slots = new HashMap<>();
    /** client id → the highest add sequence applied here: a retry at or below it is a no-op. */
    final Map<String, Long> applied = new HashMap<>();
  }

  private final Path dir;
  private final Path path;

  CounterFile(Path dir) throws IOException {
    this.dir = Files.createDirectories(dir);
    this.path = dir.resolve("counter.bin");
  }

  State load() throws IOException {
    State state = new State();
    if (!Files.exists(path)) return state;
    try (DataInputStream in = new DataInputStream(Files.newInputStream(path))) {
      readMap(in, state.slots);
      readMap(in, state.applied);
    }
    return state;
  }

  void save(State state) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      writeMap(out, state.slots);
      writeMap(out, state.applied);
    }
    Path temp = dir.resolve("counter.bin.tmp");
    try (FileChannel file =
        FileChannel.open(
            temp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes.toByteArray());
      while (buffer.hasRemaining()) file.write(buffer);
      file.force(true);
    }
    Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE);
    try (FileChannel folder = FileChannel.open(dir, StandardOpenOption.READ)) {
      folder.force(true);
    }
  }

  private static void writeMap(DataOutputStream out, Map<String, Long> map) throws IOException {
    out.writeInt(map.size());
    for (Map.Entry<String, Long> e : map.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeLong(e.getValue());
    }
  }

  private static void readMap(DataInputStream in, Map<String, Long> map) throws IOException {
    int size = in.readInt();
    for (int i = 0; i < size; i++) map.put(in.readUTF(), in.readLong());
  }
}
