// The web UI in a real browser (Debian's Chromium through playwright-core), against
// `npm start`'s server in a fresh judge home: submit the reference Raft on one scenario,
// watch it run live to completed, read the verdict table and the plots, save a screenshot
// (tmp/artefacts/; also docs/ui-screenshot.png with UPDATE_SCREENSHOT=1).
import { test } from "vitest";
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { REPO_ROOT } from "../../shared/pipeline/home.ts";
import { referenceDirOf } from "../../problems/paths.ts";

const referenceDir = referenceDirOf("raft", "typescript");
import { launchChromium } from "./chromium.ts";
import { startServer, stopServer } from "./server.ts";

const ARTEFACTS = join(REPO_ROOT, "tmp", "artefacts");
const SCENARIO = "leader_election";
/** Build, deploy and one scenario take about 40 s here; CI machines may be slower. */
const RUN_WAIT_MS = 180_000;

async function submitReference(page: Page, url: string, seed: number): Promise<void> {
  await page.goto(`${url}#/problems/1`);
  await page.waitForSelector("[data-testid=submit-form]");
  await page.selectOption("#language", "typescript");
  await page.waitForFunction(() =>
    (document.querySelector("#editor") as HTMLTextAreaElement | null)?.value.includes("grpc"),
  );
  const files = readdirSync(referenceDir).map((name) => join(referenceDir, name));
  await page.setInputFiles("#upload-files", files);
  await page.waitForSelector("[data-testid=file-tabs] button:text-is('raft-node.ts')");
  for (const box of await page.$$("input[data-scenario]")) {
    const name = await box.getAttribute("data-scenario");
    await box.setChecked(name === SCENARIO);
  }
  await page.fill("#seed", String(seed));
  await page.click("#submit");
  await page.waitForURL(/#\/submissions\//);
}

test(
  "the UI submits the reference Raft and shows its run live to a verdict",
  { timeout: 300_000 },
  async () => {
    const browser = await launchChromium();
    const home = mkdtempSync(join(tmpdir(), "cj-ui-home-"));
    const seed = Number(process.env.CLUSTERJUDGE_TEST_SEED ?? 1 + Math.floor(Math.random() * 1e6));
    const server = await startServer(home);
    const failures: string[] = [];
    try {
      const page = browser.context.pages()[0] ?? (await browser.context.newPage());
      page.on("pageerror", (err) => failures.push(err.message));
      await submitReference(page, server.url, seed);
      const verdict = page.locator(`tr[data-scenario=${SCENARIO}] [data-testid=verdict]`);
      // Live: the scenario is seen running before it has a verdict.
      await verdict.filter({ hasText: "running" }).waitFor({ timeout: RUN_WAIT_MS });
      await page
        .locator("[data-testid=status]", {
          hasText: /^(completed|build_failed|deploy_failed|failed)$/,
        })
        .waitFor({ timeout: RUN_WAIT_MS });
      const status = await page.locator("[data-testid=status]").textContent();
      assert.equal(
        status,
        "completed",
        `seed ${seed}: the run ended ${status}\n${server.output()}`,
      );
      assert.equal(await verdict.textContent(), "pass", `seed ${seed}: the reference did not pass`);
      // The overall verdict, not the status, is what the header shows.
      assert.equal(await page.locator("h1 [data-testid=outcome]").textContent(), "Accepted");
      assert.equal(await page.locator("[data-testid=outcome-summary]").textContent(), "1/1 passed");
      const reached = await page.locator("[data-testid=stages]").getAttribute("data-reached");
      assert.equal(reached, "queued building deploying testing completed");
      for (const plot of ["timeline-plot", "latency-plot", "message-plot"]) {
        await page.locator(`[data-testid=${plot}] svg`).first().waitFor({ timeout: 30_000 });
      }
      const marks = await page.locator("[data-testid=timeline-plot] svg rect").count();
      assert.ok(marks > 10, `the timeline drew ${marks} rectangles`);
      // The pipeline tears the cluster down after the last scenario; the stream shows it.
      await page.getByText("cluster torn down").waitFor({ timeout: 60_000 });
      mkdirSync(ARTEFACTS, { recursive: true });
      const shot = join(ARTEFACTS, "ui-run.png");
      await page.screenshot({ path: shot, fullPage: true });
      if (process.env.UPDATE_SCREENSHOT === "1") {
        copyFileSync(shot, join(REPO_ROOT, "docs", "ui-screenshot.png"));
      }
      assert.deepEqual(failures, [], "the page threw errors");
      await browser.close();
      // Idle, the server stops cleanly: no step running, every cluster torn down.
      assert.equal(await stopServer(server), 0);
      assert.match(server.output(), /stopped; clusters torn down/);
    } finally {
      await browser.close();
      await stopServer(server);
      rmSync(home, { recursive: true, force: true });
    }
  },
);
