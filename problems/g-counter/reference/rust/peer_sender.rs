// Gossip to one peer: this node's own slot, sent when it grew past what the peer last
// acknowledged, and again after a failure with a backoff until the peer acknowledges it (a
// partition heals, a peer restarts). Nothing is sent while the peer is up to date, so an idle
// cluster is silent, and adds close together share one message.
use rpc::gcounter::{CounterNodeClient, GossipRequest, Slot};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

/// Adds within this window share a message.
const COALESCE: Duration = Duration::from_millis(20);
const BACKOFF_MIN: Duration = Duration::from_millis(100);
const BACKOFF_MAX: Duration = Duration::from_millis(800);
const CALL_TIMEOUT: Duration = Duration::from_millis(500);

pub struct PeerSender {
    wake: Arc<Notify>,
}

impl PeerSender {
    pub fn start(node_id: String, peer: CounterNodeClient, own_slot: Arc<AtomicU64>) -> PeerSender {
        let wake = Arc::new(Notify::new());
        tokio::spawn(send_loop(node_id, peer, own_slot, wake.clone()));
        PeerSender { wake }
    }

    /// The own slot changed (or the node started): send soon if the peer is behind.
    pub fn poke(&self) {
        self.wake.notify_one();
    }
}

async fn send_loop(node_id: String, peer: CounterNodeClient, own_slot: Arc<AtomicU64>, wake: Arc<Notify>) {
    // The own slot the peer acknowledged (0 after this node starts: it resends once).
    let mut acked = 0;
    loop {
        wake.notified().await;
        tokio::time::sleep(COALESCE).await;
        let mut backoff = BACKOFF_MIN;
        loop {
            let count = own_slot.load(Ordering::SeqCst);
            if count <= acked {
                break;
            }
            let request = GossipRequest {
                from: node_id.clone(),
                slots: vec![Slot { node_id: node_id.clone(), count }],
            };
            match peer.gossip(request, CALL_TIMEOUT).await {
                Ok(_) => {
                    acked = acked.max(count);
                    backoff = BACKOFF_MIN;
                }
                Err(_) => {
                    tokio::time::sleep(backoff).await;
                    backoff = (backoff * 2).min(BACKOFF_MAX);
                }
            }
        }
    }
}
