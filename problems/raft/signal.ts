// How a Raft leader shows itself in the traffic: it alone sends AppendEntries in its term,
// and those are its heartbeats too. A term is already a totally ordered number.
import type { LeaderSignal } from "../../harness/leader-kv/leader-signal.ts";
import { APPEND_ENTRIES, appendTerm } from "./checks/traffic.ts";

export const raftSignal: LeaderSignal = {
  rank: appendTerm,
  heartbeatMethod: APPEND_ENTRIES,
};
