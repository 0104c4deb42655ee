// The runs list and a run's header in a real browser (Debian's Chromium), against `npm start`'s
// server: every run shows its overall verdict, "k/n passed" and its first failure; the filters
// and "Older runs" page through the API. The runs are written to the judge home's store
// before the server starts, each moved through the state machine as the steps would move it
// (so the outcome is the one `advance` computes), which takes no judge run. Saves
// tmp/artefacts/ui-runs.png and ui-run-wrong-answer.png (docs/ui-runs.png too with
// UPDATE_SCREENSHOT=1).
import { test } from "vitest";
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { newSubmissionId } from "../../functions/submit/accept.ts";
import { LocalStore } from "../../shared/adapters/local/store/index.ts";
import { advance } from "../../shared/domain/lifecycle.ts";
import type { ScenarioResult, Verdict } from "../../shared/domain/result.ts";
import { newSubmission, type Submission } from "../../shared/domain/submission.ts";
import { REPO_ROOT, judgeHome } from "../../shared/pipeline/home.ts";
import { launchChromium } from "./chromium.ts";
import { startServer, stopServer } from "./server.ts";

const ARTEFACTS = join(REPO_ROOT, "tmp", "artefacts");
const SCENARIOS = ["leader_election", "log_replication", "network_partition"];
const STALE = "not linearizable: get(k3) read 4 after put(k3, 5) had completed on node-2";

function result(name: string, verdict: Verdict, reason: string): ScenarioResult {
  const stats = { ops: 240, ok: 236, fail: 4, unknown: 0, latencyP50Ms: 3, latencyP99Ms: 41 };
  return {
    name,
    verdict,
    reason,
    durationMs: 21_500,
    seed: 7,
    stats: { ...stats, rpcsPerOp: 6.2 },
    properties: [
      {
        property: "linearizability",
        status: verdict === "pass" ? "holds" : "violated",
        message: reason,
      },
    ],
    evidence: {},
  };
}

type Ending = "accepted" | "wrong_answer" | "inconclusive" | "build_error" | "judge_error";

/** One run stored and moved to its end through the state machine, `atMs` its creation. */
async function storeRun(store: LocalStore, ending: Ending, atMs: number): Promise<Submission> {
  const id = newSubmissionId(atMs);
  const input = { problemId: 1, problem: "raft", language: "python" as const };
  const files = { "main.py": "print('raft')\n" };
  const s = newSubmission({ ...input, files, scenarios: SCENARIOS }, { id, nowMs: atMs, seed: 7 });
  await store.create(s);
  const move = async (fn: (c: Submission) => Submission) =>
    (await store.transition(id, fn)).submission;
  await move((c) => advance(c, "building", atMs + 1_000));
  if (ending === "build_error") {
    const error = { stage: "build" as const, message: "the build failed with 1 problem" };
    return move((c) => advance(c, "build_failed", atMs + 4_000, { error }));
  }
  await move((c) => advance(c, "deploying", atMs + 4_000));
  await move((c) => advance(c, "testing", atMs + 9_000));
  const verdicts: Record<Exclude<Ending, "build_error">, [Verdict, string][]> = {
    accepted: SCENARIOS.map(() => ["pass", "every property held"]),
    wrong_answer: [
      ["pass", "every property held"],
      ["fail", STALE],
      ["fail", "two leaders in term 4: node-1 and node-3"],
    ],
    inconclusive: [
      ["pass", "every property held"],
      ["pass", "every property held"],
      ["unknown", "linearizability: the search hit its bound of 2,000,000 states"],
    ],
    judge_error: [["pass", "every property held"]],
  };
  const results = verdicts[ending].map(([v, why], i) => result(SCENARIOS[i]!, v, why));
  for (const [i, r] of results.entries()) await store.putResult(id, i, r);
  const end = ending === "judge_error" ? "failed" : "completed";
  const error = {
    stage: "pipeline" as const,
    message: "the judge's test-runner step failed 5 times",
  };
  return move((c) =>
    advance(c, end, atMs + 80_000, { results, ...(end === "failed" ? { error } : {}) }),
  );
}

test(
  "the runs list shows each run's verdict, filters by it, and pages",
  { timeout: 120_000 },
  async () => {
    const homeDir = mkdtempSync(join(tmpdir(), "cj-ui-runs-"));
    const home = judgeHome({ CLUSTERJUDGE_HOME: homeDir });
    const store = new LocalStore({ path: home.dbPath });
    const endings: Ending[] = [
      "wrong_answer",
      "accepted",
      "inconclusive",
      "build_error",
      "judge_error",
    ];
    const base = Date.UTC(2026, 11, 1, 9, 0, 0);
    // 25 runs, one page and a bit: the newest five, one of each verdict, come first.
    const runs: Submission[] = [];
    for (let i = 0; i < 25; i++) {
      runs.push(await storeRun(store, endings[i % endings.length]!, base + i * 60_000));
    }
    await store.close();
    const newest = [...runs].reverse();
    const wrong = newest.find((s) => s.outcome?.verdict === "wrong_answer")!;

    const browser = await launchChromium();
    const server = await startServer(homeDir);
    const failures: string[] = [];
    try {
      const page = browser.context.pages()[0] ?? (await browser.context.newPage());
      page.on("pageerror", (err) => failures.push(err.message));
      await page.goto(`${server.url}#/submissions`);
      const rows = page.locator("[data-testid=runs] tbody tr");
      await rows.first().waitFor();
      assert.equal(await rows.count(), 20, "the first page");
      const cells = async (id: string) => page.locator(`tr[data-run="${id}"] td`).allTextContents();
      const [, problem, , verdict, passed, firstFailure, status] = await cells(wrong.id);
      assert.deepEqual(
        [problem, verdict, passed, firstFailure, status],
        ["raft", "Wrong answer", "1/3", `log_replication: ${STALE}`, "completed"],
      );
      const labels = await page
        .locator("[data-testid=runs] tbody [data-testid=outcome]")
        .allTextContents();
      assert.deepEqual(labels.slice(0, 5).sort(), [
        "Accepted",
        "Build error",
        "Inconclusive",
        "Judge error",
        "Wrong answer",
      ]);
      mkdirSync(ARTEFACTS, { recursive: true });
      const shot = join(ARTEFACTS, "ui-runs.png");
      await page.screenshot({ path: shot });
      if (process.env.UPDATE_SCREENSHOT === "1") {
        copyFileSync(shot, join(REPO_ROOT, "docs", "ui-runs.png"));
      }

      await page.click("#older-runs");
      await page.waitForFunction(
        () => document.querySelectorAll("[data-testid=runs] tbody tr").length === 25,
      );
      assert.equal(await page.locator("#older-runs").isHidden(), true, "no page after the last");
      assert.deepEqual(
        await page
          .locator("[data-testid=runs] tbody tr")
          .evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-run"))),
        newest.map((s) => s.id),
        "newest first, each once",
      );

      await page.selectOption("#filter-verdict", "wrong_answer");
      await page.waitForFunction(
        () => document.querySelectorAll("[data-testid=runs] tbody tr").length === 5,
      );
      const verdicts = await page
        .locator("[data-testid=runs] tbody [data-testid=outcome]")
        .allTextContents();
      assert.deepEqual([...new Set(verdicts)], ["Wrong answer"]);
      await page.selectOption("#filter-status", "failed");
      await page.getByText("No runs match these filters.").waitFor();

      // The run's header: the verdict, the count, and the first failure choosing its report.
      await page.goto(`${server.url}#/submissions/${wrong.id}`);
      await page.locator("h1 [data-testid=outcome]", { hasText: "Wrong answer" }).waitFor();
      assert.equal(
        await page.locator("[data-testid=outcome-summary]").textContent(),
        `1/3 passed · first failure log_replication: ${STALE}`,
      );
      assert.equal(await page.locator("[data-testid=status]").textContent(), "completed");
      await page.locator("[data-testid=outcome-summary] a").click();
      await page.locator("[data-testid=report-log_replication]").waitFor();
      await page.screenshot({ path: join(ARTEFACTS, "ui-run-wrong-answer.png"), fullPage: true });
      assert.deepEqual(failures, [], "the page threw errors");
    } finally {
      await browser.close();
      await stopServer(server);
      rmSync(homeDir, { recursive: true, force: true });
    }
  },
);
