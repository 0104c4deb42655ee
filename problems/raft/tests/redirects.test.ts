import { test } from "vitest";
import assert from "node:assert/strict";
import { checkRedirects } from "../checks/redirects.ts";
import { attempt, heartbeats, NODES, op, runOf } from "./fixtures.ts";

const traffic = heartbeats("node-1", NODES, 2, 0, 3000, 100);

test("a redirect to the node that leads holds", () => {
  const history = [
    op({
      attempts: [
        attempt("node-3", 500, 510, "not_leader", "node-1"),
        attempt("node-1", 520, 600, "ok"),
      ],
    }),
  ];
  assert.equal(checkRedirects(runOf({ history: history, messages: traffic })).status, "holds");
});

test("an empty hint is allowed: the node knows no leader", () => {
  const history = [
    op({
      attempts: [attempt("node-3", 500, 510, "not_leader", ""), attempt("node-1", 520, 600, "ok")],
    }),
  ];
  assert.equal(checkRedirects(runOf({ history: history, messages: traffic })).status, "holds");
});

test("a hint naming a node that never led is a violation", () => {
  const history = [op({ attempts: [attempt("node-3", 500, 510, "not_leader", "node-4")] })];
  const result = checkRedirects(runOf({ history: history, messages: traffic }));
  assert.equal(result.status, "violated");
  assert.match(result.message, /node-3 answered NOT_LEADER naming node-4, which had never led/);
});

test("a node naming itself while refusing is a violation", () => {
  const history = [op({ attempts: [attempt("node-1", 500, 510, "not_leader", "node-1")] })];
  assert.match(
    checkRedirects(runOf({ history: history, messages: traffic })).message,
    /naming itself/,
  );
});

test("an OK from a node that never led is a violation", () => {
  const history = [op({ attempts: [attempt("node-2", 500, 510, "ok")] })];
  const result = checkRedirects(runOf({ history: history, messages: traffic }));
  assert.equal(result.status, "violated");
  assert.match(result.message, /node-2 answered OK to a put although it had never been leader/);
});
