// Reference G-Counter node in C++: the platform builds every .cc file here with the stubs of
// g_counter.proto and runs ./main with the node contract's environment (NODE_ID, CLUSTER_SIZE,
// LISTEN_ADDR, PEERS, DATA_DIR). Each node counts the adds it acknowledged in its own slot,
// persists before answering, and pushes its slot to every peer until acknowledged; a read sums
// the slots it knows (problems/g-counter/statement.md).
#include <grpcpp/grpcpp.h>
#include <sys/stat.h>

#include <cstdlib>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "counter_file.h"
#include "counter_node.h"
#include "g_counter.grpc.pb.h"
#include "peer_sender.h"

namespace {

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? "" : value;
}

// Adapts a handler to gRPC: a bad request is INVALID_ARGUMENT, anything else INTERNAL.
template <typename Handler>
grpc::Status Unary(Handler handler) {
  try {
    handler();
    return grpc::Status::OK;
  } catch (const InvalidRequest& err) {
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, err.what());
  } catch (const std::exception& err) {
    std::cerr << "request failed: " << err.what() << std::endl;
    return grpc::Status(grpc::StatusCode::INTERNAL, err.what());
  }
}

class CounterService final : public gcounter::CounterNode::Service {
 public:
  explicit CounterService(CounterNode& counter) : counter_(counter) {}

  grpc::Status Add(grpc::ServerContext*, const gcounter::AddRequest* req,
                   gcounter::AddReply*) override {
    return Unary([&] { counter_.Add(*req); });
  }

  grpc::Status Read(grpc::ServerContext*, const gcounter::ReadRequest*,
                    gcounter::ReadReply* reply) override {
    return Unary([&] { reply->set_value(counter_.Value()); });
  }

  grpc::Status Gossip(grpc::ServerContext*, const gcounter::GossipRequest* req,
                      gcounter::GossipReply*) override {
    return Unary([&] { counter_.Gossip(*req); });
  }

 private:
  CounterNode& counter_;
};

}  // namespace

int main() {
  const std::string node_id = Env("NODE_ID");
  const std::string listen_addr = Env("LISTEN_ADDR");
  const std::string data_dir = Env("DATA_DIR");
  ::mkdir(data_dir.c_str(), 0755);

  std::vector<std::unique_ptr<PeerSender>> senders;
  CounterNode counter(node_id, CounterFile(data_dir), [&senders] {
    for (auto& sender : senders) sender->Poke();
  });
  // Reconnect quickly to a peer that restarts: grpc's default backoff grows to minutes.
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 100);
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 1000);
  std::stringstream peers(Env("PEERS"));
  for (std::string item; std::getline(peers, item, ',');) {
    const auto eq = item.find('=');
    if (eq == std::string::npos) continue;
    auto channel =
        grpc::CreateCustomChannel(item.substr(eq + 1), grpc::InsecureChannelCredentials(), args);
    senders.push_back(std::make_unique<PeerSender>(
        node_id, gcounter::CounterNode::NewStub(channel), [&counter] { return counter.OwnSlot(); }));
  }

  CounterService service(counter);
  grpc::ServerBuilder builder;
  builder.AddListeningPort(listen_addr, grpc::InsecureServerCredentials());
  builder.RegisterService(&service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (!server) {
    std::cerr << "cannot listen on " << listen_addr << std::endl;
    return 1;
  }
  std::cout << node_id << " listening on " << listen_addr << ", counter at " << counter.Value()
            << std::endl;
  // After a restart the peers' acknowledgements are unknown: send the own slot once.
  for (auto& sender : senders) sender->Poke();
  server->Wait();
  return 0;
}
