// Efficiency (Maelstrom's `net` stats): unique peer messages the agents recorded per client
// operation, and bytes per peer message, each within the problem's stated limit. A retry is
// a message of its own, as are calls a partition swallowed: the node sent them all.
import { holds, inconclusive, violated } from "../shared/check/property.ts";
import type { PropertyResult } from "../shared/check/property.ts";
import type { RunRecord } from "./run-record.ts";

export interface EfficiencyLimits {
  /** Peer messages (calls between nodes) per client operation, over the whole run. */
  messagesPerOpMax: number;
  /** Mean bytes of a peer message: request and response payloads together. */
  bytesPerMessageMax: number;
}

export interface EfficiencyStats {
  messages: number;
  operations: number;
  messagesPerOp: number;
  bytesPerMessage: number;
}

const PROPERTY = "efficiency";

export function efficiencyStats(run: Pick<RunRecord, "messages" | "history">): EfficiencyStats {
  const peer = run.messages.filter((m) => m.from !== "client");
  const bytes = peer.reduce((t, m) => t + m.requestBytes + m.responseBytes, 0);
  const operations = run.history.length;
  return {
    messages: peer.length,
    operations,
    messagesPerOp: operations ? peer.length / operations : 0,
    bytesPerMessage: peer.length ? bytes / peer.length : 0,
  };
}

export function checkEfficiency(
  run: Pick<RunRecord, "messages" | "history">,
  limits: EfficiencyLimits,
): PropertyResult {
  const stats = efficiencyStats(run);
  if (stats.operations === 0) return inconclusive(PROPERTY, "no client operation to count against");
  const measured = `${stats.messages} peer messages for ${stats.operations} client operations (${stats.messagesPerOp.toFixed(2)} a operation), ${Math.round(stats.bytesPerMessage)} bytes a message`;
  if (stats.messagesPerOp > limits.messagesPerOpMax)
    return violated(
      PROPERTY,
      `${measured}: more than the limit of ${limits.messagesPerOpMax} messages per operation`,
    );
  if (stats.bytesPerMessage > limits.bytesPerMessageMax)
    return violated(
      PROPERTY,
      `${measured}: more than the limit of ${limits.bytesPerMessageMax} bytes per message`,
    );
  return holds(PROPERTY, measured);
}
