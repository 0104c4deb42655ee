// A plan's "start" passes its clock skew to the node's agent, and the timeline says so; a
// plain start asks for the true clock.
import assert from "node:assert/strict";
import { test } from "vitest";
import { Nemesis } from "../../../harness/nemesis.ts";
import { seededRandom } from "../../../harness/random.ts";
import type { NodeControl } from "../../../shared/ports/cluster.ts";

function fakeControl(calls: string[], node: string): NodeControl {
  const call = (what: string) => async () => {
    calls.push(`${node} ${what}`);
  };
  return {
    kill: call("kill"),
    start: async (opts) => {
      calls.push(`${node} start ${JSON.stringify(opts ?? {})}`);
    },
    resume: call("resume"),
  } as NodeControl;
}

test("start with skewMs starts the node with that skew; without, with none", async () => {
  const calls: string[] = [];
  const nodes = ["node-0", "node-1"];
  const nemesis = new Nemesis({
    controls: new Map(nodes.map((n) => [n, fakeControl(calls, n)])),
    random: seededRandom(1),
    roles: [],
    holder: async () => null,
  });
  await nemesis.apply({ kind: "kill", node: "node-1" });
  await nemesis.apply({ kind: "start", node: "node-1", skewMs: -250 });
  await nemesis.apply({ kind: "kill", node: "node-0" });
  await nemesis.apply({ kind: "start", node: "node-0" });
  assert.deepEqual(calls, [
    "node-1 kill",
    'node-1 start {"skewMs":-250}',
    "node-0 kill",
    "node-0 start {}",
  ]);
  assert.deepEqual(
    nemesis.timeline.map((e) => e.description),
    [
      "killed node-1",
      "restarted node-1 with its clock 250 ms behind",
      "killed node-0",
      "restarted node-0",
    ],
  );
  assert.ok(
    nemesis.windows.every((w) => w.endMs !== null),
    "each kill's window closed",
  );
});
