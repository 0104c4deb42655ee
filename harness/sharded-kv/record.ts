// What the judge as the membership service records beside the history (ProblemSession
// record, kept in the run as problemRecord): the memberships it sent, every view it read
// back, and the keys it asked about. Every sharded-kv check reads the run through this.
import type { RunRecord } from "../run-record.ts";

export interface SentMembership {
  epoch: number;
  members: string[];
  /** When the judge first sent it (epoch ms). */
  sentMs: number;
  /** Per node, when it first answered with this epoch or a later one. */
  answeredMs: Record<string, number>;
}

/** One Owners answer: a node's view of the probe keys. */
export interface ReadView {
  node: string;
  /** When the answer came (epoch ms). */
  atMs: number;
  epoch: number;
  /** The owner of every probe key, by key. */
  owners: Record<string, string>;
  /** Read after the heal and the recovery wait, before the final Gets. */
  final: boolean;
}

export interface ShardRecord {
  /** Every Info answer, by node (consistent hashing); empty where the problem has none. */
  declaredVnodes: Record<string, number>;
  memberships: SentMembership[];
  views: ReadView[];
  /** Keys drawn at random for the statistics (balance, moved fraction). */
  sampleKeys: string[];
}

export const emptyRecord = (): ShardRecord => ({
  declaredVnodes: {},
  memberships: [],
  views: [],
  sampleKeys: [],
});

export function shardRecordOf(run: RunRecord): ShardRecord {
  const record = run.problemRecord as Partial<ShardRecord> | undefined;
  return { ...emptyRecord(), ...record };
}

/** The membership the judge sent as `epoch`, if it did. */
export function membershipOf(record: ShardRecord, epoch: number): SentMembership | undefined {
  return record.memberships.find((m) => m.epoch === epoch);
}
