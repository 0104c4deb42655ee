// Reference G-Counter node in Rust: the platform builds it with the generated `rpc` crate and
// runs it with the node contract's environment (NODE_ID, LISTEN_ADDR, PEERS, DATA_DIR). Each
// node counts the adds it acknowledged in its own slot, persists before answering, and pushes
// its slot to every peer until acknowledged; a read sums the slots it knows (statement.md).
mod counter;
mod counter_file;
mod peer_sender;

use counter::{Counter, InvalidRequest};
use counter_file::CounterFile;
use peer_sender::PeerSender;
use rpc::gcounter::{
    counter_node_routes, AddReply, AddRequest, CounterNode, CounterNodeClient, GossipReply,
    GossipRequest, ReadReply, ReadRequest,
};
use rpc::grpc::{Reply, Server, Status};
use std::sync::{Arc, Mutex};

struct Node {
    counter: Mutex<Counter>,
    senders: Vec<PeerSender>,
}

impl Node {
    fn poke_peers(&self) {
        for sender in &self.senders {
            sender.poke();
        }
    }
}

/// A bad request is INVALID_ARGUMENT, a failed save INTERNAL.
fn status_of(error: InvalidRequest) -> Status {
    match error {
        InvalidRequest::Bad(message) => Status::invalid_argument(message),
        InvalidRequest::Io(error) => {
            eprintln!("cannot save the counter: {}", error);
            Status::internal(error.to_string())
        }
    }
}

impl CounterNode for Node {
    fn add(&self, request: AddRequest) -> Reply<'_, AddReply> {
        Box::pin(async move {
            let grew = self.counter.lock().unwrap().add(&request).map_err(status_of)?;
            if grew {
                self.poke_peers();
            }
            Ok(AddReply {})
        })
    }

    fn read(&self, _request: ReadRequest) -> Reply<'_, ReadReply> {
        Box::pin(async move { Ok(ReadReply { value: self.counter.lock().unwrap().value() }) })
    }

    fn gossip(&self, request: GossipRequest) -> Reply<'_, GossipReply> {
        Box::pin(async move {
            self.counter.lock().unwrap().gossip(&request).map_err(status_of)?;
            Ok(GossipReply {})
        })
    }
}

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_default()
}

#[tokio::main]
async fn main() {
    let node_id = env("NODE_ID");
    let listen_addr = env("LISTEN_ADDR");
    let data_dir = env("DATA_DIR");
    std::fs::create_dir_all(&data_dir).expect("cannot create DATA_DIR");
    let counter = Counter::load(node_id.clone(), CounterFile::new(&data_dir)).expect("cannot read the counter");
    let own_slot = counter.own_slot_watch();
    let senders = env("PEERS")
        .split(',')
        .filter_map(|item| item.split_once('='))
        .map(|(_, address)| PeerSender::start(node_id.clone(), CounterNodeClient::new(address), own_slot.clone()))
        .collect();
    let node = Arc::new(Node { counter: Mutex::new(counter), senders });
    let listener = match tokio::net::TcpListener::bind(&listen_addr).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("cannot listen on {}: {}", listen_addr, error);
            std::process::exit(1);
        }
    };
    println!("{} listening on {}, counter at {}", node_id, listen_addr, node.counter.lock().unwrap().value());
    // After a restart the peers' acknowledgements are unknown: send the own slot once.
    node.poke_peers();
    let served = Server::new().add(counter_node_routes(node)).serve_on(listener);
    if let Err(error) = served.await {
        eprintln!("serving stopped: {}", error);
        std::process::exit(1);
    }
}
