// Raft key-value node in Go: the starter.
//
// This node starts, serves every RPC of raft.proto on LISTEN_ADDR and answers honestly that it
// can do nothing yet: it grants no votes, accepts no entries and answers every client with
// NOT_LEADER and no hint. It fails every scenario until you fill in the TODOs. The problem page
// (problems/raft/statement.md, also on the problem's page in the UI) is the contract; read it
// first.
//
// How it is built and started: the platform copies this folder into a GOPATH as the package
// "node", generates the stubs from raft.proto as the package "clusterjudge/pb" (do not upload
// your own), and runs `go build` with Debian's Go 1.19 in GOPATH mode, offline, with
// CGO_ENABLED=0; the node is the resulting static binary. Only the standard library,
// google.golang.org/grpc, google.golang.org/protobuf, github.com/golang/protobuf, the stubs and
// your own packages (a subfolder lib/ is imported as "node/lib") are available. stdout and
// stderr are your node's log, shown with the result: log role changes and terms, not every RPC.
package main

import (
	"context"
	"fmt"
	"log"
	"net"
	"os"
	"strconv"
	"strings"
	"sync"

	pb "clusterjudge/pb"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// Env is the node contract: who this node is and whom it talks to.
type Env struct {
	NodeID      string            // "node-2"
	ClusterSize int               // 5
	ListenAddr  string            // serve here
	Peers       map[string]string // every other node: {"node-0": "127.0.0.1:7100", ...}
	DataDir     string            // kept across kill and restart
}

func readEnv() (Env, error) {
	env := Env{
		NodeID:     os.Getenv("NODE_ID"),
		ListenAddr: os.Getenv("LISTEN_ADDR"),
		DataDir:    os.Getenv("DATA_DIR"),
		Peers:      map[string]string{},
	}
	size, err := strconv.Atoi(os.Getenv("CLUSTER_SIZE"))
	if err != nil || env.NodeID == "" || env.ListenAddr == "" || env.DataDir == "" {
		return env, fmt.Errorf("NODE_ID, CLUSTER_SIZE, LISTEN_ADDR and DATA_DIR must be set")
	}
	env.ClusterSize = size
	for _, item := range strings.Split(os.Getenv("PEERS"), ",") {
		if id, addr, ok := strings.Cut(item, "="); ok {
			env.Peers[id] = addr // the chaos agent's address for that peer: just dial it
		}
	}
	return env, nil
}

// RaftNode serves raft.proto. gRPC calls arrive on goroutines of their own: guard all state
// with mu.
type RaftNode struct {
	pb.UnimplementedConsensusNodeServer
	mu          sync.Mutex
	env         Env
	currentTerm uint64
	votedFor    string
	log         []*pb.LogEntry // index 1 is log[0]
	peers       map[string]pb.ConsensusNodeClient
	// TODO: load currentTerm, votedFor and the log from env.DataDir. Every change to them must
	// reach the disk (write a temporary file, f.Sync(), os.Rename; or an append-only file with
	// checksummed records) before you answer an RPC that depends on it: the node can be killed
	// with SIGKILL at any instant.
	// TODO: volatile state: commit index, last applied, role, leader id; on a leader,
	// nextIndex and matchIndex per peer.
	// TODO: the state machine (a map of key -> value) and, per client, its latest sequence
	// with its result, rebuilt by applying the log.
	// TODO: an election timer (randomized, a few hundred ms, time.AfterFunc) and, as leader,
	// heartbeats; call peers with a deadline: context.WithTimeout(ctx, 500*time.Millisecond).
}

func (n *RaftNode) RequestVote(_ context.Context, req *pb.VoteRequest) (*pb.VoteResponse, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	// TODO: grant the vote when req.Term is current, this node has not voted for another
	// candidate in it, and the candidate's log is at least as up to date as this one's.
	return &pb.VoteResponse{Term: n.currentTerm, VoteGranted: false}, nil
}

func (n *RaftNode) AppendEntries(_ context.Context, req *pb.AppendRequest) (*pb.AppendResponse, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	// TODO: reject an old term; check prev_log_index/prev_log_term; store the entries
	// durably; advance the commit index to min(leader_commit, last new index) and apply.
	return &pb.AppendResponse{Term: n.currentTerm, Success: false}, nil
}

func (n *RaftNode) ClientRequest(_ context.Context, req *pb.ClientRequest) (*pb.ClientResponse, error) {
	if req.ClientId == "" || req.Op == pb.Operation_OPERATION_UNSPECIFIED {
		return nil, status.Error(codes.InvalidArgument, "client_id and op are required")
	}
	// TODO: as leader, append the operation, wait until it is applied, answer OK with its
	// result (or the remembered one for a retry). Otherwise NOT_LEADER with leader_hint, or
	// UNAVAILABLE when the operation is in this node's log but its fate is unknown.
	return &pb.ClientResponse{Status: pb.Status_NOT_LEADER, LeaderHint: ""}, nil
}

func main() {
	env, err := readEnv()
	if err != nil {
		log.Fatal(err)
	}
	if err := os.MkdirAll(env.DataDir, 0o755); err != nil {
		log.Fatal(err)
	}
	node := &RaftNode{env: env, peers: map[string]pb.ConsensusNodeClient{}}
	for id, addr := range env.Peers {
		conn, err := grpc.Dial(addr, grpc.WithInsecure())
		if err != nil {
			log.Fatalf("cannot dial %s: %v", id, err)
		}
		node.peers[id] = pb.NewConsensusNodeClient(conn)
	}
	lis, err := net.Listen("tcp", env.ListenAddr)
	if err != nil {
		log.Fatalf("cannot listen on %s: %v", env.ListenAddr, err)
	}
	server := grpc.NewServer()
	pb.RegisterConsensusNodeServer(server, node)
	log.Printf("%s listening on %s", env.NodeID, env.ListenAddr)
	if err := server.Serve(lis); err != nil {
		log.Fatal(err)
	}
}
