// The reference's logic in process: the log admits at most `limit` in any window, a request
// id's decision is given again and counted once, a restarted home allows nothing for a
// window, an unreachable home means deny; then the whole cluster on the simulated network
// (simulation.ts) under random schedules of the scenarios' faults: every window of the true
// decisions, and every window the judge can see from the history, holds at most `limit`.
import assert from "node:assert/strict";
import fc from "fast-check";
import { test } from "vitest";
import { Frontdoor } from "../reference/typescript/frontdoor.ts";
import { homeOf } from "../reference/typescript/home.ts";
import { InvalidRequest, Limiter, OtherConfig } from "../reference/typescript/limiter.ts";
import { SlidingLog } from "../reference/typescript/sliding-log.ts";
import { NODES, overAdmissionIn, simulate } from "./simulation.ts";

test("the log admits `limit` in any window and takes one more once the oldest has left", () => {
  const log = new SlidingLog();
  assert.deepEqual(
    [0, 10, 20, 999, 1000, 1009, 1010].map((t) => log.admit(t, 3, 1000)),
    [true, true, true, false, true, false, true],
  );
});

test("a home decides once per request id, and configured again after a restart allows nothing for a window", () => {
  let now = 5000;
  const limiter = new Limiter(() => now);
  assert.equal(limiter.decide("k", "r1"), false, "not configured: deny");
  limiter.configure({ limit: 2, window_ms: 1000, elapsed_ms: 0 });
  limiter.configure({ limit: 2, window_ms: 1000, elapsed_ms: 40 });
  assert.throws(() => limiter.configure({ limit: 3, window_ms: 1000, elapsed_ms: 0 }), OtherConfig);
  assert.deepEqual(
    [limiter.decide("k", "r2"), limiter.decide("k", "r3"), limiter.decide("k", "r4")],
    [true, true, false],
  );
  assert.equal(limiter.decide("k", "r2"), true, "a retry gets its decision again");
  now += 1000;
  assert.equal(limiter.decide("k", "r4"), false, "and the denied one stays denied");
  assert.equal(limiter.decide("k", "r5"), true);
  const restarted = new Limiter(() => now);
  restarted.configure({ limit: 2, window_ms: 1000, elapsed_ms: 7000 });
  assert.equal(restarted.decide("k", "r6"), false, "the window after a late Configure");
  now += 1000;
  assert.equal(restarted.decide("k", "r7"), true);
});

test("an entry node forwards to the key's home, denies when the home does not answer, and answers a retry the same", async () => {
  const key = ["a", "b", "c", "d", "e", "f"].find((k) => homeOf(k, NODES) !== "node-0") as string;
  const limiter = new Limiter(() => 0);
  let reachable = false;
  const asked: string[] = [];
  const door = new Frontdoor(
    "node-0",
    NODES,
    limiter,
    async (home) => {
      asked.push(home);
      if (!reachable) throw new Error("unavailable");
      return true;
    },
    () => 0,
  );
  assert.equal(await door.allow({ key, request_id: "r1" }), false, "not configured: deny");
  assert.throws(() => door.allow({ key: "", request_id: "r1" }), InvalidRequest);
  limiter.configure({ limit: 5, window_ms: 1000, elapsed_ms: 0 });
  assert.equal(await door.allow({ key, request_id: "r1" }), false);
  reachable = true;
  assert.equal(await door.allow({ key, request_id: "r1" }), false, "the same answer");
  assert.equal(await door.allow({ key, request_id: "r2" }), true);
  assert.deepEqual(asked, [homeOf(key, NODES), homeOf(key, NODES)]);
});

/** The largest number of allowed decisions any window shorter than `windowMs` holds. */
function densestTrueWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; j < sorted.length; j++) {
    while ((sorted[j] as number) - (sorted[i] as number) >= windowMs) i++;
    best = Math.max(best, j - i + 1);
  }
  return best;
}

const byKey = <T extends { key: string }>(items: T[]): Map<string, T[]> => {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(item.key, [...(groups.get(item.key) ?? []), item]);
  return groups;
};

test("on random schedules of partitions, restarts with skewed clocks and lost answers, no window holds more than the limit", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.record({
        seed: fc.integer({ min: 1, max: 1_000_000 }),
        limit: fc.integer({ min: 1, max: 8 }),
        windowMs: fc.integer({ min: 100, max: 1500 }),
        clients: fc.integer({ min: 1, max: 6 }),
        keys: fc.integer({ min: 1, max: 4 }),
        think: fc.integer({ min: 0, max: 80 }),
        hop: fc.integer({ min: 0, max: 150 }),
        lose: fc.constantFrom(0, 0.2),
        cutNode: fc.option(fc.constantFrom(...NODES)),
        restartNode: fc.option(fc.constantFrom(...NODES)),
        configureMs: fc.integer({ min: 0, max: 300 }),
        skewMs: fc.integer({ min: -5000, max: 5000 }),
        faultAt: fc.integer({ min: 0, max: 2000 }),
      }),
      async (p) => {
        const config = { limit: p.limit, window_ms: p.windowMs };
        const { ops, allowedAt } = await simulate({
          seed: p.seed,
          config,
          durationMs: 3000,
          clients: p.clients,
          keys: Array.from({ length: p.keys }, (_, i) => `k${i}`),
          thinkMs: [0, p.think],
          delayMs: [0, p.hop],
          loseAnswerProbability: p.lose,
          ...(p.cutNode && {
            partition: { node: p.cutNode, fromMs: p.faultAt, toMs: p.faultAt + 800 },
          }),
          ...(p.restartNode && {
            restart: {
              node: p.restartNode,
              downMs: p.faultAt,
              upMs: p.faultAt + 200,
              skewMs: p.skewMs,
              configureMs: p.configureMs,
            },
          }),
        });
        for (const [key, allowed] of byKey(allowedAt)) {
          const most = densestTrueWindow(
            allowed.map((a) => a.atMs),
            p.windowMs,
          );
          assert.ok(most <= p.limit, `${key}: ${most} allowed within ${p.windowMs} ms`);
        }
        for (const [key, seen] of byKey(ops)) {
          const over = overAdmissionIn(seen, { limit: p.limit, windowMs: p.windowMs });
          assert.equal(over, null, `${key}: ${JSON.stringify(over)}`);
        }
      },
    ),
    { numRuns: 1000 },
  );
});

test("with no fault and each key's requests spaced a window/limit apart, nothing is denied", async () => {
  const { ops } = await simulate({
    seed: 7,
    config: { limit: 5, window_ms: 1000 },
    durationMs: 4000,
    clients: 3,
    keys: ["k0", "k1", "k2"],
    thinkMs: [600, 700],
    delayMs: [1, 5],
    loseAnswerProbability: 0,
  });
  assert.ok(ops.length > 15);
  assert.ok(ops.every((op) => op.allowed === true));
});
