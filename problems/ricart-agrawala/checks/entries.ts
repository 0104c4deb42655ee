// The client history as entries: an ok acquire at a node with its request timestamp, from
// the moment the client saw the grant to the moment it sent the release. The node held the
// critical section for all of it (statement.md, "mutual exclusion").
import type { MutexOp } from "../client.ts";

export interface Entry {
  node: string;
  client: string;
  sequence: number;
  /** The request's Lamport timestamp, as the grant said. */
  timestamp: number;
  /** The client saw the grant (the ok attempt's end). */
  grantedMs: number;
  /** The client sent the release (its first attempt's start); Infinity when none was sent. */
  releasedMs: number;
}

const keyOf = (op: MutexOp) => `${op.client}#${op.sequence ?? 0}`;

/** Every definite entry (an acquire answered ok), by grant time. */
export function entriesOf(history: readonly MutexOp[]): Entry[] {
  const releases = new Map<string, MutexOp>();
  for (const op of history) if (op.f === "release") releases.set(keyOf(op), op);
  const entries: Entry[] = [];
  for (const op of history) {
    if (op.f !== "acquire" || op.outcome !== "ok") continue;
    const granted = op.attempts.at(-1);
    if (!granted || granted.result !== "ok") continue;
    const release = releases.get(keyOf(op));
    entries.push({
      node: granted.node,
      client: op.client,
      sequence: op.sequence ?? 0,
      timestamp: typeof op.output === "number" ? op.output : 0,
      grantedMs: granted.endMs,
      releasedMs: release?.attempts[0]?.startMs ?? release?.startMs ?? Infinity,
    });
  }
  return entries.sort((a, b) => a.grantedMs - b.grantedMs);
}

/** "node-1's entry (timestamp 7) [1.204 s – 1.251 s]" */
export function describeEntry(e: Entry, originMs: number): string {
  const at = (ms: number) =>
    ms === Infinity ? "never released" : `${((ms - originMs) / 1000).toFixed(3)} s`;
  return `${e.node}'s entry for ${e.client} #${e.sequence} (timestamp ${e.timestamp}) [${at(e.grantedMs)} – ${at(e.releasedMs)}]`;
}

/** A node id's number: "node-2" → 2. */
const idNumber = (id: string): number => Number(id.slice(id.lastIndexOf("-") + 1));

/** (timestamp, node id) order: true when a's request goes first. */
export function before(
  a: Pick<Entry, "timestamp" | "node">,
  b: Pick<Entry, "timestamp" | "node">,
): boolean {
  return (
    a.timestamp < b.timestamp ||
    (a.timestamp === b.timestamp && idNumber(a.node) < idNumber(b.node))
  );
}
