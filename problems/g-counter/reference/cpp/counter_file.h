// The node's durable state: every node's slot as this node knows it, and per client the last
// add sequence applied. Replaced atomically on every change, before any answer that depends
// on it: write a temporary file, fsync, rename, fsync the folder. A SIGKILL at any instant
// leaves the old state or the new one, never a torn one.
#pragma once

#include <cstdint>
#include <map>
#include <string>

struct CounterState {
  // node id -> the sum of the adds that node acknowledged, as far as this node knows.
  std::map<std::string, uint64_t> slots;
  // client id -> the highest add sequence applied here: a retry at or below it is a no-op.
  std::map<std::string, uint64_t> applied;
};

class CounterFile {
 public:
  explicit CounterFile(std::string dir);
  CounterState Load() const;
  // Throws std::runtime_error when the state cannot reach the disk.
  void Save(const CounterState& state) const;

 private:
  std::string dir_;
  std::string path_;
};
