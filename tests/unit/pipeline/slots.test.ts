// K slots on the real pipeline: with two slots, three submissions from two users are judged
// two at a time, never three, each user's in the order they came, every one to its verdict.
import assert from "node:assert/strict";
import { test } from "vitest";
import type { Submission } from "../../../shared/domain/submission.ts";
import { statusRunner } from "./fixtures/status-runner.ts";
import { PYTHON_NODE, openPipeline } from "./harness.ts";

const SCENARIOS = ["first", "second"];

/** When a submission held its slot: from its build to its cluster's teardown. */
function held(s: Submission): [number, number] {
  return [s.stageTimes.building!, s.tornDownAt ?? s.updatedAt];
}

/** The most intervals that overlap at one moment. */
function mostAtOnce(intervals: [number, number][]): number {
  const edges = intervals.flatMap(([from, to]) => [
    [from, 1],
    [to, -1],
  ]);
  edges.sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
  let now = 0;
  let most = 0;
  for (const [, step] of edges) most = Math.max(most, (now += step!));
  return most;
}

test("with two slots, three submissions are judged two at a time and all reach a verdict", async () => {
  const h = openPipeline(statusRunner(SCENARIOS, 1_500), {}, 2);
  try {
    const input = { problem: "raft", language: "python", files: { "main.py": PYTHON_NODE } };
    const a1 = await h.pipeline.accept({ ...input, seed: 1 }, "alice");
    const a2 = await h.pipeline.accept({ ...input, seed: 2 }, "alice");
    const b1 = await h.pipeline.accept({ ...input, seed: 3 }, "bob");
    h.pipeline.start();
    const done = await Promise.all([a1, a2, b1].map((s) => h.pipeline.waitFor(s.id)));
    assert.deepEqual(
      done.map((s) => s.outcome?.verdict),
      ["accepted", "accepted", "accepted"],
    );
    assert.equal(mostAtOnce(done.map(held)), 2, "two at once, never three");
    const [d1, d2, d3] = done;
    assert.ok(
      d3!.stageTimes.building! < d2!.stageTimes.building!,
      "bob went before alice's second",
    );
    assert.ok(d1!.stageTimes.building! < d2!.stageTimes.building!, "alice's in her order");
    assert.deepEqual(h.calls, { builds: 3, deploys: 3, teardowns: 3 });
  } finally {
    await h.dispose();
  }
});
