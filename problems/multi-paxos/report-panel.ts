// Multi-Paxos's panel is Raft's: where the clients' calls went, by answer. A row of ok is the
// distinguished proposer the clients found; not_leader dots carry the node's leader hint.
export { panel } from "../raft/report-panel.ts";
