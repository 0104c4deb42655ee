// The C++ starter of any problem: one main.cc that serves every service of the proto on
// LISTEN_ADDR with grpc's synchronous API, every RPC answering UNIMPLEMENTED, the node
// contract's environment read, a stub per service for every peer, and DATA_DIR helpers.
import {
  NODE_CONTRACT,
  type TemplateFiles,
  type TemplateInput,
  type TemplateMethod,
  type TemplateService,
} from "../template-input.ts";
import { commentBlock, lineComments, starterIntro } from "../template-text.ts";
import { cpp } from "./language.ts";
import { cppIncludable, cppStandardFlags, generatedHeaders } from "./compiler.ts";

const { env, notImplemented } = NODE_CONTRACT;

export function cppTemplate(input: TemplateInput): TemplateFiles {
  const ns = input.protoPackage.split(".").join("::");
  const [pbHeader, grpcHeader] = generatedHeaders(input.protoFile);
  const lines = [
    ...header(input),
    "",
    "#include <fcntl.h>",
    "#include <unistd.h>",
    "",
    "#include <cerrno>",
    "#include <cstdlib>",
    "#include <cstring>",
    "#include <fstream>",
    "#include <iostream>",
    "#include <map>",
    "#include <memory>",
    "#include <mutex>",
    "#include <optional>",
    "#include <sstream>",
    "#include <stdexcept>",
    "#include <string>",
    "",
    "#include <grpcpp/grpcpp.h>",
    "",
    `#include "${grpcHeader}"`,
    `#include "${pbHeader}"`,
    "",
    ...environment(),
    "",
    ...peers(input.services, ns),
    "",
    ...dataDir(),
    "",
    ...input.services.flatMap((s) => [...serviceClass(s, ns), ""]),
    ...mainFunction(input.services),
  ];
  return { [cpp.entryFile]: `${lines.join("\n")}\n` };
}

function header(input: TemplateInput): string[] {
  const [pbHeader, grpcHeader] = generatedHeaders(input.protoFile);
  const paragraphs = [
    `${input.title} node: the C++ starter.`,
    starterIntro(input),
    `How it is built: the platform copies this folder, generates ${pbHeader} and ${grpcHeader}
    (with their .cc files) from ${input.protoFile} beside this file (do not upload your own),
    compiles every .cc and .cpp file of the folder with Debian's g++ 12
    (${cppStandardFlags.join(" ")}) and links them with grpc++ and protobuf. How it is started:
    ./main in that folder, with the node contract's environment. stdout and stderr are your
    node's log, shown with the result.`,
    `What may be included: ${cppIncludable(input.protoFile)}.`,
  ];
  return commentBlock(paragraphs, "// ", 96);
}

function environment(): string[] {
  return [
    "// The node contract: who this node is and whom it talks to.",
    "struct Env {",
    `  std::string node_id;  // "node-1"`,
    "  std::string listen_addr;  // serve here",
    `  // Every other node, by id: {"node-0": "127.0.0.1:7100", ...}, its chaos agent: dial it.`,
    "  std::map<std::string, std::string> peers;",
    "  std::string data_dir;  // kept across kill and restart",
    "};",
    "",
    "std::string RequiredEnv(const char* name) {",
    "  const char* value = std::getenv(name);",
    '  if (value == nullptr) throw std::runtime_error(std::string(name) + " is not set");',
    "  return value;",
    "}",
    "",
    "Env ReadEnv() {",
    "  Env env;",
    `  env.node_id = RequiredEnv("${env.nodeId}");`,
    `  env.listen_addr = RequiredEnv("${env.listenAddr}");`,
    `  env.data_dir = RequiredEnv("${env.dataDir}");`,
    `  const char* peers = std::getenv("${env.peers}");`,
    '  std::stringstream items(peers == nullptr ? "" : peers);',
    "  std::string item;",
    "  while (std::getline(items, item, ',')) {",
    "    const auto eq = item.find('=');",
    "    if (eq != std::string::npos) env.peers[item.substr(0, eq)] = item.substr(eq + 1);",
    "  }",
    "  return env;",
    "}",
  ];
}

const stubField = (service: TemplateService): string => snake(service.name);

function peers(services: TemplateService[], ns: string): string[] {
  return [
    "// One peer: a channel to its address and a stub for each service. Call a stub with a",
    "// deadline (ClientContext::set_deadline): a partitioned peer never answers.",
    "struct Peer {",
    "  std::shared_ptr<grpc::Channel> channel;",
    ...services.map((s) => `  std::unique_ptr<${ns}::${s.name}::Stub> ${stubField(s)};`),
    "};",
    "",
    "std::map<std::string, Peer> DialPeers(const Env& env) {",
    "  // Reconnect quickly to a peer that restarts: grpc's default backoff grows to minutes.",
    "  grpc::ChannelArguments args;",
    "  args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 100);",
    "  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 1000);",
    "  std::map<std::string, Peer> peers;",
    "  for (const auto& [id, address] : env.peers) {",
    "    Peer& peer = peers[id];",
    "    peer.channel =",
    "        grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), args);",
    ...services.map((s) => `    peer.${stubField(s)} = ${ns}::${s.name}::NewStub(peer.channel);`),
    "  }",
    "  return peers;",
    "}",
  ];
}

function dataDir(): string[] {
  return [
    "// DATA_DIR survives a SIGKILL and a restart, so a file there is replaced whole: written to a",
    "// temporary file, fsynced, renamed over the old one, the folder fsynced. A kill at any",
    "// instant leaves the old contents or the new, never a torn file. Returns false on failure.",
    "bool WriteFileAtomically(const std::string& dir, const std::string& name,",
    "                         const std::string& contents) {",
    '  const std::string path = dir + "/" + name;',
    '  const std::string temp = path + ".tmp";',
    "  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);",
    "  if (fd < 0) return false;",
    "  size_t written = 0;",
    "  while (written < contents.size()) {",
    "    const ssize_t n = ::write(fd, contents.data() + written, contents.size() - written);",
    "    if (n < 0 && errno == EINTR) continue;",
    "    if (n < 0) {",
    "      ::close(fd);",
    "      return false;",
    "    }",
    "    written += static_cast<size_t>(n);",
    "  }",
    "  const bool synced = ::fsync(fd) == 0;",
    "  if (::close(fd) != 0 || !synced) return false;",
    "  if (::rename(temp.c_str(), path.c_str()) != 0) return false;",
    "  const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);",
    "  if (dir_fd < 0) return false;",
    "  const bool dir_synced = ::fsync(dir_fd) == 0;",
    "  ::close(dir_fd);",
    "  return dir_synced;",
    "}",
    "",
    "// A file of DATA_DIR, or nothing when it is not there (the node's first start).",
    "std::optional<std::string> ReadFile(const std::string& dir, const std::string& name) {",
    '  std::ifstream in(dir + "/" + name, std::ios::binary);',
    "  if (!in) return std::nullopt;",
    "  std::stringstream contents;",
    "  contents << in.rdbuf();",
    "  return contents.str();",
    "}",
  ];
}

function serviceClass(service: TemplateService, ns: string): string[] {
  return [
    `class ${service.name}Impl final : public ${ns}::${service.name}::Service {`,
    " public:",
    `  ${service.name}Impl(const Env& env, std::map<std::string, Peer>& peers)`,
    "      : env_(env), peers_(peers) {",
    "    // TODO: load your state from env_.data_dir (ReadFile); persist every change",
    "    // (WriteFileAtomically) before you answer anything that depends on it.",
    "  }",
    "",
    ...service.methods.flatMap((m) => [...method(m, ns), ""]).slice(0, -1),
    "",
    " private:",
    "  const Env& env_;",
    "  std::map<std::string, Peer>& peers_;",
    "  // gRPC calls arrive on several threads at once: guard all state with this mutex.",
    "  std::mutex mu_;",
    "};",
  ];
}

function method(m: TemplateMethod, ns: string): string[] {
  return [
    ...lineComments(m.comment, "  "),
    `  grpc::Status ${m.name}(grpc::ServerContext* context, const ${ns}::${m.request}* request,`,
    `${" ".repeat("  grpc::Status (".length + m.name.length)}${ns}::${m.response}* reply) override {`,
    "    // TODO",
    `    return grpc::Status(grpc::StatusCode::${notImplemented.name}, "${notImplemented.message}");`,
    "  }",
  ];
}

function mainFunction(services: TemplateService[]): string[] {
  const instance = (s: TemplateService): string => `${stubField(s)}_service`;
  return [
    "int main() {",
    "  const Env env = ReadEnv();",
    "  std::map<std::string, Peer> peers = DialPeers(env);",
    ...services.map((s) => `  ${s.name}Impl ${instance(s)}(env, peers);`),
    "  grpc::ServerBuilder builder;",
    "  builder.AddListeningPort(env.listen_addr, grpc::InsecureServerCredentials());",
    ...services.map((s) => `  builder.RegisterService(&${instance(s)});`),
    "  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();",
    "  if (!server) {",
    '    std::cerr << "cannot listen on " << env.listen_addr << std::endl;',
    "    return 1;",
    "  }",
    '  std::cout << env.node_id << " serving on " << env.listen_addr << std::endl;',
    "  server->Wait();",
    "  return 0;",
    "}",
  ];
}

/** "CounterNode" -> "counter_node". */
function snake(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .toLowerCase();
}
