// The Cloud Build builder against an in-process Cloud Build API (the library's own protos on
// loopback) and a loopback Cloud Storage JSON API: the archive it uploads, the build it
// asks for, a repeated submit, errors, the toolchain step it ships (run here for real), and
// notifications turned into build-complete events with the log's tail.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, test } from "vitest";
import { fileURLToPath } from "node:url";
import * as grpc from "@grpc/grpc-js";
import { Storage } from "@google-cloud/storage";
import {
  CloudBuildBuilder,
  CloudBuildError,
  FAILED_STATUSES,
  StorageBuildLogs,
  buildTag,
  nodeImage,
  parseCloudBuildNotification,
  splitDiagnostics,
} from "../../shared/adapters/gcp/builder/index.ts";
import type { BuildOutcome } from "../../shared/domain/build.ts";
import {
  FakeGcp,
  FakeStorage,
  fakeClientOptions,
  watchOutboundConnections,
} from "../support/fake-gcp-grpc.ts";
import { protoPathOf } from "../../problems/paths.ts";
import { REGISTRY, registeredProblem } from "../../problems/registry.ts";
import { templateOf } from "../../problems/templates.ts";
import { LANGUAGES } from "../../languages/registry.ts";
import { aSubmission } from "./fixtures.ts";

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, "../..");
const RAFT_PROTO = join(repoRoot, "problems/raft/raft.proto");
const PROJECT = "judge-test";
const REPOSITORY = "europe-west1-docker.pkg.dev/judge-test/nodes";
const pythonNode = readFileSync(
  join(here, "../unit/pipeline/fixtures/python-node/main.py"),
  "utf8",
);

/** The archive's toolchain step run in its extracted folder, as Cloud Build runs it. */
const toolchainStep = (dir: string, language: string, problem: string) =>
  spawnSync(process.execPath, ["judge/toolchain-step.mjs", language, problem], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, CLUSTERJUDGE_WORKSPACE: dir, BUILDER_OUTPUT: join(dir, "out") },
  });

/** The files of a .tar.gz, extracted with the system's tar into a new folder. */
function untar(archive: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), "cj-cloudbuild-"));
  writeFileSync(join(dir, "source.tar.gz"), archive);
  const tar = spawnSync("tar", ["-xzf", "source.tar.gz"], { cwd: dir, encoding: "utf8" });
  assert.equal(tar.status, 0, tar.stderr);
  rmSync(join(dir, "source.tar.gz"));
  return dir;
}

describe("Cloud Build builder against loopback Cloud Build and Cloud Storage APIs", () => {
  const network = watchOutboundConnections();
  const folders: string[] = [];
  let fake: FakeGcp;
  let gcs: FakeStorage;
  let storage: Storage;
  let builder: CloudBuildBuilder;

  beforeAll(async () => {
    process.env["METADATA_SERVER_DETECTION"] = "none";
    fake = await new FakeGcp().start();
    gcs = await new FakeStorage().start();
    storage = new Storage({ apiEndpoint: gcs.url, projectId: PROJECT });
    builder = new CloudBuildBuilder({
      projectId: PROJECT,
      sourceBucket: "judge-sources",
      logsBucket: "judge-build-logs",
      imageRepository: REPOSITORY,
      protoPath: (slug) => {
        const problem = REGISTRY.find((p) => p.slug === slug);
        if (!problem) throw new Error(`not a registered problem: ${slug}`);
        return protoPathOf(problem);
      },
      storage,
      serviceAccount: "builder@judge-test.iam.gserviceaccount.com",
      clientOptions: fakeClientOptions(fake.port, PROJECT),
    });
  });

  beforeEach(() => {
    fake.calls.length = 0;
  });

  afterAll(async () => {
    await builder?.close();
    await fake?.close();
    await gcs?.close();
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
    network.stop();
  });

  test("submit uploads the source archive and starts a build with the yaml's steps, tags and substitutions", async () => {
    const s = aSubmission({ files: { "main.py": pythonNode, "lib/util.py": "X = 1\n" } });
    const started = await builder.build(s);
    assert.equal(started.started, true);

    const [upload] = [...gcs.objects.values()];
    assert.ok(upload);
    assert.equal(upload.bucket, "judge-sources");
    assert.match(upload.name, new RegExp(`^sources/${buildTag(s.id)}-[0-9a-f]{16}\\.tar\\.gz$`));
    assert.equal(upload.metadata["contentType"], "application/gzip");
    assert.deepEqual(upload.metadata["metadata"], { submissionId: s.id });
    const dir = untar(upload.data);
    folders.push(dir);
    assert.equal(readFileSync(join(dir, "src/main.py"), "utf8"), pythonNode);
    assert.equal(readFileSync(join(dir, "src/lib/util.py"), "utf8"), "X = 1\n");
    assert.equal(
      readFileSync(join(dir, "proto/raft.proto"), "utf8"),
      readFileSync(RAFT_PROTO, "utf8"),
    );
    for (const path of [
      "judge/agent.cjs",
      "judge/toolchain-step.mjs",
      "docker/node-python.Dockerfile",
      "docker/node-typescript.Dockerfile",
    ]) {
      assert.ok(readFileSync(join(dir, path)).length > 0, path);
    }
    const manifest = JSON.parse(readFileSync(join(dir, "judge/package.json"), "utf8"));
    assert.deepEqual(Object.keys(manifest.dependencies).sort(), [
      "@grpc/grpc-js",
      "@grpc/proto-loader",
      "esbuild",
      "typescript",
    ]);

    const [create] = fake.callsTo("CreateBuild");
    assert.ok(create);
    assert.equal(create["projectId"], PROJECT);
    const build = create["build"];
    assert.deepEqual(build["source"], {
      storageSource: {
        bucket: "judge-sources",
        object: upload.name,
        generation: upload.generation,
      },
    });
    assert.deepEqual(build["substitutions"], {
      _SUBMISSION_ID: s.id,
      _LANGUAGE: "python",
      _PROBLEM: "raft",
      _IMAGE: nodeImage(REPOSITORY, s.id),
    });
    assert.deepEqual(build["tags"], ["clusterjudge", buildTag(s.id)]);
    assert.deepEqual(build["images"], ["${_IMAGE}"]);
    assert.deepEqual(
      build["steps"].map((step: { id: string; name: string }) => [step.id, step.name]),
      [
        ["toolchain", "node:20-slim"],
        ["image", "gcr.io/cloud-builders/docker"],
      ],
    );
    assert.equal(build["logsBucket"], "gs://judge-build-logs");
    assert.deepEqual(build["options"], { logging: "GCS_ONLY", substitutionOption: "MUST_MATCH" });
    assert.deepEqual(build["timeout"], { seconds: "900" });
    assert.equal(
      build["serviceAccount"],
      "projects/judge-test/serviceAccounts/builder@judge-test.iam.gserviceaccount.com",
    );
    assert.ok(fake.builds.has(started.buildId), "the id is the build's, read from the operation");
  });

  test("a submit delivered again while its build runs starts no second build; after it ended, it does", async () => {
    const s = aSubmission({ files: { "main.py": pythonNode } });
    const first = await builder.build(s);
    const again = await builder.build(s);
    assert.equal(again.buildId, first.buildId);
    assert.equal(fake.callsTo("CreateBuild").length, 1);
    assert.deepEqual(
      fake.callsTo("ListBuilds").map((r) => r["filter"]),
      [`tags="${buildTag(s.id)}"`, `tags="${buildTag(s.id)}"`],
    );
    fake.finishBuild(first.buildId, "FAILURE");
    const third = await builder.build(s);
    assert.notEqual(third.buildId, first.buildId);
    assert.equal(fake.callsTo("CreateBuild").length, 2);
  });

  test("UNAVAILABLE on the list is retried by the client; PERMISSION_DENIED on create is a CloudBuildError naming the role", async () => {
    fake.failNext("ListBuilds", grpc.status.UNAVAILABLE);
    fake.failNext("CreateBuild", grpc.status.PERMISSION_DENIED, "cloudbuild.builds.create denied");
    const s = aSubmission({ files: { "main.py": pythonNode } });
    await assert.rejects(builder.build(s), (err: unknown) => {
      assert.ok(err instanceof CloudBuildError, String(err));
      assert.equal(err.operation, "create");
      assert.equal(err.code, grpc.status.PERMISSION_DENIED);
      assert.equal(err.submissionId, s.id);
      assert.match(err.message, /cloudbuild\.builds\.create denied/);
      assert.match(err.message, /roles\/cloudbuild\.builds\.editor/);
      return true;
    });
    assert.equal(fake.callsTo("ListBuilds").length, 2, "the UNAVAILABLE list was tried again");
  });

  test("the toolchain step in the archive builds the node with its stubs and reports the command relocated to /app", async () => {
    const s = aSubmission({ files: { "main.py": pythonNode } });
    await builder.build(s);
    const upload = [...gcs.objects.values()].at(-1)!;
    const dir = untar(upload.data);
    folders.push(dir);
    // In Cloud Build the step installs these from its manifest; here, the project's own.
    symlinkSync(join(repoRoot, "node_modules"), join(dir, "judge/node_modules"));
    const run = () => toolchainStep(dir, "python", "raft");
    const ok = run();
    assert.equal(ok.status, 0, ok.stderr + ok.stdout);
    assert.deepEqual(JSON.parse(readFileSync(join(dir, "out/output"), "utf8")), {
      argv: ["/usr/bin/python3", "-u", "main.py"],
      cwd: "/app",
    });
    assert.ok(readFileSync(join(dir, "build/raft_pb2_grpc.py")).length > 0, "stubs generated");

    writeFileSync(join(dir, "src/main.py"), "import os\n\ndef broken(:\n    pass\n");
    rmSync(join(dir, "build"), { recursive: true });
    const failed = run();
    assert.equal(failed.status, 1, failed.stderr);
    const { diagnostics } = splitDiagnostics(failed.stdout.split("\n"));
    assert.deepEqual(
      diagnostics.map((d) => [d.file, d.line]),
      [["main.py", 3]],
    );
  });

  // One problem per language: the step is the same for every problem, and every problem's
  // templates build locally (tests/unit/toolchains/templates-build.test.ts).
  test("each language's template builds in its archive's toolchain step", async () => {
    const problem = registeredProblem("g-counter");
    for (const language of LANGUAGES) {
      const files = { ...templateOf(problem, language) };
      const s = aSubmission({ problem: problem.slug, problemId: problem.id, language, files });
      await builder.build(s);
      const dir = untar([...gcs.objects.values()].at(-1)!.data);
      folders.push(dir);
      symlinkSync(join(repoRoot, "node_modules"), join(dir, "judge/node_modules"));
      const run = toolchainStep(dir, language, problem.slug);
      assert.equal(run.status, 0, `${language}: ${run.stderr}${run.stdout}`);
      const output = JSON.parse(readFileSync(join(dir, "out/output"), "utf8")) as { cwd: string };
      assert.equal(output.cwd, "/app", language);
    }
  });

  describe("cloud-builds notifications", () => {
    const logs = () => new StorageBuildLogs(storage);

    /** The Build as Cloud Build publishes it: the created build, a status, its results. */
    async function notified(status: string, results?: unknown) {
      const s = aSubmission({ files: { "main.py": pythonNode } });
      const { buildId } = await builder.build(s);
      const build = { ...fake.finishBuild(buildId, status), ...(results ? { results } : {}) };
      const data = Buffer.from(JSON.stringify(build));
      return { s, buildId, build, message: { data, attributes: { buildId, status } } };
    }

    test("statuses that are not final, and builds that are not the judge's, give no event", async () => {
      for (const status of ["QUEUED", "WORKING", "PENDING", "STATUS_UNKNOWN"]) {
        const { message } = await notified(status);
        assert.equal(await parseCloudBuildNotification(message, logs()), null, status);
        // Without attributes (a relay that dropped them) the body says the same.
        assert.equal(await parseCloudBuildNotification({ data: message.data }, logs()), null);
      }
      const other = { id: "b-1", status: "SUCCESS", tags: ["nightly"], substitutions: {} };
      const data = Buffer.from(JSON.stringify(other));
      assert.equal(await parseCloudBuildNotification({ data }, logs()), null);
    });

    test("SUCCESS gives the pushed image and the toolchain's command; a repeat gives the same event", async () => {
      const command = { argv: ["/usr/bin/python3", "-u", "main.py"], cwd: "/app" };
      const results = {
        images: [],
        buildStepOutputs: [Buffer.from(JSON.stringify(command)).toString("base64"), ""],
      };
      const { s, buildId, build, message } = await notified("SUCCESS", results);
      const image = nodeImage(REPOSITORY, s.id);
      build.results = { ...results, images: [{ name: image, digest: "sha256:abc" }] };
      gcs.put(
        "judge-build-logs",
        `log-${buildId}.txt`,
        'Step #1 - "image": Successfully built 1234\n',
      );
      const data = Buffer.from(JSON.stringify(build)).toString("base64"); // as in push bodies
      const event = await parseCloudBuildNotification({ ...message, data }, logs());
      const expected: BuildOutcome = {
        ok: true,
        command,
        outDir: `${image}@sha256:abc`,
        log: ["Successfully built 1234"],
      };
      assert.deepEqual(event, { submissionId: s.id, outcome: expected });
      assert.deepEqual(await parseCloudBuildNotification({ ...message, data }, logs()), event);
    });

    test("FAILURE gives build_failed with the toolchain's diagnostics and the log's tail", async () => {
      const { s, buildId, message } = await notified("FAILURE");
      const diagnostic = { file: "main.py", line: 3, column: 13, message: "invalid syntax" };
      gcs.put(
        "judge-build-logs",
        `log-${buildId}.txt`,
        [
          'Step #0 - "toolchain": copied 1 files',
          'Step #0 - "toolchain": main.py:3:13: invalid syntax',
          `Step #0 - "toolchain": CLUSTERJUDGE_DIAGNOSTIC ${JSON.stringify(diagnostic)}`,
          "ERROR: build step 0 failed: step exited with non-zero status: 1",
          "",
        ].join("\n"),
      );
      const event = await parseCloudBuildNotification(message, logs());
      assert.deepEqual(event, {
        submissionId: s.id,
        outcome: {
          ok: false,
          diagnostics: [diagnostic],
          log: [
            "copied 1 files",
            "main.py:3:13: invalid syntax",
            "ERROR: build step 0 failed: step exited with non-zero status: 1",
          ],
        },
      });
    });

    test("TIMEOUT, INTERNAL_ERROR, CANCELLED and EXPIRED are build_failed saying why, with the tail of a long log read by range", async () => {
      const lines = Array.from(
        { length: 4000 },
        (_, i) => `Step #1 - "image": line ${i} ${"x".repeat(20)}`,
      );
      for (const status of FAILED_STATUSES.filter((x) => x !== "FAILURE")) {
        const { buildId, message } = await notified(status);
        gcs.put("judge-build-logs", `log-${buildId}.txt`, `${lines.join("\n")}\n`);
        gcs.requests.length = 0;
        const event = await parseCloudBuildNotification(message, logs());
        assert.ok(event && !event.outcome.ok, status);
        assert.deepEqual(event.outcome.diagnostics, [
          { file: "(build)", line: null, column: null, message: `Cloud Build ended ${status}` },
        ]);
        assert.equal(event.outcome.log.at(-1), `line 3999 ${"x".repeat(20)}`);
        assert.equal(event.outcome.log.length, 200, "bounded to the pipeline's log lines");
        const download = gcs.requests.find((r) => r.url.includes("alt=media"));
        assert.ok(download?.range, "only the tail was downloaded");
      }
    });

    test("a build whose log is missing still fails with its status", async () => {
      const { message } = await notified("CANCELLED");
      const event = await parseCloudBuildNotification(message, logs());
      assert.ok(event && !event.outcome.ok);
      assert.match(event.outcome.log[0] ?? "", /no build log at gs:\/\/judge-build-logs\/log-/);
    });
  });

  test("no request left loopback (nothing went to googleapis.com or a metadata server)", () => {
    assert.deepEqual(network.hosts, []);
  });
});
