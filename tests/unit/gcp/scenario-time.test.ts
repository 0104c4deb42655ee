// Event functions stop after their timeout (at most 9 minutes): one test-runner invocation
// runs one scenario, and may first redeploy a lost cluster. For every scenario of every problem and
// many seeds, that worst case must leave half the function's timeout in terraform/ spare
// for Cloud Run's service operations and a cold start.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "vitest";
import { parse } from "@cdktf/hcl2json";
import { CHECK_TIMEOUT_MS } from "../../../harness/index.ts";
import { FINAL_READ_BUDGET_MS } from "../../../harness/run-plan.ts";
import { REGISTRY } from "../../../problems/registry.ts";
import { CLOUD_RUN_LIMITS } from "../../../shared/adapters/gcp/cluster/limits.ts";

const FUNCTIONS_TF = new URL("../../../terraform/functions.tf", import.meta.url).pathname;
const SEEDS = 50;

test("one scenario, with a redeploy, fits in half the test-runner's timeout", async () => {
  const parsed = await parse("functions.tf", readFileSync(FUNCTIONS_TF, "utf8"));
  const timeoutS = Number(parsed.locals?.[0]?.functions?.["test-runner"]?.timeout_seconds);
  assert.ok(timeoutS > 0 && timeoutS <= 540, `test-runner timeout_seconds: ${timeoutS}`);
  const budgetMs = (timeoutS * 1000) / 2;
  for (const [name, plan] of REGISTRY.flatMap((p) => Object.entries(p.plans))) {
    for (let seed = 1; seed <= SEEDS; seed++) {
      const p = plan(seed);
      const lastFaultMs = Math.max(0, ...p.faults.map((f) => f.atMs));
      const runMs = Math.max(p.workloadMs, lastFaultMs) + p.recoveryMs + FINAL_READ_BUDGET_MS;
      const worstMs = CLOUD_RUN_LIMITS.nodeReadyTimeoutMs + runMs + CHECK_TIMEOUT_MS;
      assert.ok(worstMs <= budgetMs, `${name} seed ${seed}: ${worstMs} ms > ${budgetMs} ms`);
    }
  }
});
