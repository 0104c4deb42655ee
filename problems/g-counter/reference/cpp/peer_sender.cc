#include "peer_sender.h"

#include <algorithm>
#include <utility>

namespace {

using std::chrono::milliseconds;

// Adds within this window share a message.
constexpr milliseconds kCoalesce{20};
constexpr milliseconds kBackoffMin{100};
constexpr milliseconds kBackoffMax{800};
constexpr milliseconds kCallTimeout{500};

}  // namespace

PeerSender::PeerSender(std::string node_id, std::unique_ptr<gcounter::CounterNode::Stub> peer,
                       std::function<uint64_t()> own_slot)
    : node_id_(std::move(node_id)),
      peer_(std::move(peer)),
      own_slot_(std::move(own_slot)),
      thread_([this] { Run(); }) {}

PeerSender::~PeerSender() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void PeerSender::Poke() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    poked_ = true;
  }
  wake_.notify_one();
}

void PeerSender::Run() {
  // The own slot the peer acknowledged (0 after this node starts: it resends once).
  uint64_t acked = 0;
  milliseconds backoff = kBackoffMin;
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    wake_.wait(lock, [this] { return poked_ || stopping_; });
    if (stopping_) break;
    poked_ = false;
    // Let adds that come close together share one message.
    wake_.wait_for(lock, kCoalesce, [this] { return stopping_.load(); });
    lock.unlock();
    // Until the peer has the own slot as it is now: a failure waits a backoff and retries.
    for (uint64_t count = own_slot_(); count > acked && !stopping_; count = own_slot_()) {
      if (Send(count)) {
        acked = count;
        backoff = kBackoffMin;
        continue;
      }
      lock.lock();
      wake_.wait_for(lock, backoff, [this] { return stopping_.load(); });
      lock.unlock();
      backoff = std::min(backoff * 2, kBackoffMax);
    }
    lock.lock();
  }
}

bool PeerSender::Send(uint64_t count) {
  gcounter::GossipRequest req;
  req.set_from(node_id_);
  gcounter::Slot* slot = req.add_slots();
  slot->set_node_id(node_id_);
  slot->set_count(count);
  gcounter::GossipReply reply;
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + kCallTimeout);
  return peer_->Gossip(&context, req, &reply).ok();
}
