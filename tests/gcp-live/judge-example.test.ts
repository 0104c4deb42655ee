// Live: deploys the judge to a real project with terraform (bundles from `npm run build`),
// signs a fresh user up with email and password (the API wants a Firebase ID token), posts
// the reference Raft to the deployed api and waits for its verdict. Skipped, saying
// why, without GOOGLE_CLOUD_PROJECT, credentials and terraform (tests/gcp-live/live-env.ts).
// It creates billable resources: docs/deploy-gcp.md gives the cost of one run.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, it } from "vitest";
import { buildFunctions } from "../../scripts/build-functions.ts";
import { liveConfig, liveSkipReason } from "./live-env.ts";
import { skipIf } from "../support/skip.ts";

const REPO = new URL("../../", import.meta.url).pathname;
const TERRAFORM_DIR = join(REPO, "terraform");
const SOLUTION_DIR = join(REPO, "problems", "raft", "reference", "typescript");
/** Build, deploy and every scenario, with room for cold starts. */
const VERDICT_TIMEOUT_MS = 45 * 60_000;
const POLL_MS = 10_000;
const TERMINAL = new Set(["completed", "build_failed", "deploy_failed", "failed"]);
const IDENTITY_TOOLKIT = "https://identitytoolkit.googleapis.com/v1";

/** An ID token of a new user, signed up through the Firebase web config the api serves. */
async function signUp(apiUrl: string): Promise<string> {
  const { apiKey } = (await (await fetch(`${apiUrl}/config.json`)).json()) as { apiKey: string };
  const res = await fetch(`${IDENTITY_TOOLKIT}/accounts:signUp?key=${apiKey}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      email: `live-test-${Date.now()}@example.com`,
      password: `pw-${Math.random().toString(36).slice(2)}`,
      returnSecureToken: true,
    }),
  });
  assert.equal(res.status, 200, `sign-up (email/password must be enabled): ${await res.text()}`);
  return ((await res.json()) as { idToken: string }).idToken;
}

const skip = liveSkipReason();

function terraform(args: string[]): string {
  const run = spawnSync("terraform", [`-chdir=${TERRAFORM_DIR}`, ...args], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`terraform ${args[0]} failed (exit ${run.status})`);
  return run.stdout;
}

describe("the judge on Google Cloud", skipIf(skip), () => {
  const config = liveConfig();
  const vars = [`-var=project_id=${config.project}`];
  if (config.region) vars.push(`-var=region=${config.region}`);
  let apiUrl = "";

  beforeAll(async () => {
    await buildFunctions();
    terraform(["init", "-input=false"]);
    terraform(["apply", "-input=false", "-auto-approve", ...vars]);
    apiUrl = JSON.parse(terraform(["output", "-json"])).api_url.value as string;
  });

  afterAll(() => {
    if (config.destroy) terraform(["destroy", "-input=false", "-auto-approve", ...vars]);
  });

  it(
    "judges the reference Raft: every scenario passes",
    { timeout: VERDICT_TIMEOUT_MS },
    async () => {
      const files = Object.fromEntries(
        readdirSync(SOLUTION_DIR).map((f) => [f, readFileSync(join(SOLUTION_DIR, f), "utf8")]),
      );
      const base = `${apiUrl}/api/distributed`;
      const auth = { authorization: `Bearer ${await signUp(apiUrl)}` };
      const get = (path: string) => fetch(`${base}${path}`, { headers: auth });
      const posted = await fetch(`${base}/submissions`, {
        method: "POST",
        headers: { "content-type": "application/json", ...auth },
        body: JSON.stringify({
          problemId: 1,
          language: "typescript",
          files,
          ...(config.scenarios ? { scenarios: config.scenarios } : {}),
        }),
      });
      assert.equal(posted.status, 202, await posted.clone().text());
      const { id } = (await posted.json()) as { id: string };
      const deadline = Date.now() + VERDICT_TIMEOUT_MS;
      let status = "queued";
      while (!TERMINAL.has(status) && Date.now() < deadline) {
        await sleep(POLL_MS);
        const s = (await (await get(`/submissions/${id}`)).json()) as { status: string };
        status = s.status;
      }
      const tests = (await (await get(`/submissions/${id}/tests`)).json()) as {
        scenarios: string[];
        tests: { result: { name: string; verdict: string; reason: string } }[];
      };
      assert.equal(status, "completed", `submission ${id} ended ${status}`);
      assert.equal(tests.tests.length, tests.scenarios.length);
      for (const t of tests.tests)
        assert.equal(t.result.verdict, "pass", `${t.result.name}: ${t.result.reason}`);
    },
  );
});
