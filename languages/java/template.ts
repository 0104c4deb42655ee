// The Java starter for any problem: one Main.java that serves every service of the proto on
// LISTEN_ADDR, answers every RPC with UNIMPLEMENTED, reads the node contract's environment,
// holds a blocking stub per peer and a DATA_DIR helper that writes atomically. Pure: the same
// proto gives the same file.
import {
  NODE_CONTRACT,
  type TemplateFiles,
  type TemplateInput,
  type TemplateMethod,
  type TemplateService,
} from "../template-input.ts";
import { commentBlock, lineComments, starterIntro } from "../template-text.ts";

/** protoc's outer class of a file: "g_counter.proto" is GCounter, unless a type has that name. */
export function outerClassName(input: TemplateInput): string {
  const stem = input.protoFile.replace(/\.proto$/, "");
  const camel = stem
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
  const taken = new Set(
    input.services.flatMap((s) => [s.name, ...s.methods.flatMap((m) => [m.request, m.response])]),
  );
  return taken.has(camel) ? `${camel}OuterClass` : camel;
}

/** grpc-java's method name: "AppendEntries" is appendEntries. */
const javaMethodName = (rpc: string): string => {
  const camel = rpc.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  return camel.charAt(0).toLowerCase() + camel.slice(1);
};

/** "CounterNode" is the peer field counterNode. */
const fieldName = (service: string): string => service.charAt(0).toLowerCase() + service.slice(1);

export function javaTemplate(input: TemplateInput): TemplateFiles {
  return { "Main.java": mainJava(input) };
}

function mainJava(input: TemplateInput): string {
  const pkg = input.protoPackage;
  const outer = outerClassName(input);
  const messages = [
    ...new Set(input.services.flatMap((s) => s.methods.flatMap((m) => [m.request, m.response]))),
  ].sort();
  const first = input.services[0];
  const example = first?.methods[0];
  const { env } = NODE_CONTRACT;
  return [
    ...header(input, outer),
    "",
    "import io.grpc.ManagedChannel;",
    "import io.grpc.ManagedChannelBuilder;",
    "import io.grpc.Server;",
    "import io.grpc.Status;",
    "import io.grpc.StatusRuntimeException;",
    "import io.grpc.netty.NettyServerBuilder;",
    "import io.grpc.stub.StreamObserver;",
    "import java.io.IOException;",
    "import java.net.InetSocketAddress;",
    "import java.nio.ByteBuffer;",
    "import java.nio.channels.FileChannel;",
    "import java.nio.file.Files;",
    "import java.nio.file.Path;",
    "import java.nio.file.StandardCopyOption;",
    "import java.nio.file.StandardOpenOption;",
    "import java.util.ArrayList;",
    "import java.util.List;",
    "import java.util.Optional;",
    "import java.util.concurrent.TimeUnit;",
    ...input.services.map((s) => `import ${pkg}.${s.name}Grpc;`),
    ...messages.map((m) => `import ${pkg}.${outer}.${m};`),
    "",
    "public final class Main {",
    "  public static void main(String[] args) throws Exception {",
    "    // The node contract: who this node is and whom it talks to.",
    `    String nodeId = System.getenv("${env.nodeId}"); // "node-1"`,
    `    String listenAddr = System.getenv("${env.listenAddr}"); // serve here: "127.0.0.1:7101"`,
    `    DataDir data = new DataDir(Path.of(System.getenv("${env.dataDir}"))); // kept across kill and restart`,
    `    List<Peer> peers = Peer.fromEnv(System.getenv("${env.peers}")); // every other node`,
    "    // TODO: load your state from data, then start whatever runs in the background.",
    "",
    "    Server server =",
    "        NettyServerBuilder.forAddress(socketAddress(listenAddr))",
    ...input.services.map(
      (s) => `            .addService(new ${s.name}Service(nodeId, peers, data))`,
    ),
    "            .build()",
    "            .start();",
    '    System.out.println(nodeId + " listening on " + listenAddr);',
    "    server.awaitTermination();",
    "  }",
    ...input.services.flatMap((s) => serviceClass(s, pkg)),
    ...peerClass(input.services, example ? `${javaMethodName(example.name)}(request)` : ""),
    ...dataDirClass(),
    "",
    "  /** What every RPC answers until you write it. */",
    "  static StatusRuntimeException notImplemented() {",
    `    return Status.UNIMPLEMENTED.withDescription("${NODE_CONTRACT.notImplemented.message}").asRuntimeException();`,
    "  }",
    "",
    '  /** "127.0.0.1:7101" or "[::1]:7101" as an address to bind. */',
    "  static InetSocketAddress socketAddress(String address) {",
    "    int colon = address.lastIndexOf(':');",
    '    String host = address.substring(0, colon).replace("[", "").replace("]", "");',
    "    return new InetSocketAddress(host, Integer.parseInt(address.substring(colon + 1)));",
    "  }",
    "}",
    "",
  ].join("\n");
}

function header(input: TemplateInput, outer: string): string[] {
  const stubs = input.services.map((s) => `${input.protoPackage}.${s.name}Grpc`).join(", ");
  const paragraphs = [
    `${input.title} node: the Java starter.`,
    starterIntro(input),
    `How it runs: the platform generates the stubs from ${input.protoFile} (the messages are
    ${input.protoPackage}.${outer}.*, the services ${stubs}; do not upload your own), compiles
    every .java file of this folder with Debian's javac (Java 17) and starts \`java Main\` with a
    192 MiB heap. You may import the Java standard library, io.grpc (grpc-java 1.41),
    com.google.protobuf (3.21), com.google.common (Guava 31), the stubs and your own classes.
    stdout and stderr are your node's log, shown with the result.`,
  ];
  return commentBlock(paragraphs, "// ", 96);
}

function serviceClass(service: TemplateService, pkg: string): string[] {
  return [
    "",
    `  /** ${pkg}.${service.name}: gRPC calls arrive on several threads at once. */`,
    `  static final class ${service.name}Service extends ${service.name}Grpc.${service.name}ImplBase {`,
    "    private final String nodeId;",
    "    private final List<Peer> peers;",
    "    private final DataDir data;",
    "",
    `    ${service.name}Service(String nodeId, List<Peer> peers, DataDir data) {`,
    "      this.nodeId = nodeId;",
    "      this.peers = peers;",
    "      this.data = data;",
    "    }",
    ...service.methods.flatMap(rpc),
    "  }",
  ];
}

function rpc(method: TemplateMethod): string[] {
  return [
    "",
    ...lineComments(method.comment, "    "),
    "    @Override",
    `    public void ${javaMethodName(method.name)}(${method.request} request, StreamObserver<${method.response}> reply) {`,
    `      // TODO: answer with reply.onNext(${method.response}.newBuilder()...build()); reply.onCompleted();`,
    "      reply.onError(notImplemented());",
    "    }",
  ];
}

function peerClass(services: TemplateService[], exampleCall: string): string[] {
  const first = services[0];
  const usage =
    first && exampleCall
      ? [
          "  // Call one with a deadline, and expect a StatusRuntimeException when it is down:",
          `  //   peer.${fieldName(first.name)}.withDeadlineAfter(500, TimeUnit.MILLISECONDS).${exampleCall}`,
        ]
      : [];
  return [
    "",
    "  /** Another node: its id and a blocking stub per service, over one channel. */",
    ...usage,
    "  static final class Peer {",
    "    final String id;",
    "    final ManagedChannel channel;",
    ...services.map((s) => `    final ${s.name}Grpc.${s.name}BlockingStub ${fieldName(s.name)};`),
    "",
    "    Peer(String id, String address) {",
    "      this.id = id;",
    "      this.channel = ManagedChannelBuilder.forTarget(address).usePlaintext().build();",
    ...services.map(
      (s) => `      this.${fieldName(s.name)} = ${s.name}Grpc.newBlockingStub(channel);`,
    ),
    "    }",
    "",
    '    /** PEERS: "node-0=127.0.0.1:7100,node-2=127.0.0.1:7102", the agents\' addresses: dial them. */',
    "    static List<Peer> fromEnv(String peers) {",
    "      List<Peer> list = new ArrayList<>();",
    '      for (String item : (peers == null ? "" : peers).split(",")) {',
    "        if (item.isEmpty()) continue;",
    "        int eq = item.indexOf('=');",
    "        list.add(new Peer(item.substring(0, eq), item.substring(eq + 1)));",
    "      }",
    "      return list;",
    "    }",
    "  }",
  ];
}

function dataDirClass(): string[] {
  return [
    "",
    "  /**",
    "   * DATA_DIR, kept across a kill and a restart. write() replaces a file atomically (a temporary",
    "   * file, fsync, rename, fsync of the folder): after a SIGKILL the file holds the old content",
    "   * or the new, never a torn one. Write what an answer depends on before you answer.",
    "   */",
    "  static final class DataDir {",
    "    private final Path dir;",
    "",
    "    DataDir(Path dir) throws IOException {",
    "      this.dir = Files.createDirectories(dir);",
    "    }",
    "",
    "    synchronized void write(String name, byte[] content) throws IOException {",
    '      Path temp = dir.resolve(name + ".tmp");',
    "      try (FileChannel out =",
    "          FileChannel.open(",
    "              temp,",
    "              StandardOpenOption.CREATE,",
    "              StandardOpenOption.TRUNCATE_EXISTING,",
    "              StandardOpenOption.WRITE)) {",
    "        ByteBuffer buffer = ByteBuffer.wrap(content);",
    "        while (buffer.hasRemaining()) out.write(buffer);",
    "        out.force(true);",
    "      }",
    "      Files.move(temp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);",
    "      try (FileChannel folder = FileChannel.open(dir, StandardOpenOption.READ)) {",
    "        folder.force(true);",
    "      }",
    "    }",
    "",
    "    /** The file's content, or empty if it was never written. */",
    "    synchronized Optional<byte[]> read(String name) throws IOException {",
    "      Path path = dir.resolve(name);",
    "      return Files.exists(path) ? Optional.of(Files.readAllBytes(path)) : Optional.empty();",
    "    }",
    "  }",
  ];
}
