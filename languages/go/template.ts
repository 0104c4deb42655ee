// The Go starter for any problem: one main.go that serves every service of the proto on
// LISTEN_ADDR with every RPC answering UNIMPLEMENTED, reads the node contract's environment,
// dials a client per peer and offers DATA_DIR helpers (atomic write, read). Built by
// toolchain/build.ts, which puts the stubs at the import path "clusterjudge/pb".
import {
  NODE_CONTRACT,
  type TemplateGenerator,
  type TemplateMethod,
  type TemplateService,
} from "../template-input.ts";
import { commentBlock, lineComments, starterIntro } from "../template-text.ts";
import { availableImports, nodeImportPath, stubsImportPath } from "./packages.ts";

/** A proto name as protoc-gen-go spells it in Go: "append_entries" -> "AppendEntries". */
export const goName = (name: string): string =>
  name
    .split("_")
    .map((part, i) => (i === 0 || /^[a-z]/.test(part) ? upperFirst(part) : `_${part}`))
    .join("");

const upperFirst = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

function method(service: TemplateService, m: TemplateMethod): string {
  const receiver = `${lowerFirst(goName(service.name))}Server`;
  return `${lineComments(m.comment, "")
    .map((l) => `${l}\n`)
    .join(
      "",
    )}func (s *${receiver}) ${goName(m.name)}(ctx context.Context, req *pb.${goName(m.request)}) (*pb.${goName(m.response)}, error) {
\t// TODO: ${m.name}: read req, update s.node under its lock, answer.
\treturn nil, status.Error(codes.${upperFirst(NODE_CONTRACT.notImplemented.name.toLowerCase())}, ${JSON.stringify(NODE_CONTRACT.notImplemented.message)})
}
`;
}

function server(service: TemplateService): string {
  const name = goName(service.name);
  return `// ${lowerFirst(name)}Server serves ${service.name}: every call runs on a goroutine of its own.
type ${lowerFirst(name)}Server struct {
\tpb.Unimplemented${name}Server
\tnode *Node
}

${service.methods.map((m) => method(service, m)).join("\n")}`;
}

export const goTemplate: TemplateGenerator = (input) => {
  const env = NODE_CONTRACT.env;
  const services = input.services;
  // gofmt aligns the field types of a struct.
  const fieldNames = ["id", ...services.map((s) => lowerFirst(goName(s.name)))];
  const width = Math.max(...fieldNames.map((n) => n.length));
  const peerFields = [
    `\t${"id".padEnd(width)} string`,
    ...services.map(
      (s) => `\t${lowerFirst(goName(s.name)).padEnd(width)} pb.${goName(s.name)}Client`,
    ),
  ].join("\n");
  const clientValues = services
    .map((s) => `${lowerFirst(goName(s.name))}: pb.New${goName(s.name)}Client(conn)`)
    .join(", ");
  const registrations = services
    .map(
      (s) =>
        `\tpb.Register${goName(s.name)}Server(server, &${lowerFirst(goName(s.name))}Server{node: node})`,
    )
    .join("\n");
  const header = [
    `${input.title}: a Go node, generated from ${input.protoFile}.`,
    starterIntro(input),
    `How it is built and started: the platform copies this folder into a GOPATH as the package "${nodeImportPath}", generates the stubs from ${input.protoFile} as the package "${stubsImportPath}" (do not upload your own), and runs \`go build\` with Debian's Go 1.19 in GOPATH mode, offline, with CGO_ENABLED=0; the node is the resulting static binary, started with ${env.nodeId}, ${env.listenAddr}, ${env.peers} and ${env.dataDir} set.`,
    `It may import ${availableImports}: code in a subfolder lib/ is imported as "${nodeImportPath}/lib". stdout and stderr are the node's log.`,
  ];
  const main = `${commentBlock(header, "// ", 96).join("\n")}
package main

import (
\t"context"
\t"fmt"
\t"log"
\t"net"
\t"os"
\t"path/filepath"
\t"strings"
\t"sync"

\tpb "${stubsImportPath}"
\t"google.golang.org/grpc"
\t"google.golang.org/grpc/codes"
\t"google.golang.org/grpc/status"
)

// Peer is one other node of the cluster, with a client per service; a client's connection is
// made lazily and reconnects by itself after the peer restarts.
type Peer struct {
${peerFields}
}

// Node is this node's state: every RPC handler shares it, so guard it with mu.
type Node struct {
\tmu      sync.Mutex
\tid      string
\tpeers   []Peer
\tdataDir string
\t// TODO: the problem's state, loaded from dataDir at start.
}

${services.map(server).join("\n")}
// readPeers parses ${env.peers}: "node-0=127.0.0.1:7100,node-2=127.0.0.1:7102".
func readPeers(value string) (map[string]string, error) {
\tpeers := map[string]string{}
\tfor _, item := range strings.Split(value, ",") {
\t\tif item == "" {
\t\t\tcontinue
\t\t}
\t\tid, addr, ok := strings.Cut(item, "=")
\t\tif !ok || id == "" {
\t\t\treturn nil, fmt.Errorf("${env.peers} entry %q is not id=host:port", item)
\t\t}
\t\tpeers[id] = addr
\t}
\treturn peers, nil
}

func mustEnv(name string) string {
\tvalue := os.Getenv(name)
\tif value == "" {
\t\tlog.Fatalf("environment variable %s is not set", name)
\t}
\treturn value
}

// writeFileAtomic replaces dataDir/name with data so that a SIGKILL at any instant leaves
// the old or the new content, never a torn one: a temporary file, fsync, rename, fsync the folder.
func writeFileAtomic(dataDir, name string, data []byte) error {
\tpath := filepath.Join(dataDir, name)
\ttmp, err := os.CreateTemp(dataDir, name+".tmp-*")
\tif err != nil {
\t\treturn err
\t}
\tdefer os.Remove(tmp.Name())
\tif _, err := tmp.Write(data); err != nil {
\t\ttmp.Close()
\t\treturn err
\t}
\tif err := tmp.Sync(); err != nil {
\t\ttmp.Close()
\t\treturn err
\t}
\tif err := tmp.Close(); err != nil {
\t\treturn err
\t}
\tif err := os.Rename(tmp.Name(), path); err != nil {
\t\treturn err
\t}
\tdir, err := os.Open(dataDir)
\tif err != nil {
\t\treturn err
\t}
\tdefer dir.Close()
\treturn dir.Sync()
}

// readFile returns dataDir/name, or nil and no error when it does not exist yet.
func readFile(dataDir, name string) ([]byte, error) {
\tdata, err := os.ReadFile(filepath.Join(dataDir, name))
\tif os.IsNotExist(err) {
\t\treturn nil, nil
\t}
\treturn data, err
}

func main() {
\tnode := &Node{id: mustEnv("${env.nodeId}"), dataDir: mustEnv("${env.dataDir}")}
\tlistenAddr := mustEnv("${env.listenAddr}")
\tif err := os.MkdirAll(node.dataDir, 0o755); err != nil {
\t\tlog.Fatalf("cannot create %s: %v", node.dataDir, err)
\t}
\t// TODO: load this node's state with readFile(node.dataDir, ...).
\tpeers, err := readPeers(os.Getenv("${env.peers}"))
\tif err != nil {
\t\tlog.Fatal(err)
\t}
\tfor id, addr := range peers {
\t\t// The address is the chaos agent's for that peer: just dial it.
\t\tconn, err := grpc.Dial(addr, grpc.WithInsecure())
\t\tif err != nil {
\t\t\tlog.Fatalf("cannot dial %s at %s: %v", id, addr, err)
\t\t}
\t\tnode.peers = append(node.peers, Peer{id: id, ${clientValues}})
\t}

\tlis, err := net.Listen("tcp", listenAddr)
\tif err != nil {
\t\tlog.Fatalf("cannot listen on %s: %v", listenAddr, err)
\t}
\tserver := grpc.NewServer()
${registrations}
\tlog.Printf("%s listening on %s with %d peers", node.id, listenAddr, len(node.peers))
\t// TODO: start this node's timers and background work (goroutines) here.
\tif err := server.Serve(lis); err != nil {
\t\tlog.Fatal(err)
\t}
}
`;
  return { "main.go": main };
};
