// The problem registry: the only list of judged problems, one line each. Everything else
// (the catalogue, the API's texts and templates, proto paths, scenario names, the CLI, the
// builds, the benches, compose files) derives from it through problems/registry.ts.
// Adding a problem: its folder (docs/adding-a-problem.md) and one line here.
export { raft } from "./raft/problem.ts";
export { gCounter } from "./g-counter/problem.ts";
export { orSet } from "./or-set/problem.ts";
export { lwwMap } from "./lww-map/problem.ts";
export { gossipBroadcast } from "./gossip-broadcast/problem.ts";
export { pnCounter } from "./pn-counter/problem.ts";
export { vectorClocks } from "./vector-clocks/problem.ts";
export { chainReplication } from "./chain-replication/problem.ts";
export { multiPaxos } from "./multi-paxos/problem.ts";
export { bullyElection } from "./bully-election/problem.ts";
export { chandyLamport } from "./chandy-lamport/problem.ts";
export { ricartAgrawala } from "./ricart-agrawala/problem.ts";
export { twoPhaseCommit } from "./two-phase-commit/problem.ts";
export { tokenBucket } from "./token-bucket/problem.ts";
export { leakyBucket } from "./leaky-bucket/problem.ts";
export { fixedWindow } from "./fixed-window/problem.ts";
export { slidingWindow } from "./sliding-window/problem.ts";
export { consistentHashing } from "./consistent-hashing/problem.ts";
export { rendezvousHashing } from "./rendezvous-hashing/problem.ts";
