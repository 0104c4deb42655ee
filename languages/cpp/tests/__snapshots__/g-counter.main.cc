// Grow-only Counter (CRDT) node: the C++ starter.
//
// This node starts, serves every RPC of g_counter.proto on LISTEN_ADDR and answers each with
// gRPC UNIMPLEMENTED ("not implemented yet"): it fails every scenario until you implement them.
// The statement (problems/g-counter/statement.md, also on the problem's page in the web UI) is
// the contract; read it first: what each RPC must answer, what must be on disk before an
// answer, retries, limits.
//
// How it is built: the platform copies this folder, generates g_counter.pb.h and
// g_counter.grpc.pb.h (with their .cc files) from g_counter.proto beside this file (do not
// upload your own), compiles every .cc and .cpp file of the folder with Debian's g++ 12
// (-std=c++17 -O2 -Wall) and links them with grpc++ and protobuf. How it is started: ./main in
// that folder, with the node contract's environment. stdout and stderr are your node's log,
// shown with the result.
//
// What may be included: the C++ standard library, POSIX headers (<unistd.h>, <fcntl.h>,
// <sys/...>), <grpcpp/...>, <google/protobuf/...>, the generated "g_counter.pb.h" and
// "g_counter.grpc.pb.h", and your own headers.

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>

#include <grpcpp/grpcpp.h>

#include "g_counter.grpc.pb.h"
#include "g_counter.pb.h"

// The node contract: who this node is and whom it talks to.
struct Env {
  std::string node_id;  // "node-1"
  std::string listen_addr;  // serve here
  // Every other node, by id: {"node-0": "127.0.0.1:7100", ...}, its chaos agent: dial it.
  std::map<std::string, std::string> peers;
  std::string data_dir;  // kept across kill and restart
};

std::string RequiredEnv(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr) throw std::runtime_error(std::string(name) + " is not set");
  return value;
}

Env ReadEnv() {
  Env env;
  env.node_id = RequiredEnv("NODE_ID");
  env.listen_addr = RequiredEnv("LISTEN_ADDR");
  env.data_dir = RequiredEnv("DATA_DIR");
  const char* peers = std::getenv("PEERS");
  std::stringstream items(peers == nullptr ? "" : peers);
  std::string item;
  while (std::getline(items, item, ',')) {
    const auto eq = item.find('=');
    if (eq != std::string::npos) env.peers[item.substr(0, eq)] = item.substr(eq + 1);
  }
  return env;
}

// One peer: a channel to its address and a stub for each service. Call a stub with a
// deadline (ClientContext::set_deadline): a partitioned peer never answers.
struct Peer {
  std::shared_ptr<grpc::Channel> channel;
  std::unique_ptr<gcounter::CounterNode::Stub> counter_node;
};

std::map<std::string, Peer> DialPeers(const Env& env) {
  // Reconnect quickly to a peer that restarts: grpc's default backoff grows to minutes.
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 100);
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 1000);
  std::map<std::string, Peer> peers;
  for (const auto& [id, address] : env.peers) {
    Peer& peer = peers[id];
    peer.channel =
        grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), args);
    peer.counter_node = gcounter::CounterNode::NewStub(peer.channel);
  }
  return peers;
}

// DATA_DIR survives a SIGKILL and a restart, so a file there is replaced whole: written to a
// temporary file, fsynced, renamed over the old one, the folder fsynced. A kill at any
// instant leaves the old contents or the new, never a torn file. Returns false on failure.
bool WriteFileAtomically(const std::string& dir, const std::string& name,
                         const std::string& contents) {
  const std::string path = dir + "/" + name;
  const std::string temp = path + ".tmp";
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return false;
  size_t written = 0;
  while (written < contents.size()) {
    const ssize_t n = ::write(fd, contents.data() + written, contents.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd);
      return false;
    }
    written += static_cast<size_t>(n);
  }
  const bool synced = ::fsync(fd) == 0;
  if (::close(fd) != 0 || !synced) return false;
  if (::rename(temp.c_str(), path.c_str()) != 0) return false;
  const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd < 0) return false;
  const bool dir_synced = ::fsync(dir_fd) == 0;
  ::close(dir_fd);
  return dir_synced;
}

// A file of DATA_DIR, or nothing when it is not there (the node's first start).
std::optional<std::string> ReadFile(const std::string& dir, const std::string& name) {
  std::ifstream in(dir + "/" + name, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

class CounterNodeImpl final : public gcounter::CounterNode::Service {
 public:
  CounterNodeImpl(const Env& env, std::map<std::string, Peer>& peers)
      : env_(env), peers_(peers) {
    // TODO: load your state from env_.data_dir (ReadFile); persist every change
    // (WriteFileAtomically) before you answer anything that depends on it.
  }

  // Client RPC: add delta to the counter. A retry repeats the same client_id and sequence
  // at the same node, and must not be applied twice.
  // TODO: a sequence at or below the client's last applied one is a retry: answer and apply
  // nothing. Otherwise add delta to your own slot, persist, then answer.
  grpc::Status Add(grpc::ServerContext* context, const gcounter::AddRequest* request,
                   gcounter::AddReply* reply) override {
    // TODO
    return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not implemented yet");
  }

  // Client RPC: the counter's value as this node knows it now, without asking a peer.
  // TODO: answer the sum of every slot you know, asking no peer.
  grpc::Status Read(grpc::ServerContext* context, const gcounter::ReadRequest* request,
                    gcounter::ReadReply* reply) override {
    // TODO
    return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not implemented yet");
  }

  // Peer RPC: one node tells another the counts it knows. The judge records every call.
  // TODO: keep, for each slot, the larger of what you know and what the peer says; persist
  // before answering.
  grpc::Status Gossip(grpc::ServerContext* context, const gcounter::GossipRequest* request,
                      gcounter::GossipReply* reply) override {
    // TODO
    return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not implemented yet");
  }

 private:
  const Env& env_;
  std::map<std::string, Peer>& peers_;
  // gRPC calls arrive on several threads at once: guard all state with this mutex.
  std::mutex mu_;
};

int main() {
  const Env env = ReadEnv();
  std::map<std::string, Peer> peers = DialPeers(env);
  CounterNodeImpl counter_node_service(env, peers);
  grpc::ServerBuilder builder;
  builder.AddListeningPort(env.listen_addr, grpc::InsecureServerCredentials());
  builder.RegisterService(&counter_node_service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (!server) {
    std::cerr << "cannot listen on " << env.listen_addr << std::endl;
    return 1;
  }
  std::cout << env.node_id << " serving on " << env.listen_addr << std::endl;
  server->Wait();
  return 0;
}
