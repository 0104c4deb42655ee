// One term of leadership: per-follower progress, heartbeats, log replication with fast back-up
// (conflict_term / conflict_index), and the commit rule: an index is committed when a majority
// holds it and it belongs to this term (earlier terms' entries commit with it, never alone).
// One call carrying entries is open per follower (another goes out beside it only when it
// looks lost), and heartbeats without entries keep flowing meanwhile. When idle, sends to one
// follower are spaced at least sendGapMsMin apart. Every method runs under the node's mutex.
package main

import (
	"context"
	"math"
	"sort"
	"time"

	pb "clusterjudge/pb"
)

type followerProgress struct {
	peer              Peer
	nextIndex         uint64
	matchIndex        uint64
	lastSendMs        float64
	lastContactMs     float64
	inflight          int
	entriesInflight   int
	lastEntriesSendMs float64
	sendTimer         *time.Timer
}

// Leader is this node's leadership of one term.
type Leader struct {
	node           *RaftNode
	term           uint64
	followers      []*followerProgress
	sinceMs        float64
	lastAppendMs   float64
	flushScheduled bool
	stopped        bool
	stopTicker     chan struct{}
}

// processStart anchors nowMs: time.Since reads the monotonic clock.
var processStart = time.Now()

func nowMs() float64 { return float64(time.Since(processStart)) / float64(time.Millisecond) }

func newLeader(node *RaftNode, term uint64) *Leader {
	l := &Leader{
		node:         node,
		term:         term,
		sinceMs:      nowMs(),
		lastAppendMs: math.Inf(-1),
		stopTicker:   make(chan struct{}),
	}
	for _, peer := range node.peers {
		l.followers = append(l.followers, &followerProgress{
			peer:              peer,
			nextIndex:         node.log.lastIndex() + 1,
			lastSendMs:        math.Inf(-1),
			lastContactMs:     l.sinceMs,
			lastEntriesSendMs: math.Inf(-1),
		})
	}
	// Ticking at half the interval keeps every gap between heartbeats within 1 to 1.5 intervals.
	go func() {
		ticker := time.NewTicker(time.Duration(heartbeatIntervalMs / 2 * float64(time.Millisecond)))
		defer ticker.Stop()
		for {
			select {
			case <-l.stopTicker:
				return
			case <-ticker.C:
				node.mu.Lock()
				if !l.stopped {
					l.tick()
				}
				node.mu.Unlock()
			}
		}
	}()
	return l
}

// entriesAppended says new entries were written to the log: make them durable, then send them.
func (l *Leader) entriesAppended() {
	l.lastAppendMs = nowMs()
	if l.flushScheduled {
		return
	}
	l.flushScheduled = true
	// One fsync for every entry appended before this goroutine gets the mutex.
	go func() {
		l.node.mu.Lock()
		defer l.node.mu.Unlock()
		l.flushScheduled = false
		if l.stopped {
			return
		}
		l.node.log.sync()
		l.advanceCommit()
		for _, f := range l.followers {
			l.replicate(f)
		}
	}()
}

func (l *Leader) stop() {
	l.stopped = true
	close(l.stopTicker)
	for _, f := range l.followers {
		if f.sendTimer != nil {
			f.sendTimer.Stop()
		}
	}
}

func (l *Leader) tick() {
	now := nowMs()
	if now-l.sinceMs >= stepDownAfterMs && !l.majorityHeardWithin(now, stepDownAfterMs) {
		l.node.say("no majority answered for a while: stepping down")
		l.node.becomeFollower(l.term, "")
		return
	}
	for _, f := range l.followers {
		if now-f.lastSendMs >= heartbeatIntervalMs && f.inflight < inflightPerPeerMax {
			l.send(f, l.maySendEntries(f, now))
		}
	}
}

func (l *Leader) majorityHeardWithin(now, windowMs float64) bool {
	heard := 1
	for _, f := range l.followers {
		if now-f.lastContactMs <= windowMs {
			heard++
		}
	}
	return heard*2 > l.node.clusterSize
}

// maySendEntries: no call with entries is open, or the open one looks lost.
func (l *Leader) maySendEntries(f *followerProgress, now float64) bool {
	return f.entriesInflight == 0 || now-f.lastEntriesSendMs >= entriesResendMs
}

// replicate sends the follower its missing entries, unless a call with entries is already open.
func (l *Leader) replicate(f *followerProgress) {
	now := nowMs()
	if l.stopped || f.nextIndex > l.node.log.lastIndex() {
		return
	}
	if !l.maySendEntries(f, now) || f.inflight >= inflightPerPeerMax {
		return
	}
	gapMs := sendGapMsMin
	if now-l.lastAppendMs < busyWindowMs {
		gapMs = 0
	}
	if waitMs := f.lastSendMs + gapMs - now; waitMs > 0 {
		if f.sendTimer == nil {
			f.sendTimer = time.AfterFunc(time.Duration(waitMs*float64(time.Millisecond)), func() {
				l.node.mu.Lock()
				defer l.node.mu.Unlock()
				f.sendTimer = nil
				l.replicate(f)
			})
		}
		return
	}
	l.send(f, true)
}

func (l *Leader) send(f *followerProgress, withEntries bool) {
	log := l.node.log
	prev := f.nextIndex - 1
	var entries []Entry
	if withEntries {
		entries = log.slice(f.nextIndex, batchEntriesMax, batchBytesMax)
	}
	req := &pb.AppendRequest{
		Term:         l.term,
		LeaderId:     l.node.nodeID,
		PrevLogIndex: prev,
		PrevLogTerm:  log.termAt(prev),
		LeaderCommit: l.node.commitIndex,
	}
	for i, e := range entries {
		req.Entries = append(req.Entries, &pb.LogEntry{Term: e.term, Index: prev + 1 + uint64(i), Command: e.command})
	}
	f.lastSendMs = nowMs()
	f.inflight++
	if len(entries) > 0 {
		f.entriesInflight++
		f.lastEntriesSendMs = f.lastSendMs
	}
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), appendDeadline)
		res, err := f.peer.client.AppendEntries(ctx, req)
		cancel()
		l.node.mu.Lock()
		defer l.node.mu.Unlock()
		f.inflight--
		if len(entries) > 0 {
			f.entriesInflight--
		}
		if err == nil && !l.stopped {
			l.answered(f, req, res)
		}
	}()
}

func (l *Leader) answered(f *followerProgress, req *pb.AppendRequest, res *pb.AppendResponse) {
	if res.Term > l.term {
		l.node.becomeFollower(res.Term, "")
		return
	}
	f.lastContactMs = nowMs()
	if res.Success {
		match := req.PrevLogIndex + uint64(len(req.Entries))
		if match > f.matchIndex {
			f.matchIndex = match
			l.advanceCommit()
		}
		if match+1 > f.nextIndex {
			f.nextIndex = match + 1
		}
	} else if req.PrevLogIndex == f.nextIndex-1 {
		f.nextIndex = l.backUp(f, req.PrevLogIndex, res)
	}
	l.replicate(f)
}

// backUp is where to resume after a rejected append at prev, skipping a whole term at a time.
func (l *Leader) backUp(f *followerProgress, prev uint64, res *pb.AppendResponse) uint64 {
	next := prev
	if res.ConflictIndex > 0 {
		next = res.ConflictIndex
	}
	if res.ConflictTerm > 0 {
		if last := l.node.log.lastIndexOfTerm(res.ConflictTerm, prev); last > 0 {
			next = last + 1
		}
	}
	if next > prev {
		next = prev
	}
	if next < f.matchIndex+1 {
		next = f.matchIndex + 1
	}
	return next
}

func (l *Leader) advanceCommit() {
	held := []uint64{l.node.log.durableIndex()}
	for _, f := range l.followers {
		held = append(held, f.matchIndex)
	}
	sort.Slice(held, func(i, j int) bool { return held[i] > held[j] })
	majorityHeld := uint64(0)
	if k := l.node.clusterSize / 2; k < len(held) {
		majorityHeld = held[k]
	}
	if majorityHeld > l.node.commitIndex && l.node.log.termAt(majorityHeld) == l.term {
		l.node.commitTo(majorityHeld)
	}
}
