// Rust: Debian's cargo and rustc, offline, with Debian's crate sources; the platform's gRPC
// (h2 + prost) generated per proto (toolchain/build.ts). The entry point is main.rs at the
// submission's top level (no src/: the judge writes the manifest, [[bin]] path = "main.rs").
import type { LanguageDefinition } from "../definition.ts";
import { rustTemplate } from "./template.ts";

export const rust = {
  name: "rust",
  entryFile: "main.rs",
  debianPackages: [
    "cargo",
    "rustc",
    "protobuf-compiler", // prost-build runs protoc
    // The crates a node links, as sources for cargo's offline registry.
    "librust-tokio-dev",
    "librust-h2-dev",
    "librust-http-dev",
    "librust-prost-dev",
    "librust-prost-derive-dev",
    "librust-prost-build-dev",
    "librust-bytes-dev",
  ],
  stepPackages: [],
  stepModules: {},
  stepFiles: {},
  template: rustTemplate,
} as const satisfies LanguageDefinition;
