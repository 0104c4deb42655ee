// The Raft log: in memory for reads, on disk as an append-only file of checksummed records
// [body length u32][crc32 u32][index u64][term u64][command]. Appends are written at once and
// made durable by sync() (one fsync for a whole batch); truncation is fsynced before anything
// is written after it. On open, the file is read up to the first torn or invalid record, which
// can only be an append that was never fsynced, hence never acknowledged, and is cut off.
package main

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"sort"
)

// Entry is one log entry.
type Entry struct {
	term    uint64
	command []byte
}

const (
	headerBytes    = 8
	fixedBodyBytes = 16
)

// LogFile is the log, its file and what of it is durable.
type LogFile struct {
	file     *os.File
	terms    []uint64
	commands [][]byte
	// offsets[i] is where the record of index i+1 starts in the file.
	offsets   []int64
	sizeBytes int64
	synced    uint64
}

// openLog opens (or creates) the log in dir; dropped counts the bytes of a cut-off torn tail.
func openLog(dir string) (log *LogFile, dropped int, err error) {
	path := filepath.Join(dir, "log.bin")
	data, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		return nil, 0, err
	}
	file, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return nil, 0, err
	}
	log = &LogFile{file: file}
	at := 0
	for at+headerBytes+fixedBodyBytes <= len(data) {
		bodyBytes := int(binary.LittleEndian.Uint32(data[at:]))
		if bodyBytes < fixedBodyBytes || at+headerBytes+bodyBytes > len(data) {
			break
		}
		body := data[at+headerBytes : at+headerBytes+bodyBytes]
		if crc32.ChecksumIEEE(body) != binary.LittleEndian.Uint32(data[at+4:]) {
			break
		}
		index := binary.LittleEndian.Uint64(body[0:])
		term := binary.LittleEndian.Uint64(body[8:])
		if index != log.lastIndex()+1 || term < log.termAt(log.lastIndex()) {
			break
		}
		command := append([]byte(nil), body[fixedBodyBytes:]...)
		log.remember(term, command, int64(at))
		at += headerBytes + bodyBytes
	}
	if at < len(data) {
		if err := file.Truncate(int64(at)); err != nil {
			return nil, 0, err
		}
		if err := file.Sync(); err != nil {
			return nil, 0, err
		}
	}
	log.sizeBytes = int64(at)
	log.synced = log.lastIndex()
	return log, len(data) - at, nil
}

func (l *LogFile) lastIndex() uint64 { return uint64(len(l.terms)) }

// durableIndex is the highest index known to be on disk: what a leader may count as its own copy.
func (l *LogFile) durableIndex() uint64 { return l.synced }

// termAt is the term of entry index; 0 for index 0, the place before the first entry.
func (l *LogFile) termAt(index uint64) uint64 {
	if index == 0 {
		return 0
	}
	if index > l.lastIndex() {
		panic(fmt.Sprintf("no log entry %d (last %d)", index, l.lastIndex()))
	}
	return l.terms[index-1]
}

func (l *LogFile) entry(index uint64) Entry {
	return Entry{term: l.termAt(index), command: l.commands[index-1]}
}

// slice returns entries from `from` on, as many as fit in one message.
func (l *LogFile) slice(from uint64, entriesMax, bytesMax int) []Entry {
	var out []Entry
	bytes := 0
	for i := from; i <= l.lastIndex() && len(out) < entriesMax; i++ {
		e := l.entry(i)
		bytes += len(e.command)
		if len(out) > 0 && bytes > bytesMax {
			break
		}
		out = append(out, e)
	}
	return out
}

// append writes entries after the last one; durable only after sync(). Returns the new last index.
func (l *LogFile) append(entries []Entry) uint64 {
	var bytes []byte
	sizes := make([]int, len(entries))
	for i, e := range entries {
		record := encodeRecord(l.lastIndex()+1+uint64(i), e)
		sizes[i] = len(record)
		bytes = append(bytes, record...)
	}
	// A short write (disk full) would leave the file and memory apart: stop the node instead.
	if n, err := l.file.Write(bytes); err != nil || n != len(bytes) {
		panic(fmt.Sprintf("short write to the log: %v", err))
	}
	for i, e := range entries {
		l.remember(e.term, e.command, l.sizeBytes)
		l.sizeBytes += int64(sizes[i])
	}
	return l.lastIndex()
}

func (l *LogFile) sync() {
	if l.synced == l.lastIndex() {
		return
	}
	if err := l.file.Sync(); err != nil {
		panic(fmt.Sprintf("cannot fsync the log: %v", err))
	}
	l.synced = l.lastIndex()
}

// truncateFrom removes entry index and every later one, durably; it returns what was removed.
func (l *LogFile) truncateFrom(index uint64) []Entry {
	var removed []Entry
	for i := index; i <= l.lastIndex(); i++ {
		removed = append(removed, l.entry(i))
	}
	l.sizeBytes = l.offsets[index-1]
	if err := l.file.Truncate(l.sizeBytes); err != nil {
		panic(fmt.Sprintf("cannot truncate the log: %v", err))
	}
	if err := l.file.Sync(); err != nil {
		panic(fmt.Sprintf("cannot fsync the log: %v", err))
	}
	l.terms = l.terms[:index-1]
	l.commands = l.commands[:index-1]
	l.offsets = l.offsets[:index-1]
	if l.synced > index-1 {
		l.synced = index - 1
	}
	return removed
}

// firstIndexOfTerm is the first index holding term, given that some index does.
func (l *LogFile) firstIndexOfTerm(term uint64) uint64 {
	return l.countTermsBelow(term) + 1
}

// lastIndexOfTerm is the last index at or before upTo holding term, or 0 when there is none.
func (l *LogFile) lastIndexOfTerm(term, upTo uint64) uint64 {
	last := l.countTermsBelow(term + 1)
	if upTo < last {
		last = upTo
	}
	if last > 0 && l.termAt(last) == term {
		return last
	}
	return 0
}

// countTermsBelow is how many entries have a term below term (terms never decrease along the log).
func (l *LogFile) countTermsBelow(term uint64) uint64 {
	return uint64(sort.Search(len(l.terms), func(i int) bool { return l.terms[i] >= term }))
}

func (l *LogFile) remember(term uint64, command []byte, offset int64) {
	l.terms = append(l.terms, term)
	l.commands = append(l.commands, command)
	l.offsets = append(l.offsets, offset)
}

func encodeRecord(index uint64, e Entry) []byte {
	body := make([]byte, fixedBodyBytes+len(e.command))
	binary.LittleEndian.PutUint64(body[0:], index)
	binary.LittleEndian.PutUint64(body[8:], e.term)
	copy(body[fixedBodyBytes:], e.command)
	record := make([]byte, headerBytes, headerBytes+len(body))
	binary.LittleEndian.PutUint32(record[0:], uint32(len(body)))
	binary.LittleEndian.PutUint32(record[4:], crc32.ChecksumIEEE(body))
	return append(record, body...)
}
