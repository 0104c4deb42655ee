// Writes one node's log as logs/<node>.log, page by page as the agent gives it, so a node
// that floods its stdout costs the judge one page of memory and a bounded file: the first
// NODE_LOG_BYTES_KEPT_MAX bytes, then a line saying how many were left out, then the end.
import { open } from "node:fs/promises";
import type { ClusterHandle, LogLine } from "../shared/ports/cluster.ts";
import { count, mib } from "./caps.ts";

/** Pages of node log read at most, so a node that logs without end cannot stall the judge. */
const LOG_PAGES_MAX = 200;
/**
 * Bytes of one node's log kept per scenario: 100 times the Raft reference's largest
 * (84 KiB, leader_churn). The agent keeps at most 20,000 lines of 4 KiB (shared/agent/limits.ts).
 */
export const NODE_LOG_BYTES_KEPT_MAX = 8 * 2 ** 20;
/** Lines of the log's end kept past the cap, and handed back for verdicts that quote it. */
export const LOG_TAIL_LINES = 100;

function format(l: LogLine): string {
  return `${new Date(l.atMs).toISOString()} ${l.stream === "stdout" ? "" : `[${l.stream}] `}${l.line}`;
}

/** Writes the node's log to `path`; returns its last lines. */
export async function writeNodeLog(
  node: ClusterHandle["nodes"][number],
  path: string,
  capBytes = NODE_LOG_BYTES_KEPT_MAX,
): Promise<string[]> {
  const out = await open(path, "w");
  const tail: string[] = [];
  let written = 0;
  let skipped = 0;
  const keep = async (lines: string[]): Promise<void> => {
    let chunk = "";
    for (const text of lines) {
      tail.push(text);
      if (tail.length > LOG_TAIL_LINES) tail.shift();
      const size = Buffer.byteLength(text) + 1;
      if (skipped === 0 && written + size <= capBytes) {
        chunk += text + "\n";
        written += size;
      } else skipped += 1;
    }
    if (chunk) await out.write(chunk);
  };
  try {
    let since: number | undefined;
    for (let page = 0; page < LOG_PAGES_MAX; page++) {
      const read = await node.control.logs(since === undefined ? {} : { since }).catch(() => null);
      if (!read || read.items.length === 0) break;
      const head =
        page === 0 && read.dropped
          ? [`[agent] ${read.dropped} earlier lines were dropped from the bounded log`]
          : [];
      await keep([...head, ...read.items.map(format)]);
      since = read.next;
    }
    if (skipped > 0) {
      const end = tail.slice(-Math.min(skipped, LOG_TAIL_LINES));
      const note = `[judge] ${count(skipped)} lines past the log's first ${mib(capBytes)} were not kept; the last ${count(end.length)} follow`;
      await out.write([note, ...end].join("\n") + "\n");
    }
  } finally {
    await out.close();
  }
  return tail;
}

/** The log's last `max` bytes, read alone: a node's log may hold up to its cap (8 MiB). */
export async function readLogEnd(
  path: string,
  max: number,
): Promise<{ text: string; omittedBytes: number }> {
  const file = await open(path, "r");
  try {
    const { size } = await file.stat();
    const from = Math.max(0, size - max);
    const bytes = Buffer.alloc(size - from);
    const { bytesRead } = await file.read(bytes, 0, bytes.length, from);
    return { text: bytes.subarray(0, bytesRead).toString("utf8"), omittedBytes: from };
  } finally {
    await file.close();
  }
}
