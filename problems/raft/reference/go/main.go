// Reference Raft key-value node in Go, a port of the TypeScript reference: the platform builds
// it with `go build` (languages/go/toolchain/build.ts) and runs the binary with the node
// contract's environment (NODE_ID, CLUSTER_SIZE, LISTEN_ADDR, PEERS, DATA_DIR).
package main

import (
	"context"
	"log"
	"net"
	"os"
	"time"

	pb "clusterjudge/pb"
	"google.golang.org/grpc"
	"google.golang.org/grpc/backoff"
)

// server adapts the gRPC service to the node: each handler takes the node's mutex.
type server struct {
	pb.UnimplementedConsensusNodeServer
	node    *RaftNode
	clients *ClientRequests
}

func (s *server) RequestVote(_ context.Context, req *pb.VoteRequest) (*pb.VoteResponse, error) {
	s.node.mu.Lock()
	defer s.node.mu.Unlock()
	return s.node.handleRequestVote(req), nil
}

func (s *server) AppendEntries(_ context.Context, req *pb.AppendRequest) (*pb.AppendResponse, error) {
	s.node.mu.Lock()
	defer s.node.mu.Unlock()
	return s.node.handleAppendEntries(req), nil
}

func (s *server) ClientRequest(ctx context.Context, req *pb.ClientRequest) (*pb.ClientResponse, error) {
	return s.clients.handle(ctx, req)
}

func main() {
	log.SetFlags(log.Ltime | log.Lmicroseconds)
	env, err := readEnv()
	if err != nil {
		log.Fatal(err)
	}
	if err := os.MkdirAll(env.dataDir, 0o755); err != nil {
		log.Fatalf("cannot create %s: %v", env.dataDir, err)
	}
	logFile, dropped, err := openLog(env.dataDir)
	if err != nil {
		log.Fatalf("cannot open the log: %v", err)
	}
	if dropped > 0 {
		log.Printf("dropped a torn log tail of %d bytes", dropped)
	}

	// Reconnect quickly to a peer that restarts: the default backoff grows to two minutes.
	reconnect := grpc.WithConnectParams(grpc.ConnectParams{
		Backoff:           backoff.Config{BaseDelay: 100 * time.Millisecond, Multiplier: 1.6, Jitter: 0.2, MaxDelay: time.Second},
		MinConnectTimeout: time.Second,
	})
	var peers []Peer
	for _, id := range env.peerIDs {
		conn, err := grpc.Dial(env.peerAddrs[id], grpc.WithInsecure(), reconnect)
		if err != nil {
			log.Fatalf("cannot dial %s: %v", id, err)
		}
		peers = append(peers, Peer{id: id, client: pb.NewConsensusNodeClient(conn)})
	}
	node, err := newRaftNode(env, newMetaFile(env.dataDir), logFile, peers)
	if err != nil {
		log.Fatalf("cannot load the term and vote: %v", err)
	}
	clients := newClientRequests(node)

	lis, err := net.Listen("tcp", env.listenAddr)
	if err != nil {
		log.Fatalf("cannot listen on %s: %v", env.listenAddr, err)
	}
	grpcServer := grpc.NewServer()
	pb.RegisterConsensusNodeServer(grpcServer, &server{node: node, clients: clients})
	log.Printf("%s listening on %s", env.nodeID, env.listenAddr)
	node.start()
	if err := grpcServer.Serve(lis); err != nil {
		log.Fatal(err)
	}
}
