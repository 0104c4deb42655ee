// The reference's logic in process: a key's queue lets requests out a whole drain interval
// apart by their scheduled release (a late timer cannot bunch them), refuses a request at once
// when queue_size are waiting, keeps each request id's answer, and after a late Configure lets
// nothing out for an interval; on random arrivals, the releases keep the outflow bound and no
// request waits longer than a full queue drains.
import assert from "node:assert/strict";
import fc from "fast-check";
import { test } from "vitest";
import { DrainQueue } from "../reference/typescript/drain-queue.ts";
import { Limiter } from "../reference/typescript/limiter.ts";

test("releases are an interval apart, a full queue refuses at once, and an idle queue lets the next out on arrival", () => {
  const queue = new DrainQueue();
  assert.deepEqual(
    [0, 0, 0, 0, 10].map((t) => queue.admit(t, 100, 2, -Infinity)),
    [0, 100, 200, null, null],
  );
  assert.equal(queue.admit(150, 100, 2, -Infinity), 300, "one left at 100: room for one");
  assert.equal(queue.admit(1000, 100, 0, -Infinity), 1000, "idle: out at once, even with no queue");
  assert.equal(queue.admit(1000, 100, 0, -Infinity), null, "no queue: nothing may wait");
});

test("a home answers allowed at the release, the same to a retry, and after a late Configure waits an interval", async () => {
  let now = 0;
  const slept: number[] = [];
  const sleep = async (ms: number) => {
    slept.push(ms);
  };
  const limiter = new Limiter(() => now, sleep);
  assert.equal(await limiter.decide("k", "r0"), false, "not configured: deny");
  limiter.configure({ drain_per_second: 10, queue_size: 1, elapsed_ms: 0 });
  assert.deepEqual(await Promise.all(["r1", "r2", "r3"].map((id) => limiter.decide("k", id))), [
    true,
    true,
    false,
  ]);
  assert.deepEqual(slept, [0, 100]);
  assert.equal(await limiter.decide("k", "r2"), true, "a retry: the same answer, no new wait");
  assert.equal(slept.length, 2);
  now = 5000;
  const restarted = new Limiter(() => now, sleep);
  restarted.configure({ drain_per_second: 10, queue_size: 1, elapsed_ms: 4000 });
  assert.equal(await restarted.decide("k", "r4"), true);
  assert.equal(slept.at(-1), 100, "the first release an interval after the late Configure");
});

test("on random arrivals, releases keep one per interval and no request waits longer than the queue drains", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 500 }),
      fc.integer({ min: 0, max: 6 }),
      fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: 1, maxLength: 80 }),
      (intervalMs, queueSize, arrivals) => {
        const queue = new DrainQueue();
        const released: number[] = [];
        for (const at of [...arrivals].sort((a, b) => a - b)) {
          const release = queue.admit(at, intervalMs, queueSize, -Infinity);
          if (release === null) continue;
          assert.ok(release - at <= queueSize * intervalMs, `waited ${release - at}`);
          released.push(release);
        }
        for (let i = 1; i < released.length; i++)
          assert.ok((released[i] as number) - (released[i - 1] as number) >= intervalMs);
      },
    ),
    { numRuns: 2000 },
  );
});
