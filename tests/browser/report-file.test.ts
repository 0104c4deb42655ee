// The file reports in a real browser (Debian's Chromium, tests/browser/chromium.ts), opened
// from file:// with no server: a committed judged run (tests/fixtures/data/report-run) gets
// its scenario's and its run's report.html written as the judge writes them; the charts,
// Raft's panel, the message diagram, the counterexample and every evidence link must work,
// nothing may be fetched, and text the nodes wrote must stay text.
import { afterAll, beforeAll, test } from "vitest";
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { writeRunReport, writeScenarioReport } from "../../harness/report-html.ts";
import type { ScenarioResult } from "../../shared/domain/result.ts";
import type { SubmissionSummary } from "../../shared/domain/submission.ts";
import { launchChromium, openFile, type Browser } from "./chromium.ts";

const FIXTURE = fileURLToPath(new URL("../fixtures/data/report-run", import.meta.url));
const SCENARIO = "node_recovery";
const HOSTILE = `</script><img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>`;
/** The fixture's scenario report is about 0.43 MB (0.31 MB of it the script): far under. */
const REPORT_BYTES_MAX = 1_500_000;

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});

interface Run {
  dir: string;
  submission: SubmissionSummary;
  result: ScenarioResult;
}

/** The fixture copied to a fresh folder, its evidence paths made absolute as the judge keeps them. */
function copyFixture(): Run {
  const dir = mkdtempSync(join(tmpdir(), "cj-report-"));
  cpSync(FIXTURE, dir, { recursive: true });
  const report = JSON.parse(readFileSync(join(dir, "report.json"), "utf8")) as {
    submission: SubmissionSummary;
    results: ScenarioResult[];
  };
  const result = report.results[0]!;
  const abs = (p: string) => join(dir, p);
  const e = result.evidence;
  for (const k of ["history", "messages", "faults", "counterexample"] as const)
    if (e[k]) e[k] = abs(e[k]);
  e.logs = Object.fromEntries(Object.entries(e.logs ?? {}).map(([n, p]) => [n, abs(p)]));
  return { dir, submission: report.submission, result };
}

async function writeReports(run: Run): Promise<{ scenario: string; runReport: string }> {
  const scenarioDir = join(run.dir, "scenarios", SCENARIO);
  run.result.evidence.report = await writeScenarioReport(scenarioDir, run.result, "raft");
  const runReport = await writeRunReport(run.dir, run.submission, [run.result]);
  return { scenario: run.result.evidence.report, runReport };
}

const open = (path: string) => openFile(browser, path);

/** Each link's target, resolved against the page's own file URL. */
async function linkTargets(page: Page, selector: string): Promise<string[]> {
  const hrefs = await page
    .locator(selector)
    .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
  return hrefs.map((h) => fileURLToPath(h));
}

test(
  "a scenario's report.html draws the UI's charts, the panel and the counterexample from disk",
  { timeout: 120_000 },
  async () => {
    const run = copyFixture();
    try {
      const { scenario } = await writeReports(run);
      const bytes = statSync(scenario).size;
      console.log(`scenario report.html: ${bytes} bytes`);
      assert.ok(bytes < REPORT_BYTES_MAX, `the report is ${bytes} bytes`);
      const { page, errors, fetched } = await open(scenario);
      for (const plot of ["timeline-plot", "latency-plot", "message-plot"])
        await page.locator(`[data-testid=${plot}] svg`).first().waitFor({ timeout: 20_000 });
      const bars = await page.locator("[data-testid=timeline-plot] svg rect").count();
      assert.ok(bars > 300, `the timeline drew ${bars} rectangles for 373 operations`);
      await page.locator("[data-testid=problem-panel] svg").first().waitFor();
      assert.match(
        (await page.locator("[data-testid=problem-panel] h3").textContent()) ?? "",
        /clients' calls/,
      );
      // The default window starts just before the first fault (2.77 s): the fixture has them.
      const arrows = await page.locator("[data-testid=message-plot] svg path").count();
      assert.ok(arrows > 50, `the message diagram drew ${arrows} paths`);
      assert.match(
        (await page.getByTestId("message-note").textContent()) ?? "",
        /^\d+ messages started in/,
      );
      // A window past the messages the fixture holds draws an empty diagram and says so.
      await page.fill("#window-from", "8");
      await page.dispatchEvent("#window-from", "change");
      await page
        .getByTestId("message-note")
        .filter({ hasText: /^0 messages started in 8–9 s/ })
        .waitFor();
      const srcdoc = await page.getByTestId("counterexample").getAttribute("srcdoc");
      assert.match(srcdoc ?? "", /not linearizable on key k2/);
      const properties = await page.locator("[data-testid=properties] tr").count();
      assert.equal(properties, 1 + (run.result.properties?.length ?? 0));
      const links = await linkTargets(page, "[data-testid=evidence-links] a");
      const names = links
        .map((l) => l.slice(join(run.dir, "scenarios", SCENARIO).length + 1))
        .sort();
      assert.deepEqual(names, [
        "faults.json",
        "history.json",
        "linearizability.html",
        "logs/node-0.log",
        "logs/node-1.log",
        "logs/node-2.log",
        "logs/node-3.log",
        "logs/node-4.log",
        "messages.jsonl",
      ]);
      for (const l of links) assert.ok(existsSync(l), `${l} is linked but missing`);
      const node3 = page.locator("[data-testid=node-logs] details", { hasText: "node-3" });
      await node3.locator("summary").click();
      await node3.locator("pre").filter({ hasNotText: "Loading" }).waitFor();
      assert.match((await node3.locator("pre").textContent()) ?? "", /\S/);
      assert.deepEqual(errors, [], "the page reported errors");
      assert.deepEqual(fetched, [], "the page fetched something");
    } finally {
      rmSync(run.dir, { recursive: true, force: true });
    }
  },
);

test(
  "a run's report.html shows the overall verdict and links every scenario's report",
  { timeout: 120_000 },
  async () => {
    const run = copyFixture();
    try {
      const { runReport, scenario } = await writeReports(run);
      console.log(`run report.html: ${statSync(runReport).size} bytes`);
      const { page, errors, fetched } = await open(runReport);
      await page.getByTestId("run-report").waitFor();
      assert.equal(await page.getByTestId("outcome").textContent(), "Wrong answer (0/1 passed)");
      const row = page.locator(`[data-testid=verdicts] tr[data-scenario=${SCENARIO}]`);
      assert.equal(await row.getByTestId("verdict").textContent(), "fail");
      assert.deepEqual(await linkTargets(page, `tr[data-scenario=${SCENARIO}] a`), [scenario]);
      const links = await linkTargets(page, "[data-testid=evidence-links] a");
      assert.ok(links.includes(join(run.dir, "report.json")));
      assert.ok(links.includes(scenario));
      assert.ok(links.some((l) => l.endsWith("linearizability.html")));
      for (const l of links) assert.ok(existsSync(l), `${l} is linked but missing`);
      // Followed from the run's page, the scenario's report draws.
      await row.locator("a").click();
      await page.locator("[data-testid=timeline-plot] svg").first().waitFor({ timeout: 20_000 });
      assert.deepEqual(errors, [], "the pages reported errors");
      assert.deepEqual(fetched, [], "the pages fetched something");
    } finally {
      rmSync(run.dir, { recursive: true, force: true });
    }
  },
);

test(
  "text the nodes wrote (a log line, a leader hint, a decoded field) renders as text",
  { timeout: 120_000 },
  async () => {
    const run = copyFixture();
    try {
      const e = run.result.evidence;
      writeFileSync(e.logs!["node-0"]!, `started\n${HOSTILE}\n`);
      const history = JSON.parse(readFileSync(e.history!, "utf8")) as {
        ops: { attempts: { hint?: string }[] }[];
      };
      const attempt = history.ops.flatMap((op) => op.attempts).find((a) => a.hint !== undefined);
      assert.ok(attempt, "the fixture has a leader hint");
      attempt.hint = HOSTILE;
      writeFileSync(e.history!, JSON.stringify(history));
      const messages = readFileSync(e.messages!, "utf8").trimEnd().split("\n");
      const first = JSON.parse(messages[0]!) as { request?: Record<string, unknown> };
      first.request = { ...first.request, leader_id: HOSTILE };
      writeFileSync(e.messages!, [JSON.stringify(first), ...messages.slice(1)].join("\n") + "\n");
      run.result.reason = `node said ${HOSTILE}`;
      const { scenario } = await writeReports(run);
      const html = readFileSync(scenario, "utf8");
      assert.ok(!html.includes("<img"), "an <img> tag reached the page's source");
      const { page, errors } = await open(scenario);
      await page.locator("[data-testid=problem-panel] svg").first().waitFor({ timeout: 20_000 });
      await page.locator("[data-testid=node-logs] summary", { hasText: "node-0" }).click();
      const log = page.locator("[data-testid=node-logs] pre").first();
      await log.filter({ hasText: "started" }).waitFor();
      assert.ok((await log.textContent())?.includes(HOSTILE), "the log line is shown as it was");
      assert.ok((await page.locator("h2 + p").first().textContent())?.includes(HOSTILE));
      // The hint is in the panel's tooltips, the field in the message diagram's (SVG <title>).
      const titles = await page.locator("svg title").allTextContents();
      assert.ok(
        titles.some((t) => t.includes(`leader hint: ${HOSTILE}`)),
        "the hint's tooltip",
      );
      await page.fill("#window-from", "2.5");
      await page.dispatchEvent("#window-from", "change");
      await page
        .locator("[data-testid=message-plot] title")
        // JSON-quoted in the tooltip: its quotes escaped, its tags as they were.
        .filter({ hasText: `</script><img src=x onerror=` })
        .first()
        .waitFor({ state: "attached" });
      assert.equal(await page.locator("img").count(), 0);
      assert.equal(await page.evaluate(() => (window as { __pwned?: number }).__pwned), undefined);
      assert.deepEqual(errors, [], "the page reported errors");
      // Even markup that did get in could run nothing: the page's policy allows its own
      // script only, so an inline handler is refused.
      const ran = await page.evaluate(() => {
        const button = document.createElement("button");
        button.setAttribute("onclick", "window.__ran = 1");
        document.body.append(button);
        button.click();
        return (window as { __ran?: number }).__ran;
      });
      assert.equal(ran, undefined);
    } finally {
      rmSync(run.dir, { recursive: true, force: true });
    }
  },
);
