// Each function's bundle carries only the clients its function uses: the entry names its
// adapters (functions/cloud/step-ports.ts), a port it names none for fails loudly, and only
// the bundle that builds may import a build-time package.
import assert from "node:assert/strict";
import { beforeAll, describe, it } from "vitest";
import { CLOUD_ENV } from "../../functions/cloud/env.ts";
import { PUSH_ENV } from "../../functions/cloud/push-auth.ts";
import { PortNotInBundleError, stepPortsFromEnv } from "../../functions/cloud/step-ports.ts";
import { forbiddenBuildTimeImports } from "../../scripts/build-functions.ts";
import { buildTestBundles, type TestBundles } from "./bundles.ts";

/** The heavy packages, and the bundles whose functions use them. */
const USED_BY: Record<string, string[]> = {
  esbuild: ["submit"],
  "@google-cloud/cloudbuild": ["submit"],
  "@google-cloud/run": ["deploy", "teardown", "test-runner"],
  "@google-cloud/storage": ["api", "build-complete", "submit", "test-runner"],
  "@grpc/grpc-js": ["api", "test-runner"],
  // The api checks Firebase ID tokens, every step function the push subscription's token.
  "google-auth-library": [
    "api",
    "build-complete",
    "dead-letter",
    "deploy",
    "submit",
    "sweep",
    "teardown",
    "test-runner",
  ],
};

const DEPLOYED_ENV = Object.fromEntries(
  [...Object.values(CLOUD_ENV), ...Object.values(PUSH_ENV)].map((name) => [
    name,
    `test-${name.toLowerCase()}`,
  ]),
);

describe("lean function bundles", () => {
  let bundles: TestBundles;
  beforeAll(async () => {
    bundles = await buildTestBundles();
  });

  it("list a heavy package only in the bundles of functions that use it", () => {
    for (const [pkg, users] of Object.entries(USED_BY)) {
      const listing = bundles.built.filter((b) => b.dependencies[pkg] !== undefined);
      assert.deepEqual(listing.map((b) => b.name).sort(), users, pkg);
    }
  });

  it("let only the bundle with build support import a build-time package", () => {
    assert.deepEqual(forbiddenBuildTimeImports({}, ["zod", "esbuild"]), ["esbuild"]);
    assert.deepEqual(forbiddenBuildTimeImports({ buildSupport: true }, ["esbuild"]), []);
  });

  it("fail a call on a port the function named no adapter for", async () => {
    const ports = stepPortsFromEnv(DEPLOYED_ENV, "/nowhere", {});
    try {
      assert.throws(
        () => ports.steps.cluster.teardown("c-1"),
        (err: unknown) => {
          assert.ok(err instanceof PortNotInBundleError);
          assert.equal(err.port, "cluster.teardown");
          return true;
        },
      );
      assert.throws(() => ports.steps.builder.build({} as never), PortNotInBundleError);
      await assert.rejects(
        ports.buildNotification({ data: "{}", attributes: {} }),
        PortNotInBundleError,
      );
      assert.equal(ports.steps.protoPath("raft")?.endsWith("raft.proto"), true);
    } finally {
      await ports.steps.store.close();
    }
  });
});
