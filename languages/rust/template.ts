// The Rust starter for any problem, from its proto (languages/template-input.ts): main.rs
// serves every service on LISTEN_ADDR with every RPC answering UNIMPLEMENTED, reads the node
// contract's environment, holds a client per peer; data_dir.rs writes DATA_DIR's files
// atomically. It builds as it is (languages/rust/tests/template.test.ts).
import {
  NODE_CONTRACT,
  type TemplateFiles,
  type TemplateGenerator,
  type TemplateInput,
  type TemplateService,
} from "../template-input.ts";
import { commentBlock, lineComments, starterIntro } from "../template-text.ts";
import { clientType, routesFunction, rustModule, snakeCase } from "./services.ts";

const { env, notImplemented } = NODE_CONTRACT;

/** "CounterNode" -> "counter_node_peers": the field holding that service's peer clients. */
const peersField = (service: TemplateService): string =>
  `${snakeCase(service.name).replace(/^r#/, "")}_peers`;

function header(input: TemplateInput): string {
  const module = rustModule(input.protoPackage);
  const paragraphs = [
    `${input.title} node: the starter.`,
    starterIntro(input),
    `How it is built: the platform copies this folder, writes the Cargo.toml itself (yours, a
    Cargo.lock or a build.rs are ignored), generates the crate \`rpc\` from ${input.protoFile} and
    compiles with Debian's cargo and rustc 1.63 (edition 2021, --release, offline). It starts
    the binary with ${env.nodeId}, ${env.listenAddr}, ${env.peers} and ${env.dataDir} set. stdout
    and stderr are your node's log, shown with the result.`,
    `What you may use: std; tokio 1 (rt-multi-thread, net, macros, sync, time, fs, io-util);
    prost 0.11; bytes 1; rpc: rpc::${module} holds the messages (prost structs), a trait per
    service, its routes function and a client per service; rpc::grpc holds Server, Status, Code
    and Reply. Any other crate is refused. More files: \`mod name;\` reads name.rs beside this one.`,
  ];
  return `${commentBlock(paragraphs, "// ", 96).join("\n")}\n`;
}

function traitImpl(service: TemplateService): string {
  const methods = service.methods
    .map(
      (m) =>
        lineComments(m.comment, "    ")
          .map((l) => `${l}\n`)
          .join("") +
        `    fn ${snakeCase(m.name)}(&self, _request: ${m.request}) -> grpc::Reply<'_, ${m.response}> {
        // TODO: answer from this node's state; persist with self.data before answering
        // anything that depends on a change.
        Box::pin(async move { Err(grpc::Status::unimplemented("${notImplemented.message}")) })
    }`,
    )
    .join("\n\n");
  return `impl ${service.name} for Node {
${methods}
}`;
}

function mainRs(input: TemplateInput): string {
  const module = rustModule(input.protoPackage);
  const imported = new Set<string>();
  for (const s of input.services) {
    imported.add(s.name);
    imported.add(clientType(s));
    imported.add(routesFunction(s));
    for (const m of s.methods) {
      imported.add(m.request);
      imported.add(m.response);
    }
  }
  const imports = [...imported].sort().join(", ");
  const peerFields = input.services
    .map(
      (s) =>
        `    /// A ${s.name} client per peer, by node id: connects on its first call, again after a failure.\n` +
        `    ${peersField(s)}: HashMap<String, ${clientType(s)}>,`,
    )
    .join("\n");
  const peerInits = input.services
    .map(
      (s) =>
        `            ${peersField(s)}: env.peers.iter().map(|(id, address)| (id.clone(), ${clientType(s)}::new(address))).collect(),`,
    )
    .join("\n");
  const routes = input.services.map((s) => `.add(${routesFunction(s)}(node.clone()))`).join("");
  return `${header(input)}
mod data_dir;

use data_dir::DataDir;
use rpc::grpc;
use rpc::${module}::{${imports}};
use std::collections::HashMap;
use std::sync::Arc;

/// The node contract: who this node is and whom it talks to.
struct Env {
    node_id: String,
    listen_addr: String,
    /// Every other node, (id, address): the chaos agent's address for that peer, just dial it.
    peers: Vec<(String, String)>,
    /// Kept across a kill and a restart.
    data_dir: String,
}

fn read_env() -> Env {
    let var = |name: &str| std::env::var(name).unwrap_or_default();
    let peers = var("${env.peers}")
        .split(',')
        .filter_map(|item| item.split_once('='))
        .map(|(id, address)| (id.to_string(), address.to_string()))
        .collect();
    Env {
        node_id: var("${env.nodeId}"),
        listen_addr: var("${env.listenAddr}"),
        peers,
        data_dir: var("${env.dataDir}"),
    }
}

// RPCs run concurrently on tokio's threads: guard the node's state with a std::sync::Mutex
// (never held across an .await) or a tokio::sync::Mutex.
#[allow(dead_code)]
struct Node {
    node_id: String,
    data: DataDir,
${peerFields}
}

impl Node {
    fn new(env: &Env) -> std::io::Result<Node> {
        // TODO: load this node's state with DataDir::read (written before a kill, read after a restart).
        Ok(Node {
            node_id: env.node_id.clone(),
            data: DataDir::open(&env.data_dir)?,
${peerInits}
        })
    }
}

${input.services.map(traitImpl).join("\n\n")}

#[tokio::main]
async fn main() {
    let env = read_env();
    let node = Arc::new(Node::new(&env).expect("cannot open DATA_DIR"));
    let server = grpc::Server::new()${routes};
    println!("{} serving on {}", env.node_id, env.listen_addr);
    if let Err(error) = server.serve(&env.listen_addr).await {
        eprintln!("cannot serve on {}: {}", env.listen_addr, error);
        std::process::exit(1);
    }
}
`;
}

const dataDirRs = `// The node's folder that survives a kill and a restart (${env.dataDir}): read a file, and
// replace one atomically, so that a kill at any instant leaves the old contents or the new,
// never a torn file. Write what an answer depends on before you answer.
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::PathBuf;

pub struct DataDir {
    dir: PathBuf,
}

#[allow(dead_code)]
impl DataDir {
    pub fn open(dir: &str) -> io::Result<DataDir> {
        fs::create_dir_all(dir)?;
        Ok(DataDir { dir: PathBuf::from(dir) })
    }

    /// The file's contents, or None if it was never written.
    pub fn read(&self, name: &str) -> io::Result<Option<Vec<u8>>> {
        match fs::read(self.dir.join(name)) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(error) => Err(error),
        }
    }

    /// Replaces the file: a temporary file, fsync, rename over the old one, fsync the folder.
    pub fn write(&self, name: &str, bytes: &[u8]) -> io::Result<()> {
        let temp = self.dir.join(format!("{}.tmp", name));
        let mut file = File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temp, self.dir.join(name))?;
        File::open(&self.dir)?.sync_all()
    }
}
`;

export const rustTemplate: TemplateGenerator = (input: TemplateInput): TemplateFiles => ({
  "main.rs": mainRs(input),
  "data_dir.rs": dataDirRs,
});
