// A key's home in virtual time (the family's network simulation has no timers for a queue that
// answers later): bursts and saturating clients call the reference's Limiter, or a mutant's,
// each answer recorded at its release plus a hop, as the judge would record it. The checks
// hold on the reference over random loads, and catch each queue mutant under the bursts
// scenario's burst on every seed: the in-process half of their 5-of-5 argument (mutants.ts).
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { afterAll, test } from "vitest";
import { applyMutantEdits } from "../../../harness/mutants.ts";
import type { AllowOp, RateRecord } from "../../../harness/rate-limit/index.ts";
import { seededRandom } from "../../../harness/random.ts";
import type { RunRecord } from "../../../harness/run-record.ts";
import { runRecord } from "../../../tests/support/run-record.ts";
import { bucketChecks } from "../checks.ts";
import type { QueueLimit } from "../client.ts";
import { mutants } from "../mutants.ts";
import { LIMIT } from "../plans/limit.ts";
import { Limiter } from "../reference/typescript/limiter.ts";

const reference = fileURLToPath(new URL("../reference/typescript/", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "leaky-bucket-home-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

class VirtualTime {
  now = 0;
  private timers: { at: number; wake: () => void }[] = [];

  sleep = (ms: number): Promise<void> =>
    new Promise((wake) => {
      this.timers.push({ at: this.now + Math.max(0, ms), wake });
    });

  /** Runs every timer due by `untilMs` in time order, letting promises settle between. */
  async advance(untilMs: number): Promise<void> {
    for (;;) {
      for (let i = 0; i < 8; i++) await Promise.resolve();
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > untilMs) break;
      this.timers.shift();
      this.now = next.at;
      next.wake();
    }
    this.now = untilMs;
  }
}

interface Load {
  seed: number;
  limit: QueueLimit;
  /** Requests arriving together at atMs. */
  bursts: { atMs: number; requests: number }[];
  /** Single requests at these times. */
  singles: number[];
}

/** The judge's view of one key's home under `load`: every request's interval and answer. */
async function simulateHome(load: Load, LimiterClass: typeof Limiter): Promise<RunRecord<AllowOp>> {
  const time = new VirtualTime();
  const rng = seededRandom(load.seed);
  const hop = () => 0.2 + rng.next() * 3;
  const limiter = new LimiterClass(() => time.now + 5000, time.sleep);
  limiter.configure({
    drain_per_second: load.limit.drainPerSecond,
    queue_size: load.limit.queueSize,
    elapsed_ms: 0,
  });
  const history: AllowOp[] = [];
  const arrivals = [
    ...load.bursts.flatMap((b) => Array.from({ length: b.requests }, () => b.atMs)),
    ...load.singles,
  ].sort((a, b) => a - b);
  for (const [i, invokeMs] of arrivals.entries()) {
    await time.advance(invokeMs + hop());
    const op: AllowOp = {
      id: i,
      client: `c${i}`,
      sequence: 1,
      f: "allow",
      key: "k",
      outcome: "info",
      startMs: invokeMs,
      endMs: null,
      attempts: [],
    };
    history.push(op);
    void limiter.decide("k", `r${i}`).then((allowed) => {
      const endMs = time.now + hop();
      op.outcome = "ok";
      op.output = allowed;
      op.endMs = endMs;
      op.attempts.push({ node: "node-0", startMs: invokeMs, endMs, result: "ok" });
    });
  }
  // Every release is at most queue_size intervals away: ten seconds see them all out.
  await time.advance(time.now + 10_000);
  const record: RateRecord = {
    limit: load.limit,
    epochMs: -5000,
    configures: [
      {
        node: "node-0",
        starts: 1,
        attempts: [{ node: "node-0", startMs: -5000, endMs: -4999, result: "ok", elapsedMs: 0 }],
        answeredMs: -4999,
      },
    ],
  };
  return runRecord({ problem: "leaky-bucket", nodes: ["node-0"], history, problemRecord: record });
}

const CHECK_OPTS = { searchTimeoutMs: 1000 };

test("the reference's home keeps the outflow and the queue wait on random loads", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.record({
        seed: fc.integer({ min: 1, max: 1_000_000 }),
        drainPerSecond: fc.integer({ min: 1, max: 50 }),
        queueSize: fc.integer({ min: 0, max: 6 }),
        bursts: fc.array(
          fc.record({
            atMs: fc.integer({ min: 0, max: 3000 }),
            requests: fc.integer({ min: 1, max: 30 }),
          }),
          { maxLength: 3 },
        ),
        singles: fc.array(fc.integer({ min: 0, max: 3000 }), { maxLength: 40 }),
      }),
      async (p) => {
        const run = await simulateHome(
          {
            seed: p.seed,
            limit: { drainPerSecond: p.drainPerSecond, queueSize: p.queueSize },
            bursts: p.bursts,
            singles: p.singles,
          },
          Limiter,
        );
        for (const check of bucketChecks.slice(0, 2)) {
          const result = check.run(run, CHECK_OPTS);
          assert.notEqual(result.status, "violated", result.message);
        }
      },
    ),
    { numRuns: 500 },
  );
}, 60_000);

async function mutantLimiter(name: string): Promise<typeof Limiter> {
  const mutant = mutants.find((m) => m.name === name);
  assert.ok(mutant, name);
  const dir = join(work, name);
  cpSync(reference, dir, { recursive: true });
  applyMutantEdits(dir, mutant);
  return ((await import(join(dir, "limiter.ts"))) as { Limiter: typeof Limiter }).Limiter;
}

/** The bursts scenario's burst as the key's home sees it: 30 at once. */
const BURST_LOAD = (seed: number): Load => ({
  seed,
  limit: LIMIT,
  bursts: [{ atMs: 2500, requests: 30 }],
  singles: [],
});

for (const name of ["unbounded-queue", "spaced-from-arrival", "interval-in-seconds"]) {
  test(`${name}: caught on every seed of the bursts scenario's burst`, async () => {
    const mutant = mutants.find((m) => m.name === name);
    const LimiterClass = await mutantLimiter(name);
    for (let seed = 1; seed <= 20; seed++) {
      const run = await simulateHome(BURST_LOAD(seed), LimiterClass);
      const reasons = bucketChecks
        .slice(0, 2)
        .map((c) => c.run(run, CHECK_OPTS))
        .filter((r) => r.status === "violated")
        .map((r) => `${r.property}: ${r.message}`);
      assert.ok(
        reasons.some((r) => new RegExp(mutant?.expectReason ?? "^$").test(r)),
        `seed ${seed}: ${reasons.join(" | ") || "not caught"}`,
      );
    }
  });
}

test("the reference passes the same bursts: one out at once, four queued, the rest refused", async () => {
  for (let seed = 1; seed <= 20; seed++) {
    const run = await simulateHome(BURST_LOAD(seed), Limiter);
    assert.equal(run.history.filter((op) => op.output === true).length, LIMIT.queueSize + 1);
    for (const check of bucketChecks.slice(0, 2))
      assert.equal(check.run(run, CHECK_OPTS).status, "holds", `seed ${seed}`);
  }
});
