// What the judge keeps of one scenario, so a node that floods its peers cannot fill the
// judge's memory or disk. Measured on the Raft reference (9 scenarios, seed 171, this 2-core
// machine, session 17): at most 9,368 messages, clients' calls included (3.4 MiB of
// messages.jsonl, leader_churn), and 3,454 operations (concurrent_requests: 10 clients
// thinking 0-20 ms for 8 s). The caps leave about ten times that; what goes beyond is
// counted, never kept, and the checks that read it say inconclusive (capped-checks.ts).
// Messages are kept on disk (message-file.ts), operations in memory.
import type { Operation } from "./operation.ts";

/** Messages kept per scenario: 10 times the reference's busiest scenario. */
export const MESSAGES_KEPT_MAX = 100_000;
/** Bytes of messages kept per scenario, as messages.jsonl holds them (the reference: 3.4 MiB). */
export const MESSAGE_BYTES_KEPT_MAX = 32 * 2 ** 20;
/** Client operations kept per scenario, final reads included: 14 times the busiest workload. */
export const HISTORY_OPS_KEPT_MAX = 50_000;

export interface MessageCaps {
  records: number;
  bytes: number;
}

export const MESSAGE_CAPS: MessageCaps = {
  records: MESSAGES_KEPT_MAX,
  bytes: MESSAGE_BYTES_KEPT_MAX,
};

/**
 * The workload's operations by start time, at most enough of them to leave room for the
 * final reads (always kept: the final checks read them); how many were left out.
 */
export function capHistory<Op extends Operation>(
  workload: readonly Op[],
  finals: readonly Op[],
  max = HISTORY_OPS_KEPT_MAX,
): { history: Op[]; notKept: number } {
  const room = Math.max(0, max - finals.length);
  const sorted = [...workload].sort((a, b) => a.startMs - b.startMs);
  const kept = sorted.slice(0, room);
  return {
    history: [...kept, ...finals].sort((a, b) => a.startMs - b.startMs),
    notKept: sorted.length - kept.length,
  };
}

/** "12,345": counts in sentences. */
export const count = (n: number): string => n.toLocaleString("en-US");

/** "32 MiB", "64 KiB" */
export const mib = (bytes: number): string =>
  bytes >= 2 ** 20 ? `${Math.round(bytes / 2 ** 20)} MiB` : `${Math.round(bytes / 1024)} KiB`;
