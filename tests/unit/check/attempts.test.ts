// One effect per node that may have applied the operation, for the CRDT checkers.
import assert from "node:assert/strict";
import { test } from "vitest";
import { possibleEffects } from "../../../shared/check/attempts.ts";
import type { Attempt } from "../../../harness/operation.ts";

const attempt = (node: string, result: string, startMs: number): Attempt => ({
  node,
  result,
  startMs,
  endMs: startMs + 5,
});
const rejected = (result: string): boolean => result === "unavailable";

test("a timed-out attempt may still apply; a rejected one never; the ok one within its interval", () => {
  const attempts = [
    attempt("n1", "deadline", 0),
    attempt("n2", "unavailable", 10),
    attempt("n3", "ok", 20),
  ];
  assert.deepEqual(possibleEffects({ outcome: "ok", attempts }, rejected), [
    { node: "n1", outcome: "info", startMs: 0, endMs: null },
    { node: "n3", outcome: "ok", startMs: 20, endMs: 25 },
  ]);
});

test("a failed operation has no effect, an unknown one only info effects", () => {
  const attempts = [attempt("n1", "deadline", 0), attempt("n2", "deadline", 10)];
  assert.deepEqual(possibleEffects({ outcome: "fail", attempts }, rejected), []);
  assert.deepEqual(
    possibleEffects({ outcome: "info", attempts }, rejected).map((e) => e.outcome),
    ["info", "info"],
  );
});

test("retries at one node are one application, possibly at the first: the ok effect starts there", () => {
  const attempts = [
    attempt("n1", "deadline", 0),
    attempt("n2", "deadline", 10),
    attempt("n1", "unavailable", 20),
    attempt("n1", "ok", 30),
    attempt("n2", "deadline", 40),
  ];
  assert.deepEqual(possibleEffects({ outcome: "ok", attempts }, rejected), [
    { node: "n1", outcome: "ok", startMs: 0, endMs: 35 },
    { node: "n2", outcome: "info", startMs: 10, endMs: null },
  ]);
});
