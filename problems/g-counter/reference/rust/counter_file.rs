// The node's durable state: every node's slot as this node knows it, and per client the last
// add sequence applied, as one protobuf message. Replaced atomically on every change, before
// any answer that depends on it: write a temporary file, fsync, rename, fsync the folder. A
// SIGKILL at any instant leaves the old state or the new one, never a torn one.
use prost::Message;
use rpc::gcounter::Slot;
use std::collections::HashMap;
use std::fs::{self, File};
use std::io::Write;
use std::path::PathBuf;

#[derive(Default)]
pub struct CounterState {
    /// node id -> the sum of the adds that node acknowledged, as far as this node knows.
    pub slots: HashMap<String, u64>,
    /// client id -> the highest add sequence applied here: a retry at or below it is a no-op.
    pub applied: HashMap<String, u64>,
}

/// The file's message: both maps as (id, number) pairs.
#[derive(Clone, PartialEq, Message)]
struct SavedState {
    #[prost(message, repeated, tag = "1")]
    slots: Vec<Slot>,
    #[prost(message, repeated, tag = "2")]
    applied: Vec<Slot>,
}

pub struct CounterFile {
    dir: PathBuf,
    path: PathBuf,
}

fn pairs(map: &HashMap<String, u64>) -> Vec<Slot> {
    map.iter().map(|(id, n)| Slot { node_id: id.clone(), count: *n }).collect()
}

fn map(pairs: Vec<Slot>) -> HashMap<String, u64> {
    pairs.into_iter().map(|s| (s.node_id, s.count)).collect()
}

impl CounterFile {
    pub fn new(dir: &str) -> CounterFile {
        let dir = PathBuf::from(dir);
        CounterFile { path: dir.join("counter.pb"), dir }
    }

    pub fn load(&self) -> std::io::Result<CounterState> {
        if !self.path.exists() {
            return Ok(CounterState::default());
        }
        let saved = SavedState::decode(fs::read(&self.path)?.as_slice())
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
        Ok(CounterState { slots: map(saved.slots), applied: map(saved.applied) })
    }

    pub fn save(&self, state: &CounterState) -> std::io::Result<()> {
        let saved = SavedState { slots: pairs(&state.slots), applied: pairs(&state.applied) };
        let temp = self.dir.join("counter.pb.tmp");
        let mut file = File::create(&temp)?;
        file.write_all(&saved.encode_to_vec())?;
        file.sync_all()?;
        fs::rename(&temp, &self.path)?;
        File::open(&self.dir)?.sync_all()
    }
}
