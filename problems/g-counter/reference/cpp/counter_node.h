// The node's counter, without I/O of its own: its own slot grows with the adds it accepts,
// other nodes' slots with what gossip tells it (the larger value wins), and per client the
// last add applied, so a retry is answered without being applied again. Every change is saved
// (the file fsyncs) before the call that made it returns, so before any answer. Thread-safe:
// gRPC calls arrive on several threads at once.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>

#include "counter_file.h"
#include "g_counter.pb.h"

class InvalidRequest : public std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

class CounterNode {
 public:
  // `on_own_slot_grew` is called after the own slot grew and was saved: the gossip goes out.
  CounterNode(std::string node_id, CounterFile file, std::function<void()> on_own_slot_grew);

  uint64_t OwnSlot() const;
  uint64_t Value() const;
  // Throws InvalidRequest for an add without a client_id or a sequence from 1.
  void Add(const gcounter::AddRequest& req);
  void Gossip(const gcounter::GossipRequest& req);

 private:
  const std::string node_id_;
  const CounterFile file_;
  const std::function<void()> on_own_slot_grew_;
  mutable std::mutex mu_;
  CounterState state_;
};
