// The reference's three nodes served over gRPC on 127.0.0.1 inside this process, called with
// the judge's own channels and codec: a transfer commits at both participants, a retry names
// the same transaction, a transfer beyond the funds aborts, a read sums to the total, and
// every node's State says so. Brief: a handful of calls, no fault.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, test } from "vitest";
import { NodeConnections } from "../../../harness/any-node/connections.ts";
import { CODEC, SERVICE, type NodeState, type TxnAnswer, type TxnOp } from "../client.ts";
import { startNode, type RunningNode } from "../reference/typescript/node.ts";

const work = mkdtempSync(join(tmpdir(), "two-phase-commit-grpc-"));
const running: RunningNode[] = [];
afterAll(() => {
  for (const node of running) node.stop();
  rmSync(work, { recursive: true, force: true });
});

/** A port free right now on 127.0.0.1. */
const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });

async function call(
  connections: NodeConnections<object>,
  node: string,
  op: Partial<TxnOp> & Pick<TxnOp, "f">,
): Promise<TxnOp> {
  const full = {
    id: 1,
    client: "c0",
    outcome: "info",
    startMs: 0,
    endMs: null,
    attempts: [],
    ...op,
  } as TxnOp;
  const [attempt, res] = await connections.call(
    node,
    CODEC.method(full),
    CODEC.request(full, "c0"),
  );
  assert.equal(attempt.result, "ok", attempt.detail);
  CODEC.answered(full, res);
  return full;
}

test("the reference over gRPC commits, deduplicates, aborts without funds and reads the total", async () => {
  const ids = ["node-0", "node-1", "node-2"];
  const ports = await Promise.all(ids.map(freePort));
  const address = (i: number) => `127.0.0.1:${ports[i]}`;
  const proto = SERVICE.protoPath;
  for (const [i, nodeId] of ids.entries()) {
    const peers = new Map(ids.flatMap((id, j) => (j === i ? [] : [[id, address(j)] as const])));
    running.push(
      await startNode(
        { nodeId, listenAddr: address(i), dataDir: join(work, nodeId), peers },
        proto,
      ),
    );
  }
  const connections = new NodeConnections<object>(
    SERVICE,
    new Map(ids.map((id, i) => [id, address(i)])),
  );
  try {
    const transfer = await call(connections, "node-0", {
      f: "transfer",
      sequence: 1,
      value: { source: "a", target: "c", amount: 5 },
    });
    const first = transfer.output as TxnAnswer;
    assert.equal(first.outcome, "OUTCOME_COMMITTED");
    const retry = await call(connections, "node-0", {
      f: "transfer",
      sequence: 1,
      value: { source: "a", target: "c", amount: 5 },
    });
    assert.equal(
      (retry.output as TxnAnswer).txn_id,
      first.txn_id,
      "a retry names the same transaction",
    );
    const tooMuch = await call(connections, "node-0", {
      f: "transfer",
      sequence: 2,
      value: { source: "b", target: "d", amount: 101 },
    });
    assert.equal((tooMuch.output as TxnAnswer).outcome, "OUTCOME_ABORTED");
    const read = (await call(connections, "node-0", { f: "read", sequence: 3 }))
      .output as TxnAnswer;
    assert.equal(read.outcome, "OUTCOME_COMMITTED");
    assert.deepEqual(
      read.balances.map((b) => `${b.account}=${b.amount}`),
      ["a=95", "b=100", "c=105", "d=100"],
    );
    const statusOf = (s: NodeState | undefined, txn: number) =>
      s?.txns.find((t) => t.txn_id === txn);
    // Every node's State once the read's Decides landed (polled: a loaded machine is slow).
    let states: NodeState[] = [];
    for (const until = Date.now() + 5000; Date.now() < until;) {
      states = await Promise.all(
        ids.map(async (id) => (await call(connections, id, { f: "state" })).output as NodeState),
      );
      if (statusOf(states[2], read.txn_id)?.status === "STATUS_COMMITTED") break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(statusOf(states[0], first.txn_id)?.status, "STATUS_COMMITTED");
    assert.deepEqual(statusOf(states[1], first.txn_id), {
      txn_id: first.txn_id,
      status: "STATUS_COMMITTED",
      vote: "YES",
    });
    assert.equal(statusOf(states[1], (tooMuch.output as TxnAnswer).txn_id)?.vote, "NO");
    assert.equal(statusOf(states[2], read.txn_id)?.status, "STATUS_COMMITTED");
    assert.deepEqual(states[1]?.balances, [
      { account: "a", amount: 95 },
      { account: "b", amount: 100 },
    ]);
  } finally {
    connections.close();
  }
}, 15_000);
