// Token Bucket Rate Limiter: a Go node, generated from token_bucket.proto.
//
// The problem: problems/token-bucket/statement.md (also on the problem's page). This starter
// serves every RPC of token_bucket.proto on LISTEN_ADDR and answers each with UNIMPLEMENTED, so
// it fails every scenario until you fill in the TODOs.
//
// How it is built and started: the platform copies this folder into a GOPATH as the package
// "node", generates the stubs from token_bucket.proto as the package "clusterjudge/pb" (do not
// upload your own), and runs `go build` with Debian's Go 1.19 in GOPATH mode, offline, with
// CGO_ENABLED=0; the node is the resulting static binary, started with NODE_ID, LISTEN_ADDR,
// PEERS and DATA_DIR set.
//
// It may import the Go standard library, google.golang.org/grpc, google.golang.org/protobuf,
// github.com/golang/protobuf, the generated stubs "clusterjudge/pb" and your own packages
// "node/<folder>": code in a subfolder lib/ is imported as "node/lib". stdout and stderr are
// the node's log.
package main

import (
	"context"
	"fmt"
	"log"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"

	pb "clusterjudge/pb"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// Peer is one other node of the cluster, with a client per service; a client's connection is
// made lazily and reconnects by itself after the peer restarts.
type Peer struct {
	id              string
	tokenBucketNode pb.TokenBucketNodeClient
}

// Node is this node's state: every RPC handler shares it, so guard it with mu.
type Node struct {
	mu      sync.Mutex
	id      string
	peers   []Peer
	dataDir string
	// TODO: the problem's state, loaded from dataDir at start.
}

// tokenBucketNodeServer serves TokenBucketNode: every call runs on a goroutine of its own.
type tokenBucketNodeServer struct {
	pb.UnimplementedTokenBucketNodeServer
	node *Node
}

// Judge RPC: the limit, sent to every node before any Allow, and again to a node that
// restarted. Answer once it is in force.
func (s *tokenBucketNodeServer) Configure(ctx context.Context, req *pb.ConfigureRequest) (*pb.ConfigureReply, error) {
	// TODO: Configure: read req, update s.node under its lock, answer.
	return nil, status.Error(codes.Unimplemented, "not implemented yet")
}

// Client RPC: may one request on `key` go through now? A retry repeats the request_id
// at the same node, and must get the same answer and take no second token.
func (s *tokenBucketNodeServer) Allow(ctx context.Context, req *pb.AllowRequest) (*pb.AllowReply, error) {
	// TODO: Allow: read req, update s.node under its lock, answer.
	return nil, status.Error(codes.Unimplemented, "not implemented yet")
}

// Peer RPC, yours to use or not: one node asks another to decide a request (the
// reference sends each key's requests to the key's home node). The judge records
// every call.
func (s *tokenBucketNodeServer) Forward(ctx context.Context, req *pb.ForwardRequest) (*pb.ForwardReply, error) {
	// TODO: Forward: read req, update s.node under its lock, answer.
	return nil, status.Error(codes.Unimplemented, "not implemented yet")
}

// readPeers parses PEERS: "node-0=127.0.0.1:7100,node-2=127.0.0.1:7102".
func readPeers(value string) (map[string]string, error) {
	peers := map[string]string{}
	for _, item := range strings.Split(value, ",") {
		if item == "" {
			continue
		}
		id, addr, ok := strings.Cut(item, "=")
		if !ok || id == "" {
			return nil, fmt.Errorf("PEERS entry %q is not id=host:port", item)
		}
		peers[id] = addr
	}
	return peers, nil
}

func mustEnv(name string) string {
	value := os.Getenv(name)
	if value == "" {
		log.Fatalf("environment variable %s is not set", name)
	}
	return value
}

// writeFileAtomic replaces dataDir/name with data so that a SIGKILL at any instant leaves
// the old or the new content, never a torn one: a temporary file, fsync, rename, fsync the folder.
func writeFileAtomic(dataDir, name string, data []byte) error {
	path := filepath.Join(dataDir, name)
	tmp, err := os.CreateTemp(dataDir, name+".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	dir, err := os.Open(dataDir)
	if err != nil {
		return err
	}
	defer dir.Close()
	return dir.Sync()
}

// readFile returns dataDir/name, or nil and no error when it does not exist yet.
func readFile(dataDir, name string) ([]byte, error) {
	data, err := os.ReadFile(filepath.Join(dataDir, name))
	if os.IsNotExist(err) {
		return nil, nil
	}
	return data, err
}

func main() {
	node := &Node{id: mustEnv("NODE_ID"), dataDir: mustEnv("DATA_DIR")}
	listenAddr := mustEnv("LISTEN_ADDR")
	if err := os.MkdirAll(node.dataDir, 0o755); err != nil {
		log.Fatalf("cannot create %s: %v", node.dataDir, err)
	}
	// TODO: load this node's state with readFile(node.dataDir, ...).
	peers, err := readPeers(os.Getenv("PEERS"))
	if err != nil {
		log.Fatal(err)
	}
	for id, addr := range peers {
		// The address is the chaos agent's for that peer: just dial it.
		conn, err := grpc.Dial(addr, grpc.WithInsecure())
		if err != nil {
			log.Fatalf("cannot dial %s at %s: %v", id, addr, err)
		}
		node.peers = append(node.peers, Peer{id: id, tokenBucketNode: pb.NewTokenBucketNodeClient(conn)})
	}

	lis, err := net.Listen("tcp", listenAddr)
	if err != nil {
		log.Fatalf("cannot listen on %s: %v", listenAddr, err)
	}
	server := grpc.NewServer()
	pb.RegisterTokenBucketNodeServer(server, &tokenBucketNodeServer{node: node})
	log.Printf("%s listening on %s with %d peers", node.id, listenAddr, len(node.peers))
	// TODO: start this node's timers and background work (goroutines) here.
	if err := server.Serve(lis); err != nil {
		log.Fatal(err)
	}
}
