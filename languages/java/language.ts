// Java: Debian's OpenJDK 17 compiles the learner's sources against stubs generated from the
// problem's proto and Debian's grpc-java jars (toolchain/build.ts); a node runs as `java Main`.
import type { LanguageDefinition } from "../definition.ts";
import { javaTemplate } from "./template.ts";

export const java = {
  name: "java",
  entryFile: "Main.java",
  debianPackages: [
    "default-jdk-headless", // javac and jar; java runs the node
    "libgrpc-java", // grpc-api, -core, -netty, -stub, -protobuf 1.41
    "libprotobuf-java", // com.google.protobuf 3.21
    "libguava-java", // grpc-java's and the learner's com.google.common
    "libnetty-java", // grpc-netty's transport: libgrpc-java does not depend on it
    "libperfmark-java", // grpc-core traces through perfmark-api at run time
    "libgeronimo-annotation-1.3-spec-java", // javax.annotation.Generated, on the generated stubs
    "protobuf-compiler", // stubs generated from the problem's proto
    "protobuf-compiler-grpc-java-plugin",
  ],
  stepPackages: [],
  stepModules: {},
  // cds-archive.ts runs it from beside its own module: the bundled step's judge/ folder.
  stepFiles: { "warmup/Warmup.java": "toolchain/warmup/Warmup.java" },
  template: javaTemplate,
} as const satisfies LanguageDefinition;
