// currentTerm and votedFor, replaced atomically on every change: write a temporary file,
// fsync it, rename it over the old one, fsync the folder. A SIGKILL at any instant leaves the
// old or the new state, never a torn one.
package main

import (
	"encoding/json"
	"os"
	"path/filepath"
)

// HardState is what must survive a restart besides the log. VotedFor "" is no vote.
type HardState struct {
	Term     uint64 `json:"term"`
	VotedFor string `json:"votedFor"`
}

// MetaFile is meta.json in the data folder.
type MetaFile struct {
	dir  string
	path string
}

func newMetaFile(dir string) *MetaFile {
	return &MetaFile{dir: dir, path: filepath.Join(dir, "meta.json")}
}

func (m *MetaFile) load() (HardState, error) {
	var state HardState
	data, err := os.ReadFile(m.path)
	if os.IsNotExist(err) {
		return state, nil
	}
	if err != nil {
		return state, err
	}
	err = json.Unmarshal(data, &state)
	return state, err
}

func (m *MetaFile) save(state HardState) error {
	data, err := json.Marshal(state)
	if err != nil {
		return err
	}
	tmp := m.path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp, m.path); err != nil {
		return err
	}
	dir, err := os.Open(m.dir)
	if err != nil {
		return err
	}
	defer dir.Close()
	return dir.Sync()
}
