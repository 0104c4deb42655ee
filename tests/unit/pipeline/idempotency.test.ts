// Every event delivered more than once, late and out of order: still one build, one cluster,
// one run and one result per scenario. First during a run (each event published again after
// a delay, while the chain has moved on, with two messages handled at once per step), then
// after it (every event replayed in reverse order, as a first delivery and as a redelivery).
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { test } from "vitest";
import { runStep } from "../../../functions/run-step.ts";
import { STEPS } from "../../../functions/steps.ts";
import { TOPICS } from "../../../shared/domain/events.ts";
import { statusRunner } from "./fixtures/status-runner.ts";
import { PYTHON_NODE, openPipeline, runCounts } from "./harness.ts";

const SCENARIOS = ["first", "second", "third", "fourth"];
/** The duplicate of each event comes this much later: after the chain has moved on. */
const DUPLICATE_DELAY_MS = 700;

test("duplicate, late and reordered events change nothing", async () => {
  const h = openPipeline(statusRunner(SCENARIOS, 400));
  const { pipeline } = h;
  try {
    const published: { topic: string; event: unknown }[] = [];
    const late: Promise<unknown>[] = [];
    const publishTwice = async (topic: string, event: unknown) => {
      published.push({ topic, event });
      await pipeline.queue.publish(topic, event);
      late.push(sleep(DUPLICATE_DELAY_MS).then(() => pipeline.queue.publish(topic, event)));
    };
    const s = await pipeline.accept({
      problem: "raft",
      language: "python",
      files: { "main.py": PYTHON_NODE },
    });
    await publishTwice(TOPICS.submit, { submissionId: s.id });
    pipeline.start({ concurrency: 2, publish: publishTwice });
    const done = await pipeline.waitFor(s.id);
    await Promise.all(late);
    await pipeline.waitUntilIdle();

    const check = async (when: string) => {
      const now = await pipeline.store.get(s.id);
      assert.equal(now?.status, "completed", when);
      const results = await pipeline.store.listResults(s.id);
      assert.deepEqual(
        results.map((r) => r.result.name),
        SCENARIOS,
        when,
      );
      assert.deepEqual(runCounts(h, s.id, SCENARIOS), [1, 1, 1, 1], `${when}: runs per scenario`);
      assert.equal(h.calls.builds, 1, `${when}: builds`);
      assert.equal(h.calls.deploys, 1, `${when}: cluster deploys`);
      assert.equal(now?.cluster?.deploys, 1, when);
      assert.deepEqual(pipeline.queue.deadLetters(), [], `${when}: no dead letters`);
    };
    assert.equal(done.status, "completed");
    await check("after the run with duplicates");
    const topics = new Set(published.map((p) => p.topic));
    for (const t of [TOPICS.submit, TOPICS.buildComplete, TOPICS.deploy, TOPICS.testRunner]) {
      assert.ok(topics.has(t), `${t} events were duplicated`);
    }

    const republished: unknown[] = [];
    for (const { topic, event } of [...published].reverse()) {
      const step = STEPS.find((x) => x.topic === topic)!;
      for (const attempt of [1, 2]) {
        const delivery = { messageId: randomUUID(), attempt, attributes: {}, publishedAtMs: 0 };
        await runStep(step, event, delivery, pipeline.ports, async (t, e) =>
          republished.push([t, e]),
        );
      }
    }
    assert.deepEqual(republished, [], "a replayed event publishes nothing");
    await check("after replaying every event in reverse");
  } finally {
    await h.dispose();
  }
});

test("two copies of one delivery at once build once (Pub/Sub may deliver a message twice)", async () => {
  const h = openPipeline(statusRunner(["only"], 50));
  const { pipeline } = h;
  try {
    const s = await pipeline.accept({
      problem: "raft",
      language: "python",
      files: { "main.py": PYTHON_NODE },
    });
    const submit = STEPS.find((x) => x.topic === TOPICS.submit)!;
    const delivery = { messageId: randomUUID(), attempt: 1, attributes: {}, publishedAtMs: 0 };
    const published: string[] = [];
    const copy = () =>
      runStep(submit, { submissionId: s.id }, delivery, pipeline.ports, async (topic) => {
        published.push(topic);
      });
    await Promise.all([copy(), copy()]);
    assert.equal(h.calls.builds, 1, "builds");
    assert.deepEqual(published, [TOPICS.buildComplete], "one build-complete");
    await runStep(
      submit,
      { submissionId: s.id },
      { ...delivery, attempt: 2 },
      pipeline.ports,
      async () => {},
    );
    assert.equal(h.calls.builds, 2, "a later attempt takes the build back");
  } finally {
    await h.dispose();
  }
});
