// The consensus core of one node: roles and terms, elections, the follower's side of
// AppendEntries, commit and apply. Every change of term or vote is on disk before any message
// that depends on it leaves, and appended entries are on disk before a follower acknowledges
// them. The leader's side lives in leader.go, one Leader per term led.
//
// One mutex (mu) guards all of it, the leader and the client waiters included: gRPC handlers,
// timers and RPC answers each run on goroutines of their own and take it first. Methods with
// a lower-case name expect it held.
package main

import (
	"context"
	"fmt"
	"log"
	"math/rand"
	"sort"
	"strings"
	"sync"
	"time"

	pb "clusterjudge/pb"
)

// Role is a node's role in its term.
type Role string

const (
	follower   Role = "follower"
	candidate  Role = "candidate"
	leaderRole Role = "leader"
)

// Applied is an applied entry: result is nil for a no-op or an operation that was not applied.
type Applied struct {
	index  uint64
	term   uint64
	result *OpResult
}

// Peer is another node and the client that reaches it.
type Peer struct {
	id     string
	client pb.ConsensusNodeClient
}

// RaftNode is one node's consensus state.
type RaftNode struct {
	mu          sync.Mutex
	nodeID      string
	clusterSize int
	meta        *MetaFile
	log         *LogFile
	machine     *StateMachine
	peers       []Peer
	random      *rand.Rand

	role Role
	term uint64
	// The leader of this term as far as this node knows, "" when none.
	leaderID    string
	votedFor    string
	commitIndex uint64
	lastApplied uint64
	votes       map[string]bool
	leader      *Leader
	// Each reset of the election timer gets a new generation: a timer that fires after it was
	// replaced sees an old one and does nothing.
	electionTimer *time.Timer
	electionGen   uint64
	// How many entries of the log hold each client operation.
	opsInLog         map[string]int
	onApplied        func(Applied)
	onLeadershipLost func()
}

func newRaftNode(env NodeEnv, meta *MetaFile, logFile *LogFile, peers []Peer) (*RaftNode, error) {
	hard, err := meta.load()
	if err != nil {
		return nil, err
	}
	seed := time.Now().UnixNano()
	for _, c := range env.nodeID {
		seed = seed*31 + int64(c)
	}
	n := &RaftNode{
		nodeID:           env.nodeID,
		clusterSize:      env.clusterSize,
		meta:             meta,
		log:              logFile,
		machine:          newStateMachine(),
		peers:            peers,
		random:           rand.New(rand.NewSource(seed)),
		role:             follower,
		term:             hard.Term,
		votedFor:         hard.VotedFor,
		opsInLog:         map[string]int{},
		onApplied:        func(Applied) {},
		onLeadershipLost: func() {},
	}
	for i := uint64(1); i <= logFile.lastIndex(); i++ {
		n.track([]Entry{logFile.entry(i)}, 1)
	}
	return n, nil
}

func (n *RaftNode) start() {
	n.mu.Lock()
	defer n.mu.Unlock()
	fresh := n.term == 0 && n.log.lastIndex() == 0
	if fresh && n.nodeID == "node-0" {
		n.resetElectionTimer(firstElectionNode0)
	} else {
		n.resetElectionTimer(0)
	}
	n.say("started with %d log entries, voted for %q", n.log.lastIndex(), n.votedFor)
}

// hasOp says whether some entry of this node's log holds the client's operation.
func (n *RaftNode) hasOp(clientID string, sequence uint64) bool {
	return n.opsInLog[opKey(clientID, sequence)] > 0
}

// propose appends a client operation as leader; ok is false when this node is not the leader.
func (n *RaftNode) propose(c ClientCommand) (index, term uint64, ok bool) {
	if n.role != leaderRole || n.leader == nil {
		return 0, 0, false
	}
	index = n.appendLocal([]Entry{{term: n.term, command: encodeCommand(c)}})
	n.leader.entriesAppended()
	return index, n.term, true
}

func (n *RaftNode) handleRequestVote(req *pb.VoteRequest) *pb.VoteResponse {
	if req.Term > n.term {
		n.becomeFollower(req.Term, "")
	}
	lastTerm := n.log.termAt(n.log.lastIndex())
	upToDate := req.LastLogTerm > lastTerm ||
		(req.LastLogTerm == lastTerm && req.LastLogIndex >= n.log.lastIndex())
	free := n.votedFor == "" || n.votedFor == req.CandidateId
	grant := req.Term == n.term && free && upToDate
	if grant {
		n.votedFor = req.CandidateId
		n.persist()
		n.resetElectionTimer(0)
	}
	return &pb.VoteResponse{Term: n.term, VoteGranted: grant}
}

func (n *RaftNode) handleAppendEntries(req *pb.AppendRequest) *pb.AppendResponse {
	reply := func(success bool, conflictTerm, conflictIndex uint64) *pb.AppendResponse {
		return &pb.AppendResponse{
			Term: n.term, Success: success, ConflictTerm: conflictTerm, ConflictIndex: conflictIndex,
		}
	}
	if req.Term < n.term {
		return reply(false, 0, 0)
	}
	if req.Term > n.term || n.role != follower || n.leaderID != req.LeaderId {
		n.becomeFollower(req.Term, req.LeaderId)
	}
	n.resetElectionTimer(0)
	prev := req.PrevLogIndex
	if conflict, term, index := n.logConflict(prev, req.PrevLogTerm); conflict {
		return reply(false, term, index)
	}
	n.storeEntries(prev, req.Entries)
	lastNew := prev + uint64(len(req.Entries))
	commit := req.LeaderCommit
	if lastNew < commit {
		commit = lastNew
	}
	if commit > n.commitIndex {
		n.commitTo(commit)
	}
	return reply(true, 0, 0)
}

// logConflict says why this log does not hold the leader's entry prev, if it does not.
func (n *RaftNode) logConflict(prev, prevTerm uint64) (conflict bool, term, index uint64) {
	if prev > n.log.lastIndex() {
		return true, 0, n.log.lastIndex() + 1
	}
	term = n.log.termAt(prev)
	if term != prevTerm {
		return true, term, n.log.firstIndexOfTerm(term)
	}
	return false, 0, 0
}

// storeEntries makes entries prev+1… match the leader's: entries already held are kept (a late
// or repeated message must not cut off newer ones), the first conflicting one and everything
// after it are replaced. Durable before returning.
func (n *RaftNode) storeEntries(prev uint64, entries []*pb.LogEntry) {
	k := 0
	for k < len(entries) && prev+1+uint64(k) <= n.log.lastIndex() {
		if n.log.termAt(prev+1+uint64(k)) != entries[k].Term {
			break
		}
		k++
	}
	if k < len(entries) {
		if prev+1+uint64(k) <= n.log.lastIndex() {
			n.track(n.log.truncateFrom(prev+1+uint64(k)), -1)
		}
		fresh := make([]Entry, 0, len(entries)-k)
		for _, e := range entries[k:] {
			fresh = append(fresh, Entry{term: e.Term, command: e.Command})
		}
		n.appendLocal(fresh)
	}
	// Also when nothing was new: entries this node appended as leader may not be on disk yet.
	n.log.sync()
}

func (n *RaftNode) appendLocal(entries []Entry) uint64 {
	n.track(entries, 1)
	return n.log.append(entries)
}

func (n *RaftNode) track(entries []Entry, delta int) {
	for _, e := range entries {
		c := decodeCommand(e.command)
		if c == nil {
			continue
		}
		key := opKey(c.ClientID, c.Sequence)
		if count := n.opsInLog[key] + delta; count > 0 {
			n.opsInLog[key] = count
		} else {
			delete(n.opsInLog, key)
		}
	}
}

func (n *RaftNode) commitTo(index uint64) {
	n.commitIndex = index
	for n.lastApplied < n.commitIndex {
		n.lastApplied++
		entry := n.log.entry(n.lastApplied)
		var result *OpResult
		if c := decodeCommand(entry.command); c != nil {
			result = n.machine.apply(c)
		}
		n.onApplied(Applied{index: n.lastApplied, term: entry.term, result: result})
	}
}

func (n *RaftNode) campaign() {
	n.term++
	n.role = candidate
	n.leaderID = ""
	n.votedFor = n.nodeID
	n.persist()
	n.votes = map[string]bool{n.nodeID: true}
	n.resetElectionTimer(0)
	n.say("campaigning")
	if n.hasMajority(len(n.votes)) {
		n.becomeLeader()
		return
	}
	req := &pb.VoteRequest{
		Term:         n.term,
		CandidateId:  n.nodeID,
		LastLogIndex: n.log.lastIndex(),
		LastLogTerm:  n.log.termAt(n.log.lastIndex()),
	}
	for _, peer := range n.peers {
		go n.askVote(peer, req)
	}
}

func (n *RaftNode) askVote(peer Peer, req *pb.VoteRequest) {
	ctx, cancel := context.WithTimeout(context.Background(), voteDeadline)
	res, err := peer.client.RequestVote(ctx, req)
	cancel()
	if err != nil {
		return
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if res.Term > n.term {
		n.becomeFollower(res.Term, "")
		return
	}
	if n.role != candidate || n.term != req.Term || !res.VoteGranted {
		return
	}
	n.votes[peer.id] = true
	if n.hasMajority(len(n.votes)) {
		n.becomeLeader()
	}
}

func (n *RaftNode) becomeLeader() {
	n.role = leaderRole
	n.leaderID = n.nodeID
	n.clearElectionTimer()
	voters := make([]string, 0, len(n.votes))
	for id := range n.votes {
		voters = append(voters, id)
	}
	sort.Strings(voters)
	n.say("leader with votes from %s", strings.Join(voters, ","))
	term := n.term
	n.leader = newLeader(n, term)
	// The no-op lets this term commit, and with it every entry of earlier terms.
	n.appendLocal([]Entry{{term: term, command: nil}})
	n.leader.entriesAppended()
}

func (n *RaftNode) becomeFollower(term uint64, leaderID string) {
	before := string(n.role) + "/" + n.leaderID
	wasLeader := n.role == leaderRole
	if term > n.term {
		n.term = term
		n.votedFor = ""
		n.persist()
	}
	if n.role != follower {
		n.resetElectionTimer(0)
	}
	n.role = follower
	n.leaderID = leaderID
	if wasLeader {
		if n.leader != nil {
			n.leader.stop()
		}
		n.leader = nil
		n.onLeadershipLost()
	}
	if before != string(follower)+"/"+leaderID {
		who := leaderID
		if who == "" {
			who = "nobody yet"
		}
		n.say("follower of %s", who)
	}
}

func (n *RaftNode) hasMajority(count int) bool {
	return count*2 > n.clusterSize
}

func (n *RaftNode) persist() {
	if err := n.meta.save(HardState{Term: n.term, VotedFor: n.votedFor}); err != nil {
		log.Fatalf("cannot save the term and vote: %v", err)
	}
}

// resetElectionTimer starts the election timer anew: after d, or a random timeout when d is 0.
func (n *RaftNode) resetElectionTimer(d time.Duration) {
	n.clearElectionTimer()
	if d == 0 {
		spread := int64(electionTimeoutMax - electionTimeoutMin)
		d = electionTimeoutMin + time.Duration(n.random.Int63n(spread))
	}
	gen := n.electionGen
	n.electionTimer = time.AfterFunc(d, func() {
		n.mu.Lock()
		defer n.mu.Unlock()
		if n.electionGen == gen {
			n.campaign()
		}
	})
}

func (n *RaftNode) clearElectionTimer() {
	n.electionGen++
	if n.electionTimer != nil {
		n.electionTimer.Stop()
	}
	n.electionTimer = nil
}

func (n *RaftNode) say(format string, args ...any) {
	log.Printf("%s term %d: %s", n.nodeID, n.term, fmt.Sprintf(format, args...))
}
