// Rendezvous Hashing: a Go node, generated from rendezvous_hashing.proto.
//
// The problem: problems/rendezvous-hashing/statement.md (also on the problem's page). This
// starter serves every RPC of rendezvous_hashing.proto on LISTEN_ADDR and answers each with
// UNIMPLEMENTED, so it fails every scenario until you fill in the TODOs.
//
// How it is built and started: the platform copies this folder into a GOPATH as the package
// "node", generates the stubs from rendezvous_hashing.proto as the package "clusterjudge/pb"
// (do not upload your own), and runs `go build` with Debian's Go 1.19 in GOPATH mode, offline,
// with CGO_ENABLED=0; the node is the resulting static binary, started with NODE_ID,
// LISTEN_ADDR, PEERS and DATA_DIR set.
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
	id        string
	shardNode pb.ShardNodeClient
}

// Node is this node's state: every RPC handler shares it, so guard it with mu.
type Node struct {
	mu      sync.Mutex
	id      string
	peers   []Peer
	dataDir string
	// TODO: the problem's state, loaded from dataDir at start.
}

// shardNodeServer serves ShardNode: every call runs on a goroutine of its own.
type shardNodeServer struct {
	pb.UnimplementedShardNodeServer
	node *Node
}

// Client calls, at any node: answered by the key's owner, forwarded there when it is another.
func (s *shardNodeServer) Put(ctx context.Context, req *pb.PutRequest) (*pb.PutReply, error) {
	// TODO: Put: read req, update s.node under its lock, answer.
	return nil, status.Error(codes.Unimplemented, "not implemented yet")
}

func (s *shardNodeServer) Get(ctx context.Context, req *pb.GetRequest) (*pb.GetReply, error) {
	// TODO: Get: read req, update s.node under its lock, answer.
	return nil, status.Error(codes.Unimplemented, "not implemented yet")
}

// The judge as the membership service: the new membership, at every node.
func (s *shardNodeServer) SetMembership(ctx context.Context, req *pb.MembershipRequest) (*pb.MembershipReply, error) {
	// TODO: SetMembership: read req, update s.node under its lock, answer.
	return nil, status.Error(codes.Unimplemented, "not implemented yet")
}

// The judge reads this node's view: the owner of each key under its current membership.
func (s *shardNodeServer) Owners(ctx context.Context, req *pb.OwnersRequest) (*pb.OwnersReply, error) {
	// TODO: Owners: read req, update s.node under its lock, answer.
	return nil, status.Error(codes.Unimplemented, "not implemented yet")
}

// Between nodes: a client call passed on to the key's owner.
func (s *shardNodeServer) ForwardPut(ctx context.Context, req *pb.ForwardPutRequest) (*pb.PutReply, error) {
	// TODO: ForwardPut: read req, update s.node under its lock, answer.
	return nil, status.Error(codes.Unimplemented, "not implemented yet")
}

func (s *shardNodeServer) ForwardGet(ctx context.Context, req *pb.ForwardGetRequest) (*pb.GetReply, error) {
	// TODO: ForwardGet: read req, update s.node under its lock, answer.
	return nil, status.Error(codes.Unimplemented, "not implemented yet")
}

// Between nodes: after installing epoch `epoch`, the keys this node holds that `to` owns.
func (s *shardNodeServer) Transfer(ctx context.Context, req *pb.TransferRequest) (*pb.TransferReply, error) {
	// TODO: Transfer: read req, update s.node under its lock, answer.
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
		node.peers = append(node.peers, Peer{id: id, shardNode: pb.NewShardNodeClient(conn)})
	}

	lis, err := net.Listen("tcp", listenAddr)
	if err != nil {
		log.Fatalf("cannot listen on %s: %v", listenAddr, err)
	}
	server := grpc.NewServer()
	pb.RegisterShardNodeServer(server, &shardNodeServer{node: node})
	log.Printf("%s listening on %s with %d peers", node.id, listenAddr, len(node.peers))
	// TODO: start this node's timers and background work (goroutines) here.
	if err := server.Serve(lis); err != nil {
		log.Fatal(err)
	}
}
