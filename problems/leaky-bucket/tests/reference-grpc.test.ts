// The reference's three nodes served over gRPC on 127.0.0.1 inside this process, called with
// the judge's own channels, Configure request and Allow codec: not configured, a node denies;
// a burst on a key lets one out at once and the queue's worth a drain interval apart, from
// whatever node, and refuses the rest at once; a retry keeps its answer; a bad request is
// INVALID_ARGUMENT. Brief: a handful of calls, under a second, no fault.
import assert from "node:assert/strict";
import { afterAll, test } from "vitest";
import { nowMs } from "../../../harness/clock.ts";
import {
  allowOp,
  startLocalCluster,
  type LocalCluster,
} from "../../../tests/support/rate-limit/local-cluster.ts";
import { configureRequest, SERVICE } from "../client.ts";
import { startNode } from "../reference/typescript/server.ts";

let cluster: LocalCluster | null = null;
afterAll(() => cluster?.stop());

test("over gRPC: a burst lets one out at once, queues the queue's worth an interval apart, refuses the rest", async () => {
  cluster = await startLocalCluster(SERVICE, (env) => startNode(env, SERVICE.protoPath));
  const { connections, allow } = cluster;
  assert.equal((await allow("node-0", allowOp(1, "k"))).allowed, false, "not configured: denied");
  await cluster.configureAll(configureRequest({ drainPerSecond: 20, queueSize: 2 }, 0));
  const sent = nowMs();
  const answers = await Promise.all(
    Array.from({ length: 6 }, (_, i) =>
      allow(connections.nodes[i % 3] as string, allowOp(10 + i, "k")),
    ),
  );
  const out = answers
    .filter((a) => a.allowed)
    .map((a) => a.atMs - sent)
    .sort((a, b) => a - b);
  assert.equal(out.length, 3, "one at once and two queued");
  // Two drain intervals of 50 ms separate the first release from the last: a lower bound the
  // contract sets, whatever the machine's speed.
  assert.ok((out[2] as number) >= 95, `the last one left ${out[2]} ms after`);
  // Refused at once: before the queue's last request left (no timed bound: the machine may be slow).
  const refused = answers.filter((a) => !a.allowed).map((a) => a.atMs - sent);
  assert.ok(
    refused.every((ms) => ms < (out[2] as number)),
    `refused at ${refused.join(", ")} ms, the last allowed left at ${out[2]} ms`,
  );
  const retry = await allow("node-0", allowOp(10, "k"));
  assert.equal(retry.allowed, answers[0]?.allowed, "a retry gets its answer again");
  const [bad] = await connections.call("node-0", "Allow", { key: "k", request_id: "" });
  assert.equal(bad.result, "invalid");
}, 20_000);
