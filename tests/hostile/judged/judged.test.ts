// Hostile submissions judged end to end (a Python template with one hostile edit each, on
// one scenario): the judge survives, gives a verdict, and the verdict names the cause. Raft's
// for the bad redirect; the cheapest problem (g-counter: three nodes, 18 s scenarios) for
// what any node may do to its machine.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, test } from "vitest";
import { registeredProblem } from "../../../problems/registry.ts";
import { templateOf, writeTemplate } from "../../../problems/templates.ts";
import { judge, tail } from "../../integration/judge/run-cli.ts";

const work = mkdtempSync(join(tmpdir(), "cj-hostile-judged-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Where each hostile node is judged: its problem and one scenario. */
const RAFT = { problem: "raft", scenario: "leader_election" };
const ANY = { problem: "g-counter", scenario: "partitioned_adds" };

/** The problem's Python template with `replace` put in place of `find` (which must occur once). */
function hostile(problem: string, name: string, find: string, replace: string): string {
  const dir = join(work, name);
  writeTemplate(templateOf(registeredProblem(problem), "python"), dir);
  const path = join(dir, "main.py");
  const text = readFileSync(path, "utf8");
  assert.equal(text.split(find).length, 2, `${name}: the edit's text occurs once`);
  writeFileSync(
    path,
    text.replace(find, () => replace),
  );
  return dir;
}

async function judged(where: { problem: string; scenario: string }, dir: string) {
  const run = await judge([
    "--problem",
    where.problem,
    "--language",
    "python",
    "--scenario",
    where.scenario,
    "--seed",
    "1",
    dir,
  ]);
  assert.ok(run.summary, `no JSON summary (exit ${run.status}):\n${tail(run.stderr)}`);
  assert.equal(run.summary.status, "completed", tail(run.stderr));
  return { ...run, result: run.summary.scenarios[0] };
}

test(
  "a leader hint naming no node is a bad redirect, and the judge goes on",
  { timeout: 5 * 60_000 },
  async () => {
    // Every client request answered NOT_LEADER with a bogus hint, before the stub's abort.
    const dir = hostile(
      RAFT.problem,
      "bogus-hint",
      "    def ClientRequest(self, request, context):\n",
      [
        "    def ClientRequest(self, request, context):",
        "        return raft_pb2.ClientResponse(",
        "            status=raft_pb2.NOT_LEADER,",
        '            leader_hint="127.0.0.1:22001\\x1b[2J" + "x" * 5000,',
        "        )",
        "",
      ].join("\n"),
    );
    const { result, status } = await judged(RAFT, dir);
    assert.equal(result?.verdict, "fail");
    assert.match(
      result?.reason ?? "",
      /redirects name the leader: node-\d answered NOT_LEADER naming "127\.0\.0\.1:22001\\u001b\[2Jx+", which is no node of the cluster/,
    );
    // The node's 5,000 characters are cut to the judge's bound.
    assert.ok((result?.reason.length ?? 0) < 600, `reason of ${result?.reason.length} chars`);
    assert.equal(status, 1);
  },
);

test(
  "a memory hog fails on the memory limit, named, not on what its death caused",
  { timeout: 5 * 60_000 },
  async () => {
    // Ready first, then 50 MiB more every 100 ms: killed mid-scenario at 512 MiB.
    const dir = hostile(
      ANY.problem,
      "memory-hog",
      "    server.wait_for_termination()",
      [
        "    import time",
        "    time.sleep(3)",
        "    hog = []",
        "    while True:",
        "        hog.append(bytearray(50 * 1024 * 1024))",
        "        time.sleep(0.1)",
      ].join("\n"),
    );
    const { result, status } = await judged(ANY, dir);
    assert.equal(result?.verdict, "fail");
    assert.match(
      result?.reason ?? "",
      /^resource limits: memory limit: node-\d was killed at 512 MiB/,
      result?.reason,
    );
    assert.equal(status, 1);
  },
);

test(
  "a disk filler fails on the disk limit, named, and its /tmp filled is recorded too",
  { timeout: 5 * 60_000 },
  async () => {
    // Ready first, then DATA_DIR and /tmp filled until their writes fail; it serves on.
    const dir = hostile(
      ANY.problem,
      "disk-filler",
      "    server.wait_for_termination()",
      [
        "    import time",
        "    time.sleep(3)",
        '    for folder in (os.environ["DATA_DIR"], "/tmp"):',
        "        try:",
        '            with open(os.path.join(folder, "filler"), "wb") as f:',
        "                while True:",
        '                    f.write(b"\\xa5" * 2**20)',
        "                    f.flush()",
        "        except OSError:",
        "            pass",
        "    server.wait_for_termination()",
      ].join("\n"),
    );
    const { result, status } = await judged(ANY, dir);
    assert.equal(result?.verdict, "fail");
    const hits =
      /^resource limits: disk limit: node-\d filled its DATA_DIR \(256 MiB\) \((\d+) limit hits in all\)$/.exec(
        result?.reason ?? "",
      );
    assert.ok(hits, result?.reason);
    // Three nodes, each with two hits at least: DATA_DIR's, then /tmp's (again after a restart).
    assert.ok(Number(hits[1]) >= 6, result?.reason);
    assert.equal(status, 1);
  },
);

test(
  "100 MB of binary garbage on stdout: a verdict, and a bounded log",
  { timeout: 5 * 60_000 },
  async () => {
    const dir = hostile(
      ANY.problem,
      "stdout-flood",
      "    server.wait_for_termination()",
      [
        "    import sys",
        "    garbage = os.urandom(1024 * 1024)",
        "    for _ in range(100):",
        "        sys.stdout.buffer.write(garbage)",
        "    sys.stdout.flush()",
        "    server.wait_for_termination()",
      ].join("\n"),
    );
    const { result, status, stderr } = await judged(ANY, dir);
    // The template answers nothing: it fails as it would without the flood.
    assert.equal(result?.verdict, "fail", tail(stderr));
    assert.equal(status, 1);
  },
);
