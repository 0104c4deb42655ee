// The node's counter, without I/O of its own but its file: its own slot grows with the adds it
// accepts, other nodes' slots with what gossip tells it (the larger value wins), and per client
// the last add applied, so a retry is answered without being applied again. Every change is
// saved (the file fsyncs) before the call that made it returns, so before any answer.
use crate::counter_file::{CounterFile, CounterState};
use rpc::gcounter::{AddRequest, GossipRequest};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

pub enum InvalidRequest {
    Bad(String),
    Io(std::io::Error),
}

pub struct Counter {
    node_id: String,
    file: CounterFile,
    state: CounterState,
    /// The own slot, for the peer senders, which read it without the counter's lock.
    own_slot: Arc<AtomicU64>,
}

impl Counter {
    pub fn load(node_id: String, file: CounterFile) -> std::io::Result<Counter> {
        let state = file.load()?;
        let own = state.slots.get(&node_id).copied().unwrap_or(0);
        Ok(Counter { node_id, file, state, own_slot: Arc::new(AtomicU64::new(own)) })
    }

    pub fn own_slot_watch(&self) -> Arc<AtomicU64> {
        self.own_slot.clone()
    }

    pub fn value(&self) -> u64 {
        self.state.slots.values().sum()
    }

    /// Applies an add unless it is a retry of one applied already; true if the own slot grew.
    pub fn add(&mut self, request: &AddRequest) -> Result<bool, InvalidRequest> {
        if request.client_id.is_empty() || request.sequence == 0 {
            return Err(InvalidRequest::Bad("an add needs a client_id and a sequence from 1".into()));
        }
        let applied = self.state.applied.get(&request.client_id).copied().unwrap_or(0);
        if applied >= request.sequence {
            return Ok(false);
        }
        let own = self.state.slots.get(&self.node_id).copied().unwrap_or(0) + request.delta;
        self.state.slots.insert(self.node_id.clone(), own);
        self.state.applied.insert(request.client_id.clone(), request.sequence);
        self.file.save(&self.state).map_err(InvalidRequest::Io)?;
        self.own_slot.store(own, Ordering::SeqCst);
        Ok(true)
    }

    pub fn gossip(&mut self, request: &GossipRequest) -> Result<(), InvalidRequest> {
        let mut changed = false;
        for slot in &request.slots {
            // Another node's slot only grows: keep the larger of what we know and what it says.
            let known = self.state.slots.get(&slot.node_id).copied().unwrap_or(0);
            if slot.node_id == self.node_id || slot.count <= known {
                continue;
            }
            self.state.slots.insert(slot.node_id.clone(), slot.count);
            changed = true;
        }
        if changed {
            self.file.save(&self.state).map_err(InvalidRequest::Io)?;
        }
        Ok(())
    }
}
