// What the judge's Raft clients recorded (harness/leader-kv/history.ts): one operation per
// (client, sequence) with every attempt, a refusal with a redirect being "not_leader".
import type { KvAttempt, KvOp } from "../../../harness/leader-kv/history.ts";
import type { RunRecord } from "../../../harness/run-record.ts";

export type Attempt = KvAttempt<"not_leader">;

export type ClientOp = KvOp<"not_leader">;

/** A Raft scenario's run: what every Raft check reads. */
export type RaftRun = RunRecord<ClientOp>;
