// `npm run bench -- messages`: what a scenario's messages cost the judge at the cap. Raft
// AppendEntries records as the agents decode them are read in pages as the poller reads them,
// and held the way the judge held them before (an array: the baseline, in this process), then
// streamed to disk (harness/message-file.ts). Memory is the heap still held once every page
// is read, after a collection; the times are one run each on this machine.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { MESSAGE_CAPS } from "../harness/caps.ts";
import { MessageSpool } from "../harness/message-file.ts";
import type { MessageRecord } from "../shared/ports/cluster.ts";

const PAGE = 500;

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const heapMiB = (): number => {
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

/** The i-th message: five nodes' pages interleave, so they arrive out of start order. */
function message(i: number): MessageRecord {
  const from = `node-${i % 5}`;
  return {
    seq: i,
    from,
    to: `node-${(i + 1) % 5}`,
    method: "/raft.ConsensusNode/AppendEntries",
    startMs: 1_796_000_000_000 + i * 0.37 - (i % 5) * 40,
    endMs: 1_796_000_000_000 + i * 0.37 + 2.5,
    requestBytes: 180,
    responseBytes: 12,
    status: 0,
    request: {
      term: 7,
      leader_id: from,
      prev_log_index: i,
      prev_log_term: 7,
      entries_count: i % 3,
      leader_commit: i - 2,
    },
    response: { term: 7, success: true, match_index: i + (i % 3) },
  };
}

function* pages(total: number): Generator<MessageRecord[]> {
  for (let at = 0; at < total; at += PAGE)
    yield Array.from({ length: Math.min(PAGE, total - at) }, (_, k) => message(at + k));
}

const ms = (since: number): string => (performance.now() - since).toFixed(0);

export default async function (): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "cj-bench-messages-"));
  try {
    const one = Buffer.byteLength(JSON.stringify(message(50_000))) + 1;
    const total = Math.min(MESSAGE_CAPS.records, Math.floor(MESSAGE_CAPS.bytes / one));
    console.log(`${total.toLocaleString("en-US")} messages of ~${one} bytes (the caps' limit)\n`);
    console.log("| held as | heap held MiB | read all pages ms | sort ms | one check pass ms |");
    console.log("|---|---|---|---|---|");

    const base = heapMiB();
    let started = performance.now();
    const held: MessageRecord[] = [];
    for (const page of pages(total)) held.push(...page);
    const readMs = ms(started);
    const arrayHeap = heapMiB() - base;
    started = performance.now();
    held.sort((a, b) => a.startMs - b.startMs);
    const sortMs = ms(started);
    started = performance.now();
    let ok = 0;
    for (const m of held) if (m.response?.["success"]) ok++;
    console.log(
      `| array (before) | ${arrayHeap.toFixed(1)} | ${readMs} | ${sortMs} | ${ms(started)} |`,
    );
    held.length = 0;

    const base2 = heapMiB();
    started = performance.now();
    const spool = new MessageSpool(join(dir, "messages.jsonl"));
    for (const page of pages(total)) spool.add(page);
    const spoolMs = ms(started);
    const spoolHeap = heapMiB() - base2;
    started = performance.now();
    const file = spool.finish();
    const finishMs = ms(started);
    started = performance.now();
    let ok2 = 0;
    for (const m of file) if (m.response?.["success"]) ok2++;
    console.log(
      `| messages.jsonl (spool) | ${spoolHeap.toFixed(1)} | ${spoolMs} | ${finishMs} | ${ms(started)} |`,
    );
    if (ok !== total || ok2 !== file.length) throw new Error(`read ${ok} and ${ok2}`);
    console.log(
      `\nmessages.jsonl: ${(statSync(file.path).size / 2 ** 20).toFixed(1)} MiB, ${file.length.toLocaleString("en-US")} lines (${spool.notKept.toLocaleString("en-US")} past the byte cap, counted)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
