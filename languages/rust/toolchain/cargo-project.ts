// The Cargo project a Rust node is built in, written by the judge (a learner's Cargo.toml and
// build.rs are never used: no dependencies, build scripts or proc macros of theirs):
//   Cargo.toml       the workspace: node/ and rpc/, release profile
//   rpc/             the platform's crate: grpc.rs, the proto's messages and services
//   node/            the submission, with the judge's Cargo.toml: bin "node" from main.rs
// Debian's crate sources are the only registry (a source replacement in the judge's CARGO_HOME).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Debian's cargo and rustc: /root/.cargo/bin is a developer's rustup, not on a fresh machine. */
export const cargo = "/usr/bin/cargo";
export const rustc = "/usr/bin/rustc";
export const protoc = "/usr/bin/protoc";
/** Where librust-*-dev packages put their crate sources. */
export const debianRegistry = "/usr/share/cargo/registry";

/** What a node may `use` besides std and its own modules: the node crate's dependencies. */
export const availableCrates = ["rpc", "tokio", "prost", "bytes"] as const;

const tokioFeatures = `["rt-multi-thread", "net", "macros", "sync", "time", "fs", "io-util"]`;

const workspaceManifest = `[workspace]
members = ["rpc", "node"]

[profile.release]
debug = false
`;

const rpcManifest = `[package]
name = "rpc"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
bytes = "1"
h2 = "0.3"
http = "0.2"
prost = "0.11"
tokio = { version = "1", features = ${tokioFeatures} }
`;

const nodeManifest = `[package]
name = "node"
version = "0.0.0"
edition = "2021"
publish = false
build = false
autobins = false
autoexamples = false
autotests = false
autobenches = false

[[bin]]
name = "node"
path = "main.rs"

[dependencies]
rpc = { path = "../rpc" }
bytes = "1"
prost = "0.11"
tokio = { version = "1", features = ${tokioFeatures} }
`;

/** The tool that writes the proto's messages with prost-build (it runs protoc). */
const codegenManifest = `[package]
name = "codegen"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
prost-build = "0.11"
`;

const codegenMain = `// codegen <proto file> <include dir> <out dir>: the proto's messages as Rust, by prost-build.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mut config = prost_build::Config::new();
    config.out_dir(&args[3]);
    if let Err(error) = config.compile_protos(&[&args[1]], &[&args[2]]) {
        eprintln!("{}", error);
        std::process::exit(1);
    }
}
`;

const write = (path: string, text: string): void => {
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, text);
};

/** The workspace's manifests; the sources are the caller's (or placeholders, to warm a cache). */
export function writeWorkspace(dir: string): void {
  write(join(dir, "Cargo.toml"), workspaceManifest);
  write(join(dir, "rpc", "Cargo.toml"), rpcManifest);
  write(join(dir, "node", "Cargo.toml"), nodeManifest);
}

export function writeCodegen(dir: string): void {
  write(join(dir, "Cargo.toml"), codegenManifest);
  write(join(dir, "src", "main.rs"), codegenMain);
}

/** A CARGO_HOME of the judge's: Debian's crate sources instead of crates.io, offline. */
export function writeCargoHome(dir: string): void {
  write(
    join(dir, "config.toml"),
    `[source.crates-io]
replace-with = "debian-packages"

[source.debian-packages]
directory = "${debianRegistry}"

[net]
offline = true
`,
  );
}

/** The environment of every cargo run: the judge's CARGO_HOME, Debian's rustc and protoc. */
export const cargoEnv = (cargoHome: string): Record<string, string> => ({
  CARGO_HOME: cargoHome,
  RUSTC: rustc,
  PROTOC: protoc,
  CARGO_TERM_COLOR: "never",
});
