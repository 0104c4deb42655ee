// A node reaches only its own agent: in its network namespace the only listeners are its
// agent's egress ports (and its own); no peer's raw port, no peer agent, nothing of the
// machine. A peer call is attributed by the socket it came in on, never by a header the
// node wrote.
import { afterAll, beforeAll, describe, test } from "vitest";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { createServer, type AddressInfo, type Server } from "node:net";
import { join } from "node:path";
import { deployHostile, type HostileRun } from "./hostile.ts";

describe("network: what a node can dial", () => {
  let run: HostileRun;
  let host: Server;
  beforeAll(async () => {
    host = createServer((s) => s.destroy());
    await new Promise<void>((r) => host.listen(0, "127.0.0.1", () => r()));
    run = await deployHostile("network", { nodeCount: 2 });
  });
  afterAll(async () => {
    host?.close();
    await run?.close();
  });

  test("its own egress only: not the peer's port, not the judge's, not the machine's", async () => {
    const hostPort = (host.address() as AddressInfo).port;
    const judgeForwarder = run.handle.nodes[1]!.clientAddress; // the judge's, to node-1
    const targets = [
      "127.0.0.1:22001", // this node's egress to node-1: its agent
      "127.0.0.1:21001", // node-1's own port (the fixed plan): another namespace
      "127.0.0.1:22100", // node-1's egress listener to node-0: another namespace
      `127.0.0.1:${hostPort}`, // a server of the machine's loopback
      judgeForwarder,
    ];
    writeFileSync(join(run.code, "targets.json"), JSON.stringify(targets));
    run.go();
    await run.finding("done");
    const found = new Map((await run.findings()).map((f) => [f.check, f.result]));
    assert.equal(found.get("connect 127.0.0.1:22001"), "ok");
    for (const target of targets.slice(1)) {
      assert.equal(found.get(`connect ${target}`), "ECONNREFUSED", target);
    }
    assert.deepEqual(found.get("interfaces"), ["lo"]);
    assert.equal(found.get("routes"), 0, "no route anywhere");
    assert.deepEqual(found.get("listening"), [21000, 22001], "its own port and its egress");
  });
});

describe("peer identity: a forged x-clusterjudge-from", () => {
  let run: HostileRun;
  beforeAll(async () => {
    run = await deployHostile("forged_from", { nodeCount: 3 });
  });
  afterAll(async () => run?.close());

  test("is recorded as the node that sent it, and meets that node's link faults", async () => {
    // Two full rounds of calls to both peers have ended (each is recorded when it ends).
    const rounds = async () =>
      Math.max(
        0,
        ...(await run.findings(0))
          .filter((f) => f.check === "call")
          .map((f) => (f.result as { round: number }).round),
      );
    const until = Date.now() + 20_000;
    while ((await rounds()) < 3 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    const node0 = run.control(0);
    const node1 = run.control(1);
    // node-0's calls to node-1 claim to come from node-2 (and the other way round): its
    // agent records them as node-0's all the same.
    const calls = (await node0.messages()).items;
    assert.ok(calls.some((c) => c.to === "node-1") && calls.some((c) => c.to === "node-2"));
    for (const call of calls) assert.equal(call.from, "node-0");
    // A receiving agent records no call at all (each was its sender's), least of all as
    // coming from the peer the header named.
    const seen = (await node1.messages()).items.filter((m) => m.from !== "node-1");
    assert.deepEqual(seen, [], "node-1's agent recorded no call as coming from elsewhere");

    // A fault on node-0's link applies to its forged calls all the same.
    // Calls of the rounds after the rule is set (an early one may have found node-1 down).
    const setAt = await rounds();
    await node0.setLinks([{ link: "node-1", partition: "refuse" }]);
    const refused = async () =>
      (await run.findings(0)).some((f) => {
        const call = f.result as { round: number; to: string; code: string };
        return (
          f.check === "call" &&
          call.round > setAt + 1 &&
          call.to === "node-1" &&
          call.code === "UNAVAILABLE"
        );
      });
    const deadline = Date.now() + 20_000;
    while (!(await refused()) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    assert.ok(await refused(), "the refused link's fault reached the forged calls");
    const faulted = (await node0.messages()).items.filter((m) => m.fault === "refuse");
    assert.ok(faulted.length > 0 && faulted.every((m) => m.from === "node-0"));
  });
});
