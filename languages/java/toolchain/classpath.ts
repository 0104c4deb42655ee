// The jars a Java node compiles and runs with, all Debian's (/usr/share/java, unversioned
// names so the node image's packages match the build machine's), and the JVM's flags.

const debianJars = "/usr/share/java";

/** grpc-java 1.41 and what it loads at run time, checked by starting a server and a client. */
const runtimeJarNames = [
  "grpc-api",
  "grpc-context",
  "grpc-core",
  "grpc-netty",
  "grpc-stub",
  "grpc-protobuf",
  "grpc-protobuf-lite",
  "protobuf",
  "guava",
  "perfmark-api",
  "netty-buffer",
  "netty-codec",
  "netty-codec-http",
  "netty-codec-http2",
  "netty-common",
  "netty-handler",
  "netty-resolver",
  "netty-transport",
];

export const runtimeJars = runtimeJarNames.map((name) => `${debianJars}/${name}.jar`);

/** javax.annotation.Generated: the generated stubs carry it; javac needs it, java does not. */
export const stubCompileJars = [...runtimeJars, `${debianJars}/geronimo-annotation-1.3-spec.jar`];

/** The packages a learner may import, for the message that refuses any other. */
export const availablePackages =
  "the Java 17 standard library (java.*, javax.* of the JDK), io.grpc (grpc-java 1.41), com.google.protobuf (3.21), com.google.common (Guava 31), the generated stubs and your own classes";

/**
 * The JVM inside a node's bounds (512 MiB of memory, 512 tasks, one core's share): the heap,
 * metaspace, code cache and Netty's direct buffers add up to about 400 MiB at most, so the
 * cgroup never kills it first; one GC thread and one "processor", so the JIT, the GC and
 * Netty's event loops start few threads; C1 only, which starts faster and needs less memory;
 * no perf data file in the node's small /tmp.
 */
export const jvmFlags = [
  "-Xmx192m",
  "-Xss512k",
  "-XX:MaxMetaspaceSize=96m",
  "-XX:ReservedCodeCacheSize=48m",
  "-XX:MaxDirectMemorySize=64m",
  "-XX:+UseSerialGC",
  "-XX:ActiveProcessorCount=1",
  "-XX:TieredStopAtLevel=1",
  "-XX:-UsePerfData",
];

/** javac's own JVM: one GC thread and C1 only, which compile a few files sooner. */
export const javacJvmFlags = ["-J-XX:+UseSerialGC", "-J-XX:TieredStopAtLevel=1"];
