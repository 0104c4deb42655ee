// The nodes' service account holds no project role: who may call a node is set on each
// node's service as the Cloud Run cluster makes it (roles/run.invoker for the nodes' own
// account and the judge's functions that drive them, nobody else). Against the in-process
// Cloud Run Admin API (the library's own protos on loopback); no agent answers here, so
// each deploy ends at the readiness wait, after the policies were set.
import assert from "node:assert/strict";
import { afterAll, beforeAll, beforeEach, describe, test } from "vitest";
import * as grpc from "@grpc/grpc-js";
import {
  CloudRunApiError,
  CloudRunCluster,
  CloudRunDeployError,
  serviceId,
} from "../../../shared/adapters/gcp/cluster/index.ts";
import { invokerMembers } from "../../../shared/adapters/gcp/cluster/cloud-run-cluster.ts";
import type { ClusterSpec } from "../../../shared/ports/cluster.ts";
import { FakeGcp, fakeClientOptions } from "../../support/fake-gcp-grpc.ts";

const LOCATION = { projectId: "judge-test", projectNumber: "123456789012", region: "europe-west1" };
const NODES_SA = "nodes@judge-test.iam.gserviceaccount.com";
const CALLERS = [
  "judge-deploy@judge-test.iam.gserviceaccount.com",
  "judge-test-runner@judge-test.iam.gserviceaccount.com",
];

function cluster(fake: FakeGcp, invokers: string[]): CloudRunCluster {
  return new CloudRunCluster({
    ...LOCATION,
    imageRepository: "europe-west1-docker.pkg.dev/judge-test/nodes",
    serviceAccount: NODES_SA,
    invokers,
    clientOptions: fakeClientOptions(fake.port, LOCATION.projectId),
    // Nothing listens there: readiness fails at once, after the services were made.
    serviceUrl: () => "http://127.0.0.1:9",
    controlHeaders: async () => ({}),
  });
}

const spec = (clusterId: string): ClusterSpec => ({
  clusterId,
  problem: "raft",
  nodeCount: 3,
  command: { argv: ["/usr/bin/python3", "main.py"], cwd: "/app" },
  readyTimeoutMs: 1,
});

describe("who may call a node's service", () => {
  let fake: FakeGcp;
  beforeAll(async () => {
    process.env["METADATA_SERVER_DETECTION"] = "none";
    fake = await new FakeGcp().start();
  });
  beforeEach(() => (fake.calls.length = 0));
  afterAll(() => fake?.close());

  test("each service made gets exactly the nodes and the judge's callers as invokers", async () => {
    const judge = cluster(fake, CALLERS);
    await assert.rejects(judge.deploy(spec("iam-one")), CloudRunDeployError);
    const calls = fake.callsTo("SetIamPolicy");
    const names = Array.from(
      { length: 3 },
      (_, i) => `projects/judge-test/locations/europe-west1/services/${serviceId("iam-one", i)}`,
    );
    assert.deepEqual(calls.map((c) => c["resource"]).sort(), names.sort());
    for (const call of calls) {
      assert.deepEqual(call["policy"]["bindings"], [
        {
          role: "roles/run.invoker",
          members: [`serviceAccount:${NODES_SA}`, ...CALLERS.map((c) => `serviceAccount:${c}`)],
        },
      ]);
    }
    await judge.close();
  });

  test("a refused policy fails the deploy naming run.admin, and nothing is left running", async () => {
    const judge = cluster(fake, CALLERS);
    fake.failNext("SetIamPolicy", grpc.status.PERMISSION_DENIED, "run.services.setIamPolicy");
    await assert.rejects(judge.deploy(spec("iam-denied")), (err: unknown) => {
      assert.ok(err instanceof CloudRunApiError, String(err));
      assert.equal(err.operation, "setIamPolicy");
      assert.match(err.message, /roles\/run\.admin, which sets the services' invokers/);
      return true;
    });
    assert.equal(fake.services.size, 0, "every service made was deleted again");
    await judge.close();
  });

  test("without callers or a nodes' account the policies are left alone", async () => {
    const judge = new CloudRunCluster({
      ...LOCATION,
      imageRepository: "r",
      clientOptions: fakeClientOptions(fake.port, LOCATION.projectId),
      serviceUrl: () => "http://127.0.0.1:9",
      controlHeaders: async () => ({}),
    });
    await assert.rejects(judge.deploy(spec("iam-none")), CloudRunDeployError);
    assert.equal(fake.callsTo("SetIamPolicy").length, 0);
    await judge.close();
  });

  test("members: the nodes first, no repeats, no blanks", () => {
    assert.deepEqual(invokerMembers("n@x", ["a@x", " n@x ", "", "a@x"]), [
      "serviceAccount:n@x",
      "serviceAccount:a@x",
    ]);
    assert.deepEqual(invokerMembers(undefined, []), []);
  });
});
