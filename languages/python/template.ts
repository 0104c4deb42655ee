// The Python starter for any problem, from its proto: main.py, one Node class serving every
// service (each RPC answers UNIMPLEMENTED), the node contract's environment, a stub per peer
// and service, and DATA_DIR's durable write and read. Same input, same file.
import {
  NODE_CONTRACT,
  type TemplateGenerator,
  type TemplateInput,
  type TemplateMethod,
} from "../template-input.ts";
import { commentBlock, starterIntro } from "../template-text.ts";

const { env, notImplemented } = NODE_CONTRACT;
/** The language's entryFile (language.ts imports this file: no import back). */
const ENTRY_FILE = "main.py";

/** "CounterNode" -> "counter_node": a service's attribute on a peer. */
const snake = (name: string): string =>
  name.replace(/(?<=[a-z0-9])([A-Z])|(?<=[A-Z])([A-Z])(?=[a-z])/g, "_$1$2").toLowerCase();

const commented = (text: string | null, indent: string): string[] =>
  text === null
    ? []
    : text.split("\n").map((l) => `${indent}#${l.trim() ? ` ${l.trimEnd()}` : ""}`);

export const pythonTemplate: TemplateGenerator = (input) => {
  const stem = input.protoFile.replace(/\.proto$/, "");
  const pb2 = `${stem}_pb2`;
  const grpcModule = `${stem}_pb2_grpc`;
  const methods = input.services.flatMap((s) => s.methods);
  const clash = methods.find((m, i) => methods.findIndex((o) => o.name === m.name) !== i);
  if (clash) throw new Error(`${input.protoFile}: two services name an RPC ${clash.name}`);
  const servicers = input.services.map((s) => `${grpcModule}.${s.name}Servicer`).join(", ");
  const stub = (m: TemplateMethod): string[] => [
    "",
    ...commented(m.comment, "    "),
    `    def ${m.name}(self, request, context):`,
    `        """request: ${pb2}.${m.request}; answer: ${pb2}.${m.response}(...)."""`,
    `        context.abort(grpc.StatusCode.${notImplemented.name}, "${notImplemented.message}")`,
  ];
  const lines = [
    ...header(input, pb2, grpcModule),
    "",
    "import os",
    "import threading",
    "from concurrent import futures",
    "",
    "import grpc",
    "",
    `import ${pb2}  # the messages: ${pb2}.${methods[0]!.response}(...)`,
    `import ${grpcModule}`,
    "",
    "",
    "def read_env():",
    '    """The node contract: who this node is and whom it talks to."""',
    "    peers = {}",
    `    for item in filter(None, os.environ.get("${env.peers}", "").split(",")):`,
    '        node_id, address = item.split("=", 1)',
    "        peers[node_id] = address  # the chaos agent's address for that peer: just dial it",
    "    return {",
    `        "node_id": os.environ["${env.nodeId}"],  # "node-2"`,
    `        "listen_addr": os.environ["${env.listenAddr}"],  # serve here`,
    '        "peers": peers,  # every other node: {"node-0": "127.0.0.1:7100", ...}',
    `        "data_dir": os.environ["${env.dataDir}"],  # kept across kill and restart`,
    "    }",
    "",
    "",
    "def write_durably(data_dir, name, data):",
    '    """Replaces data_dir/name with data (bytes) so that a SIGKILL at any instant leaves',
    "    either the old contents or the new ones, never a mix: a temporary file, flushed and",
    '    fsynced, renamed over the old one, then the folder fsynced so the rename lasts."""',
    "    path = os.path.join(data_dir, name)",
    '    with open(path + ".tmp", "wb") as f:',
    "        f.write(data)",
    "        f.flush()",
    "        os.fsync(f.fileno())",
    '    os.replace(path + ".tmp", path)',
    "    folder = os.open(data_dir, os.O_RDONLY)",
    "    try:",
    "        os.fsync(folder)",
    "    finally:",
    "        os.close(folder)",
    "",
    "",
    "def read_durable(data_dir, name):",
    '    """What write_durably last wrote to data_dir/name (bytes), or None if it never did."""',
    "    try:",
    '        with open(os.path.join(data_dir, name), "rb") as f:',
    "            return f.read()",
    "    except FileNotFoundError:",
    "        return None",
    "",
    "",
    "class Peer:",
    '    """One peer\'s clients: a stub per service, over one channel. Call with a timeout and',
    "    expect failures (the network is the chaos agent's), e.g.",
    `    self.peers["node-0"].${snake(input.services[0]!.name)}.${methods[0]!.name}(request, timeout=0.5)."""`,
    "",
    "    def __init__(self, address):",
    "        channel = grpc.insecure_channel(address)",
    ...input.services.map(
      (s) => `        self.${snake(s.name)} = ${grpcModule}.${s.name}Stub(channel)`,
    ),
    "",
    "",
    `class Node(${servicers}):`,
    "    def __init__(self, env):",
    "        self.env = env",
    "        # gRPC calls arrive on several threads at once: guard all state with this lock.",
    "        self.lock = threading.Lock()",
    '        self.peers = {node_id: Peer(address) for node_id, address in env["peers"].items()}',
    '        # Load what this node kept from read_durable(env["data_dir"], ...): it may be a',
    "        # restart after a SIGKILL. Persist with write_durably before answering anything that",
    "        # depends on it.",
    ...methods.flatMap(stub),
    "",
    "",
    "def main():",
    "    env = read_env()",
    '    os.makedirs(env["data_dir"], exist_ok=True)',
    "    node = Node(env)",
    "    server = grpc.server(futures.ThreadPoolExecutor(max_workers=16))",
    ...input.services.map((s) => `    ${grpcModule}.add_${s.name}Servicer_to_server(node, server)`),
    '    server.add_insecure_port(env["listen_addr"])',
    "    server.start()",
    "    print(f\"{env['node_id']} serving on {env['listen_addr']}\", flush=True)",
    "    server.wait_for_termination()",
    "",
    "",
    'if __name__ == "__main__":',
    "    main()",
    "",
  ];
  return { [ENTRY_FILE]: lines.join("\n") };
};

function header(input: TemplateInput, pb2: string, grpcModule: string): string[] {
  const paragraphs = [
    `${input.title} node: the starter, generated from ${input.protoFile}.`,
    starterIntro(input),
    `How it runs: the platform copies this folder, generates ${pb2}.py and ${grpcModule}.py from
    ${input.protoFile} beside this file (do not upload your own), and starts
    \`python3 -u ${ENTRY_FILE}\` with Debian's Python 3. You may import the standard library,
    grpc, google.protobuf and your own modules (.py files beside this one). stdout and stderr
    are your node's log, shown with the result: log what you would want to read after a
    failure, not every RPC.`,
  ];
  const [first, ...lines] = commentBlock(paragraphs, "", 96);
  return [`"""${first!}`, ...lines, '"""'];
}
