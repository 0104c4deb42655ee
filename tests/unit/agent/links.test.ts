import { test } from "vitest";
import assert from "node:assert/strict";
import { AgentActionError } from "../../../shared/agent/errors.ts";
import { LinkTable } from "../../../shared/agent/links.ts";

const table = () => new LinkTable(new Set(["clients", "node-1", "node-2"]));
const draws = (...values: number[]) => {
  let i = 0;
  return () => values[i++ % values.length] as number;
};

test("no rule: delivered now; rules apply to their link only", () => {
  const links = table();
  links.set([{ link: "node-1", partition: "refuse" }]);
  assert.deepEqual(links.fate("node-1"), { kind: "refuse" });
  assert.deepEqual(links.fate("node-2"), { kind: "deliver", delayMs: 0 });
  assert.deepEqual(links.fate("clients"), { kind: "deliver", delayMs: 0 });
  links.set([]);
  assert.deepEqual(links.fate("node-1"), { kind: "deliver", delayMs: 0 });
});

test("delay with jitter stays within delay ± jitter, never below zero", () => {
  const links = table();
  links.set([{ link: "node-1", delayMs: 100, jitterMs: 20 }]);
  assert.deepEqual(links.fate("node-1", draws(0)), { kind: "deliver", delayMs: 80 });
  assert.deepEqual(links.fate("node-1", draws(0.5)), { kind: "deliver", delayMs: 100 });
  links.set([{ link: "node-1", delayMs: 5, jitterMs: 50 }]);
  assert.deepEqual(links.fate("node-1", draws(0)), { kind: "deliver", delayMs: 0 });
});

test("drops follow the probability draw", () => {
  const links = table();
  links.set([{ link: "node-2", dropProbability: 0.3 }]);
  assert.deepEqual(links.fate("node-2", draws(0.29)), { kind: "blackhole", reason: "drop" });
  assert.deepEqual(links.fate("node-2", draws(0.31)), { kind: "deliver", delayMs: 0 });
});

test("a lost answer is delivered, flagged, and may be delayed too", () => {
  const links = table();
  links.set([{ link: "clients", loseAnswerProbability: 0.2 }]);
  assert.deepEqual(links.fate("clients", draws(0.1)), {
    kind: "deliver",
    delayMs: 0,
    loseAnswer: true,
  });
  assert.deepEqual(links.fate("clients", draws(0.3)), { kind: "deliver", delayMs: 0 });
  links.set([{ link: "clients", loseAnswerProbability: 1, delayMs: 40 }]);
  assert.deepEqual(links.fate("clients", draws(0.5)), {
    kind: "deliver",
    delayMs: 40,
    loseAnswer: true,
  });
  assert.throws(() => links.set([{ link: "clients", loseAnswerProbability: 2 }]), AgentActionError);
});

test("several rules on one link combine: partition wins, drops compound, largest delay", () => {
  const links = table();
  links.set([
    { link: "node-1", dropProbability: 0.5, delayMs: 10 },
    { link: "node-1", dropProbability: 0.5, delayMs: 30 },
  ]);
  // 1 - 0.5 * 0.5 = 0.75
  assert.equal(links.fate("node-1", draws(0.74)).kind, "blackhole");
  assert.deepEqual(links.fate("node-1", draws(0.76)), { kind: "deliver", delayMs: 30 });
  links.set([
    { link: "node-1", partition: "refuse" },
    { link: "node-1", partition: "blackhole" },
    { link: "node-1", delayMs: 10 },
  ]);
  assert.deepEqual(links.fate("node-1"), { kind: "blackhole", reason: "blackhole" });
  assert.equal(links.list().length, 3, "the rules are kept as given");
});

test("bad rules are refused with 400 and leave the table as it was", () => {
  const links = table();
  links.set([{ link: "node-1", partition: "refuse" }]);
  for (const bad of [
    { link: "node-7", partition: "refuse" as const },
    { link: "node-1", dropProbability: 1.5 },
    { link: "node-1", delayMs: -1 },
    { link: "node-1", partition: "sideways" as "refuse" },
  ]) {
    assert.throws(
      () => links.set([bad]),
      (e: unknown) => e instanceof AgentActionError && e.status === 400,
    );
  }
  assert.deepEqual(links.fate("node-1"), { kind: "refuse" });
});
