// The node contract's environment, and every timing and size limit of this node with its
// reason (the same as the TypeScript reference's config.ts).
package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

const (
	// Election timeouts are drawn uniformly from this range: wide enough to break most ties
	// even when a loaded machine delays a new leader's first heartbeat by tens of milliseconds.
	electionTimeoutMin = 400 * time.Millisecond
	electionTimeoutMax = 800 * time.Millisecond
	// A fresh node-0 (empty log, term 0) campaigns this early so a new cluster has a leader fast.
	firstElectionNode0 = 150 * time.Millisecond
	// An idle leader sends each follower one AppendEntries this often: 10/s, the spec asks 2–20/s.
	heartbeatIntervalMs = 100.0
	// While no entry was appended for busyWindowMs (no client is waiting), two AppendEntries to
	// one follower are never closer than sendGapMsMin: at most ~16/s even while it catches up.
	// While clients wait, entries go out as soon as the previous call returns.
	sendGapMsMin = 60.0
	busyWindowMs = 300.0
	// Peer calls give up after these; a black-holed call must not hold a slot forever.
	appendDeadline = 500 * time.Millisecond
	voteDeadline   = 300 * time.Millisecond
	// A call with entries unanswered this long is probably lost: the entries go again beside it.
	entriesResendMs = 200.0
	// AppendEntries calls open at once to one follower (heartbeats pile up behind a black hole).
	inflightPerPeerMax = 8
	// One AppendEntries carries at most this many entries and bytes of commands (gRPC allows 4 MiB).
	batchEntriesMax = 1000
	batchBytesMax   = 512 * 1024
	// A client operation not applied by then is answered UNAVAILABLE: the client's deadline is 1 s.
	clientAnswerMax = 800 * time.Millisecond
	// The answer leaves this much before the client's own deadline, for the trip back.
	clientDeadlineMargin = 100 * time.Millisecond
	// A leader that heard from no majority for this long steps down (it could not commit anyway).
	stepDownAfterMs = 1500.0
)

// NodeEnv is the node contract's environment.
type NodeEnv struct {
	nodeID      string
	clusterSize int
	listenAddr  string
	// Every other node's id and the address to dial it at, sorted by id.
	peerIDs   []string
	peerAddrs map[string]string
	dataDir   string
}

func readEnv() (NodeEnv, error) {
	env := NodeEnv{peerAddrs: map[string]string{}}
	need := func(name string) (string, error) {
		value := os.Getenv(name)
		if value == "" {
			return "", fmt.Errorf("environment variable %s is not set", name)
		}
		return value, nil
	}
	var err error
	if env.nodeID, err = need("NODE_ID"); err != nil {
		return env, err
	}
	if env.listenAddr, err = need("LISTEN_ADDR"); err != nil {
		return env, err
	}
	if env.dataDir, err = need("DATA_DIR"); err != nil {
		return env, err
	}
	size, err := need("CLUSTER_SIZE")
	if err != nil {
		return env, err
	}
	if env.clusterSize, err = strconv.Atoi(size); err != nil {
		return env, fmt.Errorf("CLUSTER_SIZE %q is not a number", size)
	}
	// A one-node cluster has no peers, so PEERS may be empty.
	for _, item := range strings.Split(os.Getenv("PEERS"), ",") {
		if item == "" {
			continue
		}
		id, addr, ok := strings.Cut(item, "=")
		if !ok || id == "" {
			return env, fmt.Errorf("PEERS entry %q is not id=host:port", item)
		}
		env.peerIDs = append(env.peerIDs, id)
		env.peerAddrs[id] = addr
	}
	return env, nil
}
