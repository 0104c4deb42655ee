// POST /submissions: a good submission is stored queued and its submit event published, with a
// 202 and its id; every kind of bad input is a 4xx that says what to fix, and nothing is
// stored or published.
import { afterAll, beforeAll, test } from "vitest";
import assert from "node:assert/strict";
import { SUBMISSION_LIMITS } from "../../shared/domain/limits.ts";
import { LANGUAGES } from "../../languages/registry.ts";
import { raft } from "../../problems/index.ts";
import { postJson, request, startApi, type ApiHarness, type Reply } from "./harness.ts";

let api: ApiHarness;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());

const PY = "print('a node')\n";

async function nothingStored(): Promise<void> {
  assert.equal((await api.store.list()).length, 0, "a refused submission was stored");
  const published = api.queue.counts("submit");
  assert.equal(published.ready + published.leased, 0, "a refused submission was published");
}

/** The refusal's status, and its sentence and issues as one text to match against. */
async function refused(body: unknown, status = 400): Promise<string> {
  const reply: Reply = await postJson(`${api.base}/submissions`, body);
  assert.equal(reply.status, status, JSON.stringify(reply.body));
  await nothingStored();
  const { error, issues } = reply.body as { error: string; issues?: string[] };
  return [error, ...(issues ?? [])].join("\n");
}

test("bad input: an unknown problem, an unknown language, no problem", async () => {
  assert.match(
    await refused({ problemId: 99, language: "python", code: PY }),
    /unknown problem "99"; known: raft, multi-paxos/,
  );
  assert.match(
    await refused({ problemId: 1, language: "cobol", code: PY }),
    new RegExp(`language: the language must be one of: ${[...LANGUAGES].sort().join(", ")}`),
  );
  assert.match(await refused({ language: "python", code: PY }), /problemId: problemId must be/);
});

test("bad input: a file too large, too many files, too many bytes in all", async () => {
  const big = "x".repeat(SUBMISSION_LIMITS.fileBytesMax + 1);
  assert.match(
    await refused({ problemId: 1, language: "python", files: { "main.py": big } }),
    new RegExp(
      `main.py: ${big.length} bytes; a file may have at most ${SUBMISSION_LIMITS.fileBytesMax}`,
    ),
  );
  const many = Object.fromEntries(
    Array.from({ length: SUBMISSION_LIMITS.filesMax + 1 }, (_, i) => [`f${i}.py`, PY]),
  );
  assert.match(
    await refused({ problemId: 1, language: "python", files: many }),
    new RegExp(`${SUBMISSION_LIMITS.filesMax + 1} files; at most ${SUBMISSION_LIMITS.filesMax}`),
  );
  const chunk = "y".repeat(SUBMISSION_LIMITS.fileBytesMax);
  const heavy = { "a.py": chunk, "b.py": chunk, "c.py": chunk };
  assert.match(
    await refused({ problemId: 1, language: "python", files: heavy }),
    /bytes in all; at most/,
  );
});

test("bad input: paths that leave the folder, absolute or odd paths", async () => {
  const text = await refused({
    problemId: 1,
    language: "python",
    files: { "../escape.py": PY, "/etc/passwd": PY, "a\\b.py": PY, "main.py": PY },
  });
  assert.match(text, /"\.\.\/escape\.py": '\.\.' is not accepted in paths/);
  assert.match(text, /"\/etc\/passwd": absolute paths are not accepted/);
  assert.match(text, /use \/ to separate folders/);
});

test("bad input: paths that clash are a 400 naming them, and nothing is stored", async () => {
  const clash = await refused({
    problemId: 1,
    language: "python",
    files: { "main.py": PY, raft: PY, "raft/log.py": PY },
  });
  assert.match(clash, /"raft" is a file, and a folder of "raft\/log\.py"/);
  const same = await refused({
    problemId: 1,
    language: "python",
    files: { "main.py": PY, "./util.py": PY, "util.py": PY, "lib/": PY, lib: PY },
  });
  assert.match(same, /"\.\/util\.py" and "util\.py" name the same file/);
  assert.match(same, /"lib\/" and "lib" name the same file/);
  const odd = await refused({
    problemId: 1,
    language: "python",
    files: { "main.py": PY, "x//y.py": PY, "a\u0000.py": PY, "b\u0007.py": PY },
  });
  assert.match(odd, /"x\/\/y\.py": empty or '\.' path segments/);
  assert.match(odd, /"a\\u0000\.py": use letters/);
  assert.match(odd, /"b\\u0007\.py": use letters/);
  assert.match(
    await refused(
      '{"problemId": 1, "language": "python", "files": {"__proto__": "", "main.py": ""}}',
    ),
    /"__proto__" is not accepted as a file name/,
  );
});

test("bad input: binary content, file contents that are not text", async () => {
  assert.match(
    await refused({ problemId: 1, language: "python", files: { "main.py": "ab\u0000cd" } }),
    /main.py: not text \(binary files are not accepted\)/,
  );
  assert.match(
    await refused({ problemId: 1, language: "python", files: { "main.py": 42 } }),
    /files.main.py: file contents must be text/,
  );
});

test("bad input: malformed JSON, not JSON at all, a body that is not an object", async () => {
  assert.match(await refused('{"problemId": 1, "language": '), /the body is not valid JSON/);
  const plain = await request(`${api.base}/submissions`, {
    method: "POST",
    headers: { "Content-Type": "text/plain" },
    body: "print(1)",
  });
  assert.equal(plain.status, 415);
  assert.match(String(plain.body.error), /Content-Type: application\/json/);
  assert.match(await refused("[1, 2]"), /send a JSON object/);
  await nothingStored();
});

test("bad input: both files and code, neither, unknown fields, unknown scenarios", async () => {
  assert.match(
    await refused({ problemId: 1, language: "python", code: PY, files: { "main.py": PY } }),
    /either "files" .* or "code"/,
  );
  assert.match(await refused({ problemId: 1, language: "python" }), /either "files"/);
  assert.match(
    await refused({ problemId: 1, language: "python", code: PY, extra: 1 }),
    /Unrecognized key/i,
  );
  assert.match(
    await refused({ problemId: 1, language: "python", code: PY, scenarios: ["nap_time"] }),
    /unknown scenario "nap_time"; known: leader_election/,
  );
  assert.match(await refused({ problemId: 1, language: "python", code: PY, seed: -3 }), /seed/);
});

test("a body larger than any valid submission is a 413 before it is read", async () => {
  const huge = "z".repeat(SUBMISSION_LIMITS.totalBytesMax * 7);
  assert.match(
    await refused({ problemId: 1, language: "python", code: huge }, 413),
    /no submission can be that large/,
  );
});

test("a good submission with code: 202, its id, stored queued, its submit event published", async () => {
  const reply = await postJson(`${api.base}/submissions`, {
    problemId: 1,
    language: "python",
    code: PY,
  });
  assert.equal(reply.status, 202);
  const id = String(reply.body.id);
  // The time it was made, then 128 random bits (32 hex digits): no id can be guessed.
  assert.match(id, /^\d{8}-\d{6}-[0-9a-f]{32}$/);
  const stored = await api.store.get(id);
  assert.ok(stored);
  assert.equal(stored.status, "queued");
  assert.deepEqual(stored.files, { "main.py": PY });
  assert.equal(stored.scenarios.length, Object.keys(raft.plans).length);
  const leased = api.queue.take("submit");
  assert.deepEqual(leased?.event, { submissionId: id });
  api.queue.ack(leased!.seq);
});

test("a good submission with files, a subset of scenarios and a seed keeps them", async () => {
  const files = { "main.ts": "console.log(1);\n", "lib/log.ts": "export {};\n" };
  const reply = await postJson(`${api.base}/submissions`, {
    problemId: 1,
    language: "typescript",
    files,
    scenarios: ["node_recovery", "leader_election"],
    seed: 1234,
  });
  assert.equal(reply.status, 202);
  const stored = await api.store.get(String(reply.body.id));
  assert.deepEqual(stored?.files, files);
  assert.deepEqual(stored?.scenarios, ["node_recovery", "leader_election"]);
  assert.equal(stored?.seed, 1234);
  assert.deepEqual(reply.body.scenarios, ["node_recovery", "leader_election"]);
});
