// Debian's Chromium driven by playwright-core, as CI runs it: headless, no sandbox (CI runs
// as root), no background traffic, a fresh profile each time.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type BrowserContext } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Fails (never skips) without Chromium: the UI must be proven in CI. */
export async function launchChromium(): Promise<Browser> {
  assert.ok(
    existsSync(CHROMIUM),
    `${CHROMIUM} is missing: install Debian's chromium (scripts/setup.sh)`,
  );
  const profile = mkdtempSync(join(tmpdir(), "cj-ui-profile-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A file opened in a new page that records its errors and every request not for a file. */
export async function openFile(browser: Browser, path: string) {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  const fetched: string[] = [];
  page.on("pageerror", (err) => errors.push(err.message));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("request", (r) => !r.url().startsWith("file:") && fetched.push(r.url()));
  await page.goto(pathToFileURL(path).href);
  return { page, errors, fetched };
}
