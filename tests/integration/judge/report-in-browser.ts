// A judged run's scenario reports opened in Debian's Chromium from disk, as a user opens them:
// each draws its charts and properties, and the problem's own panel when it has one, with no
// page error and nothing fetched. Every registered problem's UI is proven on a real run.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { problemDir } from "../../../problems/paths.ts";
import { launchChromium, openFile } from "../../browser/chromium.ts";
import type { JudgeOutcome } from "./run-cli.ts";

export async function reportsDrawInBrowser(problem: string, outcome: JudgeOutcome): Promise<void> {
  const hasPanel = existsSync(`${problemDir(problem)}/report-panel.ts`);
  const browser = await launchChromium();
  try {
    for (const scenario of outcome.summary?.scenarios ?? []) {
      assert.ok(scenario.reportPath, `${problem} ${scenario.name}: no report.html in the summary`);
      const { page, errors, fetched } = await openFile(browser, scenario.reportPath);
      const what = `${problem} ${scenario.name} (${scenario.reportPath})`;
      await page.locator("[data-testid=timeline-plot] svg").first().waitFor({ timeout: 20_000 });
      assert.ok((await page.locator("[data-testid=properties] tr").count()) > 1, what);
      if (hasPanel) {
        await page.locator("[data-testid=problem-panel]").waitFor({ timeout: 20_000 });
        const drawn = await page
          .locator("[data-testid=problem-panel] svg, [data-testid=problem-panel] table")
          .count();
        assert.ok(drawn > 0, `${what}: the problem's panel drew nothing`);
      }
      assert.deepEqual(errors, [], what);
      assert.deepEqual(fetched, [], what);
      await page.close();
    }
  } finally {
    await browser.close();
  }
}
