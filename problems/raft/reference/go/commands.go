// What a log entry's opaque command holds: a client operation as JSON, or nothing for the
// no-op a leader appends at the start of its term.
package main

import (
	"encoding/json"
	"strconv"
)

// ClientCommand is one client operation as the log holds it.
type ClientCommand struct {
	ClientID string `json:"clientId"`
	Sequence uint64 `json:"sequence"`
	Op       string `json:"op"` // GET, PUT or APPEND
	Key      string `json:"key"`
	Value    string `json:"value"`
}

func encodeCommand(c ClientCommand) []byte {
	bytes, err := json.Marshal(c)
	if err != nil {
		panic(err) // strings and a number always marshal
	}
	return bytes
}

// decodeCommand returns the client operation in a command, or nil for a no-op.
func decodeCommand(bytes []byte) *ClientCommand {
	if len(bytes) == 0 {
		return nil
	}
	var c ClientCommand
	if err := json.Unmarshal(bytes, &c); err != nil {
		panic("undecodable command in the log: " + err.Error())
	}
	return &c
}

// opKey is one key per client operation, for "is this operation in my log".
func opKey(clientID string, sequence uint64) string {
	return strconv.FormatUint(sequence, 10) + ":" + clientID
}
