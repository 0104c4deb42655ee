// The replicated key-value map and, per client, its latest sequence with the result: both
// derived only from applied log entries, so every node (and a restarted one, replaying its
// log) holds the same, and a retried operation is answered with its first result, never
// re-applied.
package main

// OpResult is what an applied operation answers.
type OpResult struct {
	value string
	found bool
}

type session struct {
	sequence uint64
	result   OpResult
}

// StateMachine is the key-value map with its client sessions.
type StateMachine struct {
	data     map[string]string
	sessions map[string]session
}

func newStateMachine() *StateMachine {
	return &StateMachine{data: map[string]string{}, sessions: map[string]session{}}
}

// apply applies one committed operation. It returns its result, the first result again for a
// duplicate, or nil for a sequence below the client's latest (never applied).
func (m *StateMachine) apply(c *ClientCommand) *OpResult {
	s, ok := m.sessions[c.ClientID]
	if ok && c.Sequence < s.sequence {
		return nil
	}
	if ok && c.Sequence == s.sequence {
		result := s.result
		return &result
	}
	result := m.execute(c)
	m.sessions[c.ClientID] = session{sequence: c.Sequence, result: result}
	return &result
}

func (m *StateMachine) read(key string) OpResult {
	value, found := m.data[key]
	return OpResult{value: value, found: found}
}

func (m *StateMachine) execute(c *ClientCommand) OpResult {
	switch c.Op {
	case "GET":
		return m.read(c.Key)
	case "PUT":
		m.data[c.Key] = c.Value
	case "APPEND":
		m.data[c.Key] += c.Value
	}
	return OpResult{}
}
