// The evidence route pages what can be large: messages.jsonl by time window and offset,
// with a count and a size bound per answer, a node's log by byte offset ending at a line;
// the rest is streamed whole. The files are written straight into the judge home, as the
// scenario runner writes them.
import { afterAll, beforeAll, test } from "vitest";
import assert from "node:assert/strict";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { API_LIMITS } from "../../functions/api/limits.ts";
import type { MessageRecord } from "../../shared/ports/cluster.ts";
import { postJson, request, startApi, type ApiHarness } from "./harness.ts";

let api: ApiHarness;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());

const ORIGIN_MS = 1_700_000_000_000;
/** 10,000 messages, one every 10 ms: 100 s of traffic. */
const MESSAGES: MessageRecord[] = Array.from({ length: 10_000 }, (_, seq) => ({
  seq,
  from: `node-${seq % 3}`,
  to: `node-${(seq + 1) % 3}`,
  method: "/raft.ConsensusNode/AppendEntries",
  startMs: ORIGIN_MS + seq * 10,
  endMs: ORIGIN_MS + seq * 10 + 5,
  requestBytes: 10,
  responseBytes: 4,
  status: 0,
}));
/** 40,000 numbered lines: about 1.3 MiB, more than one page. */
const LOG = Array.from({ length: 40_000 }, (_, i) => `2026-01-01T00:00:00.000Z line ${i}`).join(
  "\n",
);

/** A submission with one stored result whose evidence is these files. */
async function stored(messages: MessageRecord[] = MESSAGES): Promise<string> {
  const reply = await postJson(`${api.base}/submissions`, {
    problemId: 1,
    language: "python",
    code: "print(1)\n",
    scenarios: ["leader_election"],
  });
  const id = String(reply.body.id);
  const dir = api.home.scenarioDir(id, "leader_election");
  await mkdir(join(dir, "logs"), { recursive: true });
  const files = {
    history: join(dir, "history.json"),
    messages: join(dir, "messages.jsonl"),
    faults: join(dir, "faults.json"),
  };
  await writeFile(files.history, JSON.stringify({ originMs: ORIGIN_MS, ops: [] }));
  await writeFile(files.messages, messages.map((m) => JSON.stringify(m) + "\n").join(""));
  await writeFile(files.faults, "{}");
  await writeFile(join(dir, "logs", "node-0.log"), LOG + "\n");
  await api.store.putResult(id, 0, {
    name: "leader_election",
    verdict: "pass",
    reason: "every property held",
    durationMs: 1,
    seed: 7,
    stats: { ops: 0, ok: 0, fail: 0, unknown: 0, latencyP50Ms: 0, latencyP99Ms: 0, rpcsPerOp: 0 },
    evidence: { ...files, logs: { "node-0": join(dir, "logs", "node-0.log") } },
  });
  return `${api.base}/submissions/${id}/tests/0/evidence`;
}

interface Page {
  total: number;
  truncated: boolean;
  offset: number;
  nextOffset?: number;
  messages: MessageRecord[];
}

test("messages come a page at a time, the whole window counted, each page bounded", async () => {
  const base = await stored();
  const first = await request<Page>(`${base}/messages`);
  assert.equal(first.status, 200);
  assert.equal(first.body.total, 10_000);
  assert.equal(first.body.messages.length, API_LIMITS.messagesPerWindowMax);
  assert.equal(first.body.truncated, true);
  assert.equal(first.body.nextOffset, API_LIMITS.messagesPerWindowMax);

  // A window of 20 s (2,000 messages), read 700 at a time until the end.
  const window = `fromMs=${ORIGIN_MS + 10_000}&toMs=${ORIGIN_MS + 29_999}`;
  const seqs: number[] = [];
  let offset: number | undefined = 0;
  while (offset !== undefined) {
    const page: { body: Page } = await request<Page>(
      `${base}/messages?${window}&limit=700&offset=${offset}`,
    );
    assert.equal(page.body.total, 2_000);
    assert.ok(page.body.messages.length <= 700);
    seqs.push(...page.body.messages.map((m) => m.seq));
    offset = page.body.nextOffset;
  }
  assert.deepEqual(
    seqs,
    Array.from({ length: 2_000 }, (_, i) => 1_000 + i),
  );

  const past = await request<Page>(`${base}/messages?offset=20000`);
  assert.deepEqual(
    { total: past.body.total, n: past.body.messages.length, more: past.body.truncated },
    { total: 10_000, n: 0, more: false },
  );
  for (const bad of ["limit=0x10", "limit=3001", "offset=-1", "fromMs=soon"]) {
    assert.equal((await request(`${base}/messages?${bad}`)).status, 400, bad);
  }
});

test("a page of large messages stops at the size bound, and always moves on", async () => {
  // 40 messages of 300 KB each: 12 MB in all.
  const big = MESSAGES.slice(0, 40).map((m) => ({ ...m, request: { note: "x".repeat(300_000) } }));
  const base = await stored(big);
  const seen: number[] = [];
  let offset: number | undefined = 0;
  while (offset !== undefined) {
    const res = await fetch(`${base}/messages?offset=${offset}`);
    const text = await res.text();
    assert.ok(text.length < API_LIMITS.messagePageBytesMax + 400_000, `${text.length} bytes`);
    const page = JSON.parse(text) as Page;
    assert.ok(page.messages.length >= 1);
    seen.push(...page.messages.map((m) => m.seq));
    offset = page.nextOffset;
  }
  assert.deepEqual(
    seen,
    big.map((m) => m.seq),
  );
});

test("a node's log comes in pages of whole lines, with where the next one starts", async () => {
  const base = await stored();
  let offset: string | null = "0";
  let text = "";
  let pages = 0;
  while (offset !== null) {
    const res: Response = await fetch(`${base}/logs/node-0?offset=${offset}`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /^text\/plain/);
    assert.equal(res.headers.get("x-total-bytes"), String(Buffer.byteLength(LOG) + 1));
    const page = await res.text();
    assert.ok(Buffer.byteLength(page) <= API_LIMITS.logPageBytesMax);
    assert.ok(page.endsWith("\n"), "a page ends at a line's end");
    text += page;
    pages += 1;
    offset = res.headers.get("x-next-offset");
  }
  assert.equal(pages, 2);
  assert.equal(text, LOG + "\n");

  const tail = await fetch(`${base}/logs/node-0?offset=${Buffer.byteLength(LOG) - 10}&limit=100`);
  assert.equal(await tail.text(), "line 39999\n");
  assert.equal(tail.headers.get("x-next-offset"), null);
  assert.equal((await request(`${base}/logs/node-0?limit=${2 ** 21}`)).status, 400);
});

test("history and faults are streamed whole, with their length", async () => {
  const base = await stored();
  const res = await fetch(`${base}/history`);
  assert.equal(res.status, 200);
  const body = await res.text();
  assert.equal(res.headers.get("content-length"), String(Buffer.byteLength(body)));
  assert.equal((JSON.parse(body) as { originMs: number }).originMs, ORIGIN_MS);
});
