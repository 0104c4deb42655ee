// What a C++ node is compiled with, and what it may include: shared by the build, the
// template's comment and the docs, so they cannot disagree.
import { basename } from "node:path";

export const gxx = "/usr/bin/g++";
export const pkgConfig = "/usr/bin/pkg-config";
/** The libraries every node links: grpc's synchronous C++ API and protobuf. */
export const linkedPackages = ["grpc++", "protobuf"];
/** The language and optimisation every file (the learner's and the stubs) is compiled with. */
export const cppStandardFlags = ["-std=c++17", "-O2", "-Wall"];
/** The learner's source files: every one is compiled and linked into the node. */
export const sourceSuffixes = [".cc", ".cpp", ".cxx"];
/** The program the build links, in the output folder; the node runs as `./main`. */
export const programName = "main";

/** The headers protoc generates from `protoFile`: [messages, services]. */
export function generatedHeaders(protoFile: string): [string, string] {
  const stem = basename(protoFile, ".proto");
  return [`${stem}.pb.h`, `${stem}.grpc.pb.h`];
}

/** The generated sources, compiled once per proto (toolchain/stub-objects.ts). */
export function generatedSources(protoFile: string): [string, string] {
  const stem = basename(protoFile, ".proto");
  return [`${stem}.pb.cc`, `${stem}.grpc.pb.cc`];
}

/** For the learner: what an #include may name. */
export function cppIncludable(protoFile: string): string {
  const [pb, grpc] = generatedHeaders(protoFile);
  return `the C++ standard library, POSIX headers (<unistd.h>, <fcntl.h>, <sys/...>), <grpcpp/...>, <google/protobuf/...>, the generated "${pb}" and "${grpc}", and your own headers`;
}
