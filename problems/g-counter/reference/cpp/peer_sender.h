// Gossip to one peer, on a thread of its own: this node's own slot, sent when it grew past
// what the peer last acknowledged, and again after a failure with a backoff until the peer
// acknowledges it (a partition heals, a peer restarts). Nothing is sent while the peer is up
// to date, so an idle cluster is silent, and adds close together share one message.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "g_counter.grpc.pb.h"

class PeerSender {
 public:
  PeerSender(std::string node_id, std::unique_ptr<gcounter::CounterNode::Stub> peer,
             std::function<uint64_t()> own_slot);
  ~PeerSender();
  PeerSender(const PeerSender&) = delete;
  PeerSender& operator=(const PeerSender&) = delete;

  // The own slot changed (or the node started): send soon if the peer is behind.
  void Poke();

 private:
  void Run();
  // One Gossip call with the own slot; true when the peer acknowledged it.
  bool Send(uint64_t count);

  const std::string node_id_;
  const std::unique_ptr<gcounter::CounterNode::Stub> peer_;
  const std::function<uint64_t()> own_slot_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool poked_ = false;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};
