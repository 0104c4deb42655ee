// `clusterjudge gc`: the policy on its own (age, count, total size, unfinished runs never),
// then on a judge home with a real judge.db and run folders, through the CLI: a dry run by
// default, --delete removes only what it listed, and the submissions stay in judge.db.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, test } from "vitest";
import { fileURLToPath } from "node:url";
import { LocalStore } from "../../../shared/adapters/local/store/index.ts";
import type { Submission } from "../../../shared/domain/submission.ts";
import { choosePrunes, type RunFolder } from "../../../shared/pipeline/gc-policy.ts";
import { judgeHome } from "../../../shared/pipeline/home.ts";
import { aSubmission } from "../../contract/fixtures.ts";

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 1);
const MIB = 2 ** 20;
const BIN = fileURLToPath(new URL("../../../bin/clusterjudge.js", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "cj-gc-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const run = (id: string, daysAgo: number | null, mib = 1): RunFolder => ({
  id,
  bytes: mib * MIB,
  status: daysAgo === null ? "testing" : "completed",
  finishedAtMs: daysAgo === null ? null : NOW - daysAgo * DAY,
});

test("old, surplus and oversized finished runs are chosen, oldest first; unfinished never", () => {
  const runs = [run("new", 1), run("mid", 10), run("old", 40), run("busy", null, 50)];
  const policy = { maxAgeDays: 30, keep: 100, maxTotalBytes: 1024 * MIB };
  assert.deepEqual(
    choosePrunes(runs, policy, NOW).map((p) => [p.run.id, p.why]),
    [["old", "finished 40 days ago (more than 30)"]],
  );
  assert.deepEqual(
    choosePrunes(runs, { ...policy, keep: 1 }, NOW).map((p) => [p.run.id, p.why]),
    [
      ["old", "finished 40 days ago (more than 30)"],
      ["mid", "1 newer finished runs (1 are kept)"],
    ],
  );
  // 53 MiB in all, 50 of them the unfinished run's: every finished run goes, it stays.
  const tight = choosePrunes(runs, { ...policy, maxTotalBytes: 50 * MIB }, NOW);
  assert.deepEqual(
    tight.map((p) => p.run.id),
    ["old", "mid", "new"],
  );
  assert.match(tight[2]!.why, /^the runs take 53\.0 MiB \(at most 50\.0 MiB are kept\)$/);
  assert.deepEqual(
    choosePrunes([run("busy", null)], { maxAgeDays: 0, keep: 0, maxTotalBytes: 0 }, NOW),
    [],
  );
});

/** A submission in judge.db and its run folder of `mib` MiB under the home. */
function runFolder(root: string, id: string, mib: number): void {
  const dir = join(root, "runs", id, "scenarios", "leader_election");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "messages.jsonl"), Buffer.alloc(mib * MIB, 0x61));
}

test("gc on a judge home: a dry run lists, --delete removes the same, judge.db keeps them", async () => {
  const root = join(scratch, "home");
  const home = judgeHome({ CLUSTERJUDGE_HOME: root });
  const store = new LocalStore({ path: home.dbPath });
  const now = Date.now();
  const at = (days: number) => now - days * DAY;
  const subs: Record<string, Partial<Submission>> = {
    // Failed its build 40 days ago: finished, and old.
    oldBuildFailed: { status: "build_failed", updatedAt: at(40) },
    // Completed and torn down yesterday: kept.
    recent: {
      status: "completed",
      stageTimes: { queued: at(2), deploying: at(2) },
      tornDownAt: at(1),
      updatedAt: at(1),
    },
    // Still testing after 60 days (a judge stopped mid-run): resumable, never removed.
    stuck: {
      status: "testing",
      stageTimes: { queued: at(60), deploying: at(60) },
      updatedAt: at(60),
    },
    // Deploy failed long ago, but its cluster was never torn down: not finished.
    standing: {
      status: "deploy_failed",
      stageTimes: { queued: at(50), deploying: at(50) },
      updatedAt: at(50),
    },
  };
  const ids: Record<string, string> = {};
  for (const [name, fields] of Object.entries(subs)) {
    const s = aSubmission(fields);
    ids[name] = s.id;
    await store.create(s);
    runFolder(root, s.id, 2);
  }
  await store.close();
  // A folder judge.db does not know, untouched for 45 days.
  runFolder(root, "orphan", 1);
  const old = new Date(at(45));
  for (const p of [
    "",
    "scenarios",
    "scenarios/leader_election",
    "scenarios/leader_election/messages.jsonl",
  ])
    utimesSync(join(root, "runs", "orphan", p), old, old);

  const cli = (...args: string[]) => {
    const r = spawnSync(process.execPath, [BIN, "gc", ...args], {
      env: { ...process.env, CLUSTERJUDGE_HOME: root },
      encoding: "utf8",
    });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout;
  };
  const dry = cli();
  assert.match(
    dry,
    new RegExp(
      `^would remove ${ids.oldBuildFailed}  build_failed  2\\.0 MiB  finished 40 days ago \\(more than 30\\)$`,
      "m",
    ),
  );
  assert.match(dry, /^would remove orphan {2}unknown {2}1\.0 MiB {2}finished 45 days ago/m);
  assert.match(
    dry,
    /^2 of 5 runs to remove, 3\.0 MiB of 9\.\d MiB; 2 unfinished kept whatever the policy; run with --delete to remove them$/m,
  );
  assert.equal(
    existsSync(join(root, "runs", ids.oldBuildFailed!)),
    true,
    "a dry run removes nothing",
  );

  const json = JSON.parse(cli("--delete", "--json")) as {
    prunes: { run: { id: string } }[];
    removed: boolean;
  };
  assert.equal(json.removed, true);
  assert.deepEqual(json.prunes.map((p) => p.run.id).sort(), [ids.oldBuildFailed, "orphan"].sort());
  assert.equal(existsSync(join(root, "runs", ids.oldBuildFailed!)), false);
  assert.equal(existsSync(join(root, "runs", "orphan")), false);
  for (const kept of [ids.recent, ids.stuck, ids.standing]) {
    assert.equal(existsSync(join(root, "runs", kept!)), true, `${kept} is kept`);
  }
  const reopened = new LocalStore({ path: home.dbPath });
  assert.equal((await reopened.get(ids.oldBuildFailed!))?.status, "build_failed");
  await reopened.close();

  // Everything that may go is gone: with no age limit left, the unfinished ones still stay.
  assert.match(
    cli("--older-than", "0", "--keep", "0", "--max-size", "0", "--delete"),
    /removed .* completed /,
  );
  assert.equal(existsSync(join(root, "runs", ids.stuck!)), true);
  assert.equal(existsSync(join(root, "runs", ids.standing!)), true);
});
