// The client RPC: NOT_LEADER (with the leader this node believes in) for an operation that is
// not in this node's log, so it can never take effect later; UNAVAILABLE for one that is (its
// fate is unknown here); as leader, append the operation and answer OK once it is applied, or
// UNAVAILABLE when the deadline comes or leadership is lost first. Reads go through the log
// too, so a leader cut off from the majority can never answer one.
package main

import (
	"context"
	"time"

	pb "clusterjudge/pb"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

type waiter struct {
	term uint64
	// Buffered: the answer is put in under the node's mutex and never blocks.
	answer chan *pb.ClientResponse
}

// ClientRequests answers clients on behalf of the node.
type ClientRequests struct {
	node *RaftNode
	// Leader only: the request waiting for each appended index.
	waiting map[uint64]*waiter
}

var clientOps = map[pb.Operation]string{pb.Operation_GET: "GET", pb.Operation_PUT: "PUT", pb.Operation_APPEND: "APPEND"}

func answer(s pb.Status) *pb.ClientResponse { return &pb.ClientResponse{Status: s} }

func newClientRequests(node *RaftNode) *ClientRequests {
	c := &ClientRequests{node: node, waiting: map[uint64]*waiter{}}
	node.onApplied = c.applied
	node.onLeadershipLost = func() { c.answerAll(answer(pb.Status_UNAVAILABLE)) }
	return c
}

// handle answers within the client's deadline when it can.
func (c *ClientRequests) handle(ctx context.Context, req *pb.ClientRequest) (*pb.ClientResponse, error) {
	if req.ClientId == "" {
		return nil, status.Error(codes.InvalidArgument, "client_id must not be empty")
	}
	op, ok := clientOps[req.Op]
	if !ok {
		return nil, status.Error(codes.InvalidArgument, "op must be GET, PUT or APPEND")
	}
	n := c.node
	n.mu.Lock()
	if n.role != leaderRole {
		defer n.mu.Unlock()
		if n.hasOp(req.ClientId, req.Sequence) {
			return answer(pb.Status_UNAVAILABLE), nil
		}
		return &pb.ClientResponse{Status: pb.Status_NOT_LEADER, LeaderHint: n.leaderID}, nil
	}
	index, term, ok := n.propose(ClientCommand{
		ClientID: req.ClientId, Sequence: req.Sequence, Op: op, Key: req.Key, Value: req.Value,
	})
	if !ok {
		n.mu.Unlock()
		return answer(pb.Status_UNAVAILABLE), nil
	}
	w := &waiter{term: term, answer: make(chan *pb.ClientResponse, 1)}
	c.waiting[index] = w
	n.mu.Unlock()

	wait := clientAnswerMax
	if deadline, ok := ctx.Deadline(); ok && time.Until(deadline)-clientDeadlineMargin < wait {
		wait = time.Until(deadline) - clientDeadlineMargin
	}
	timer := time.NewTimer(wait)
	defer timer.Stop()
	select {
	case res := <-w.answer:
		return res, nil
	case <-timer.C:
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if c.waiting[index] == w {
		delete(c.waiting, index)
	}
	select {
	case res := <-w.answer: // answered while the mutex was being taken
		return res, nil
	default:
		return answer(pb.Status_UNAVAILABLE), nil
	}
}

func (c *ClientRequests) applied(a Applied) {
	w, ok := c.waiting[a.index]
	if !ok {
		return
	}
	delete(c.waiting, a.index)
	// Another term's entry at this index means ours was replaced: it never took effect here.
	if w.term != a.term || a.result == nil {
		w.answer <- answer(pb.Status_UNAVAILABLE)
		return
	}
	w.answer <- &pb.ClientResponse{Status: pb.Status_OK, Value: a.result.value, Found: a.result.found}
}

func (c *ClientRequests) answerAll(res *pb.ClientResponse) {
	for index, w := range c.waiting {
		w.answer <- res
		delete(c.waiting, index)
	}
}
