// The TypeScript starter for any problem, from its proto: main.ts, a server for every service
// (each RPC answers UNIMPLEMENTED), the node contract's environment, a client per peer and
// service, and DATA_DIR's durable write and read. Same input, same file.
import { NODE_CONTRACT, type TemplateGenerator, type TemplateInput } from "../template-input.ts";
import { commentBlock, starterIntro } from "../template-text.ts";

const { env, notImplemented } = NODE_CONTRACT;
/** The language's entryFile (language.ts imports this file: no import back). */
const ENTRY_FILE = "main.ts";

/** "CounterNode" -> "counterNode": a service's field on a peer. */
const camel = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);

const commented = (text: string | null, indent: string): string[] =>
  text === null
    ? []
    : text.split("\n").map((l) => `${indent}//${l.trim() ? ` ${l.trimEnd()}` : ""}`);

/** The type of loadPackageDefinition's answer down to the services: { a: { b: { S: ... } } }. */
function packageType(pkg: string, services: readonly string[]): string {
  const leaf = `{ ${services.map((s) => `${s}: grpc.ServiceClientConstructor`).join("; ")} }`;
  return pkg
    .split(".")
    .reverse()
    .reduce((inner, part) => `{ ${part}: ${inner} }`, leaf);
}

export const typescriptTemplate: TemplateGenerator = (input) => {
  const services = input.services.map((s) => s.name);
  const first = input.services[0]!;
  const serve = input.services.flatMap((s) => [
    `server.addService(${s.name}.service, {`,
    ...s.methods.flatMap((m) => [
      ...commented(m.comment, "  "),
      `  ${m.name}: (_call: Call, callback: Callback) => {`,
      `    // _call.request: ${m.request}; answer: callback(null, reply), reply: ${m.response}.`,
      "    callback(notImplemented);",
      "  },",
    ]),
    "});",
  ]);
  const lines = [
    ...header(input),
    'import * as grpc from "@grpc/grpc-js";',
    'import * as protoLoader from "@grpc/proto-loader";',
    "import {",
    "  closeSync,",
    "  fsyncSync,",
    "  mkdirSync,",
    "  openSync,",
    "  readFileSync,",
    "  renameSync,",
    "  writeFileSync,",
    '} from "node:fs";',
    'import { join } from "node:path";',
    "",
    "// The node contract: who this node is and whom it talks to.",
    "const env = {",
    `  nodeId: process.env.${env.nodeId} ?? "", // "node-2"`,
    `  listenAddr: process.env.${env.listenAddr} ?? "", // serve here`,
    `  dataDir: process.env.${env.dataDir} ?? "", // kept across kill and restart`,
    '  // Every other node: [["node-0", "127.0.0.1:7100"], ...], the chaos agent\'s address: dial it.',
    `  peers: (process.env.${env.peers} ?? "")`,
    '    .split(",")',
    "    .filter(Boolean)",
    "    .map((item): [string, string] => {",
    '      const at = item.indexOf("=");',
    "      return [item.slice(0, at), item.slice(at + 1)];",
    "    }),",
    "};",
    "mkdirSync(env.dataDir, { recursive: true });",
    "",
    "/**",
    " * Replaces dataDir/name with data so that a SIGKILL at any instant leaves either the old",
    " * contents or the new ones, never a mix: a temporary file, fsynced, renamed over the old one,",
    " * then the folder fsynced so the rename lasts.",
    " */",
    "function writeDurably(name: string, data: string | Uint8Array): void {",
    "  const path = join(env.dataDir, name);",
    '  const file = openSync(`${path}.tmp`, "w");',
    "  writeFileSync(file, data);",
    "  fsyncSync(file);",
    "  closeSync(file);",
    "  renameSync(`${path}.tmp`, path);",
    '  const folder = openSync(env.dataDir, "r");',
    "  fsyncSync(folder);",
    "  closeSync(folder);",
    "}",
    "",
    "/** What writeDurably last wrote to dataDir/name, or null if it never did. */",
    "function readDurable(name: string): Buffer | null {",
    "  try {",
    "    return readFileSync(join(env.dataDir, name));",
    "  } catch (err) {",
    '    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;',
    "    throw err;",
    "  }",
    "}",
    "",
    "// The messages as @grpc/proto-loader gives them with the options below: plain objects with",
    "// the proto's field names, 64-bit integers as JS numbers (fine below 2^53; with `longs:",
    '// String` you would get strings, and "9" > "10"), enums as their names, bytes as Buffer,',
    "// every field present (defaults: true). Give the messages you use interfaces of their own.",
    "type Message = Record<string, unknown>;",
    "type Call = grpc.ServerUnaryCall<Message, Message>;",
    "type Callback = grpc.sendUnaryData<Message>;",
    "",
    `const definition = protoLoader.loadSync(join(__dirname, "${input.protoFile}"), {`,
    "  keepCase: true,",
    "  longs: Number,",
    "  enums: String,",
    "  defaults: true,",
    "});",
    "const proto = grpc.loadPackageDefinition(definition) as unknown as",
    `  ${packageType(input.protoPackage, services)};`,
    `const { ${services.join(", ")} } = proto.${input.protoPackage};`,
    "",
    "// One client per peer and service (each connects when first called). Call with a deadline",
    "// and expect failures (the network is the chaos agent's), e.g.",
    `// peers.get("node-0")?.${camel(first.name)}.${first.methods[0]!.name}(request, { deadline: Date.now() + 500 }, (err, reply) => ...)`,
    "const peers = new Map(",
    "  env.peers.map(",
    "    ([id, address]) =>",
    "      [",
    "        id,",
    "        {",
    ...services.map(
      (s) => `          ${camel(s)}: new ${s}(address, grpc.credentials.createInsecure()),`,
    ),
    "        },",
    "      ] as const,",
    "  ),",
    ");",
    "",
    "// Load what this node kept with readDurable(...): it may be a restart after a SIGKILL.",
    "// Persist with writeDurably before answering anything that depends on it.",
    "",
    `const notImplemented = { code: grpc.status.${notImplemented.name}, details: "${notImplemented.message}" };`,
    "",
    "const server = new grpc.Server();",
    ...serve,
    "server.bindAsync(env.listenAddr, grpc.ServerCredentials.createInsecure(), (err) => {",
    "  if (err) {",
    "    console.error(`cannot listen on ${env.listenAddr}: ${err.message}`);",
    "    process.exit(1);",
    "  }",
    "  console.log(`${env.nodeId} listening on ${env.listenAddr}`);",
    "});",
    "",
  ];
  return { [ENTRY_FILE]: lines.join("\n") };
};

function header(input: TemplateInput): string[] {
  const paragraphs = [
    `${input.title} node: the starter, generated from ${input.protoFile}.`,
    starterIntro(input),
    `How it runs: the platform bundles ${ENTRY_FILE} and the files it imports with esbuild into
    node.cjs, copies ${input.protoFile} beside it, and starts \`node node.cjs\` (Node 20). You
    may import Node's built-in modules, @grpc/grpc-js, @grpc/proto-loader and your own files;
    the code is type-checked (strict). stdout and stderr are your node's log, shown with the
    result: log what you would want to read after a failure, not every RPC.`,
  ];
  return commentBlock(paragraphs, "// ", 96);
}
