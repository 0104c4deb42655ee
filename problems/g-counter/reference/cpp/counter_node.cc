#include "counter_node.h"

#include <utility>

CounterNode::CounterNode(std::string node_id, CounterFile file,
                         std::function<void()> on_own_slot_grew)
    : node_id_(std::move(node_id)),
      file_(std::move(file)),
      on_own_slot_grew_(std::move(on_own_slot_grew)),
      state_(file_.Load()) {}

uint64_t CounterNode::OwnSlot() const {
  std::lock_guard<std::mutex> lock(mu_);
  const auto it = state_.slots.find(node_id_);
  return it == state_.slots.end() ? 0 : it->second;
}

uint64_t CounterNode::Value() const {
  std::lock_guard<std::mutex> lock(mu_);
  uint64_t total = 0;
  for (const auto& [id, count] : state_.slots) total += count;
  return total;
}

void CounterNode::Add(const gcounter::AddRequest& req) {
  if (req.client_id().empty() || req.sequence() == 0)
    throw InvalidRequest("an add needs a client_id and a sequence from 1");
  {
    std::lock_guard<std::mutex> lock(mu_);
    // A retry of an add applied already: answer as before, apply nothing.
    const auto applied = state_.applied.find(req.client_id());
    if (applied != state_.applied.end() && applied->second >= req.sequence()) return;
    CounterState next = state_;
    next.slots[node_id_] += req.delta();
    next.applied[req.client_id()] = req.sequence();
    file_.Save(next);  // throws, leaving the state in memory as it is on disk
    state_ = std::move(next);
  }
  on_own_slot_grew_();
}

void CounterNode::Gossip(const gcounter::GossipRequest& req) {
  std::lock_guard<std::mutex> lock(mu_);
  CounterState next = state_;
  bool changed = false;
  for (const auto& slot : req.slots()) {
    // Another node's slot only grows: keep the larger of what we know and what it says.
    if (slot.node_id() == node_id_ || slot.count() <= next.slots[slot.node_id()]) continue;
    next.slots[slot.node_id()] = slot.count();
    changed = true;
  }
  if (!changed) return;
  file_.Save(next);
  state_ = std::move(next);
}
