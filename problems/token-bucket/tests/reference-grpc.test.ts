// The reference's three nodes served over gRPC on 127.0.0.1 inside this process, called with
// the judge's own channels, Configure request and Allow codec: a key's burst goes through at
// any node and no more, a retry keeps its decision, a bad request is INVALID_ARGUMENT. Brief:
// a handful of calls, no fault.
import assert from "node:assert/strict";
import { afterAll, test } from "vitest";
import { ALLOW_CODEC, type AllowOp } from "../../../harness/rate-limit/index.ts";
import {
  startLocalCluster,
  type LocalCluster,
} from "../../../tests/support/rate-limit/local-cluster.ts";
import { configureRequest, SERVICE } from "../client.ts";
import { startNode } from "../reference/typescript/server.ts";

let cluster: LocalCluster | null = null;
afterAll(() => cluster?.stop());

const allowOp = (sequence: number, key: string): AllowOp => ({
  id: sequence,
  client: "c0",
  sequence,
  f: "allow",
  key,
  outcome: "info",
  startMs: 0,
  endMs: null,
  attempts: [],
});

test("over gRPC: configured at every node, a key admits its burst wherever asked, and no more", async () => {
  cluster = await startLocalCluster(SERVICE, (env) => startNode(env, SERVICE.protoPath));
  const { connections } = cluster;
  const allow = async (node: string, op: AllowOp) => {
    const [attempt, res] = await connections.call(node, "Allow", ALLOW_CODEC.request(op, "run-c0"));
    assert.equal(attempt.result, "ok", attempt.detail);
    ALLOW_CODEC.answered(op, res);
    return op.output;
  };
  const early = await allow("node-0", allowOp(1, "k"));
  assert.equal(early, false, "not configured yet: denied");
  for (const node of connections.nodes) {
    const [attempt] = await connections.call(
      node,
      "Configure",
      configureRequest({ burst: 3, refillPerSecond: 0.001 }, 0),
    );
    assert.equal(attempt.result, "ok", attempt.detail);
  }
  const answers = [];
  for (let i = 0; i < 6; i++)
    answers.push(await allow(connections.nodes[i % 3] as string, allowOp(10 + i, "k")));
  assert.deepEqual(answers, [true, true, true, false, false, false]);
  assert.equal(await allow("node-0", allowOp(10, "k")), true, "a retry gets its decision again");
  assert.equal(await allow("node-1", allowOp(20, "other")), true, "each key has its own bucket");
  const [bad] = await connections.call("node-0", "Allow", { key: "", request_id: "x" });
  assert.equal(bad.result, "invalid");
}, 20_000);
