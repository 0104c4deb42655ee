// The sweep step on the local store: which clusters count as idle, the reason each teardown
// carries, that sweeping again after the teardowns ran asks for nothing, and that a
// submission no step moved for two hours is given up on.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, test } from "vitest";
import type { StepPorts } from "../../../functions/ports.ts";
import { IDLE_LIMIT_MS, STUCK_LIMIT_MS, handleSweep } from "../../../functions/sweep/handler.ts";
import { handleTeardown } from "../../../functions/teardown/handler.ts";
import { createScenarioRunner } from "../../../harness/index.ts";
import { LocalBuilder } from "../../../shared/adapters/local/builder/index.ts";
import { LocalCluster } from "../../../shared/adapters/local/cluster/local-cluster.ts";
import { LocalStore } from "../../../shared/adapters/local/store/index.ts";
import { TOPICS, type TeardownEvent } from "../../../shared/domain/events.ts";
import type { Submission } from "../../../shared/domain/submission.ts";
import { judgeHome } from "../../../shared/pipeline/home.ts";
import type { Delivery } from "../../../shared/ports/bus.ts";
import { aSubmission } from "../../contract/fixtures.ts";

const NOW = Date.parse("2026-11-27T12:00:00Z");
const MIN = 60_000;
const delivery: Delivery = { messageId: "tick-1", attempt: 1, attributes: {}, publishedAtMs: NOW };

/** A submission whose cluster was deployed `deployedMinAgo` and last touched `touchedMinAgo`. */
function withCluster(
  status: Submission["status"],
  deployedMinAgo: number,
  touchedMinAgo: number,
  extra: Partial<Submission> = {},
): Submission {
  return aSubmission({
    status,
    createdAt: NOW - 60 * MIN,
    updatedAt: NOW - touchedMinAgo * MIN,
    cluster: {
      clusterId: "c",
      nodes: [{ id: "n1", clientAddress: "127.0.0.1:1" }],
      sandbox: [],
      deploys: 1,
      deployedAtMs: NOW - deployedMinAgo * MIN,
    },
    ...extra,
  });
}

describe("sweep", () => {
  let dir: string;
  let store: LocalStore;
  let ports: StepPorts;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "cj-sweep-"));
    const home = judgeHome({ CLUSTERJUDGE_HOME: dir });
    store = new LocalStore({ path: join(dir, "judge.db") });
    ports = {
      store,
      builder: new LocalBuilder(home),
      cluster: new LocalCluster({ rootDir: join(dir, "clusters") }),
      scenarios: createScenarioRunner(),
      evidenceDir: async () => dir,
      protoPath: () => undefined,
      nowMs: () => NOW,
      warn: (m) => assert.fail(`unexpected warning: ${m}`),
    };
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test("tears down clusters idle for 30 minutes, saying for how long, and no others", async () => {
    const idleTesting = withCluster("testing", 40, 31);
    const idleCompleted = withCluster("completed", 90, 45);
    const idleSinceDeploy = withCluster("deploy_failed", 33, 50);
    const busy = withCluster("testing", 40, 29);
    const claimed = withCluster("testing", 40, 31, {
      claim: {
        step: "scenario:2",
        holder: "m-9",
        attempt: 1,
        token: "t-9",
        expiresAtMs: NOW + 10_000,
      },
    });
    const tornDown = withCluster("completed", 90, 60, { tornDownAt: NOW - 59 * MIN });
    const noCluster = aSubmission({ status: "building", updatedAt: NOW - 120 * MIN });
    for (const s of [idleTesting, idleCompleted, idleSinceDeploy, busy, claimed, tornDown]) {
      await store.create(s);
    }
    await store.create(noCluster);

    const next = await handleSweep({}, ports, delivery);
    const byId = new Map(
      next.map((n) => [
        (n.event as TeardownEvent).submissionId,
        n as { topic: string; event: TeardownEvent },
      ]),
    );
    assert.deepEqual(
      [...byId.keys()].sort(),
      [idleTesting.id, idleCompleted.id, idleSinceDeploy.id].sort(),
    );
    assert.ok(next.every((n) => n.topic === TOPICS.teardown));
    assert.equal(byId.get(idleTesting.id)?.event.reason, "idle for 31 min");
    assert.equal(byId.get(idleCompleted.id)?.event.reason, "idle for 45 min");
    assert.equal(byId.get(idleSinceDeploy.id)?.event.reason, "idle for 33 min");

    // A second tick before the teardowns ran asks again; teardown makes it harmless.
    assert.deepEqual(await handleSweep({}, ports, delivery), next);
    for (const n of next) await handleTeardown(n.event as TeardownEvent, ports, delivery);
    for (const n of next) await handleTeardown(n.event as TeardownEvent, ports, delivery);
    assert.deepEqual(await handleSweep({}, ports, delivery), []);
    assert.equal((await store.get(idleTesting.id))?.tornDownAt, NOW);
    assert.equal((await store.get(idleTesting.id))?.tornDownReason, "idle for 31 min");
  });

  test("the limit is exactly 30 minutes", async () => {
    const s = aSubmission({ status: "testing", createdAt: NOW - 40 * MIN });
    await store.create({
      ...s,
      updatedAt: NOW - IDLE_LIMIT_MS,
      cluster: { clusterId: "c", nodes: [], sandbox: [], deploys: 1, deployedAtMs: NOW - 35 * MIN },
    });
    const other = { ...s, id: `${s.id}-b`, updatedAt: NOW - IDLE_LIMIT_MS + 1 };
    await store.create({
      ...other,
      cluster: { clusterId: "c", nodes: [], sandbox: [], deploys: 1, deployedAtMs: NOW - 35 * MIN },
    });
    const ids = (await handleSweep({}, ports, delivery)).map(
      (n) => (n.event as TeardownEvent).submissionId,
    );
    assert.deepEqual(ids, [s.id]);
  });

  test("a submission no step moved for 2 hours is failed, its cluster torn down once", async () => {
    const unmoved = STUCK_LIMIT_MS / MIN + 1;
    const stuckTesting = withCluster("testing", unmoved + 20, unmoved);
    const stuckBuilding = aSubmission({ status: "building", updatedAt: NOW - unmoved * MIN });
    const claimed = withCluster("testing", unmoved + 20, unmoved, {
      claim: { step: "scenario:0", holder: "m-1", attempt: 1, token: "t", expiresAtMs: NOW + 1 },
    });
    const recent = aSubmission({ status: "queued", updatedAt: NOW - (unmoved - 2) * MIN });
    for (const s of [stuckTesting, stuckBuilding, claimed, recent]) await store.create(s);

    const next = await handleSweep({}, ports, delivery);
    const mine = [stuckTesting.id, stuckBuilding.id, claimed.id, recent.id];
    const asked = next
      .map((n) => n.event as TeardownEvent)
      .filter((e) => mine.includes(e.submissionId));
    // Asked for once, whether as idle or as given up.
    assert.deepEqual(
      asked.map((e) => e.submissionId),
      [stuckTesting.id],
    );
    for (const s of [stuckTesting, stuckBuilding]) {
      const after = await store.get(s.id);
      assert.equal(after?.status, "failed", s.status);
      assert.equal(after?.error?.stage, "pipeline");
      assert.match(
        after?.error?.message ?? "",
        new RegExp(
          `no step of the judge moved this submission for ${unmoved} min \\(it was ${s.status}\\)`,
        ),
      );
      assert.equal(after?.outcome?.verdict, "judge_error");
    }
    assert.equal((await store.get(claimed.id))?.status, "testing");
    assert.equal((await store.get(recent.id))?.status, "queued");
  });
});
