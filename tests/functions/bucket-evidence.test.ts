// Scenario evidence in the cloud: after a scenario its files go to the bucket and the stored
// result names gs:// URLs; the api's evidence source reads those back and nothing else.
// Cloud Storage is the fake JSON API the builder's tests use, on loopback.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, it } from "vitest";
import { Storage, type Bucket } from "@google-cloud/storage";
import { bucketEvidence, uploadingEvidence } from "../../functions/cloud/bucket-evidence.ts";
import type { EvidenceFile } from "../../functions/api/ports.ts";
import type { ScenarioResult } from "../../shared/domain/result.ts";
import type { ClusterHandle } from "../../shared/ports/cluster.ts";
import type { ScenarioRunner } from "../../shared/ports/scenarios.ts";
import { FakeStorage } from "../support/fake-gcp-grpc.ts";

const BUCKET = "judge-project-clusterjudge-submissions";

/** An evidence file (or a range of it) as text. */
async function text(file: EvidenceFile, range?: { start: number; end: number }): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of file.stream(range)) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

/** A runner that writes evidence as the real one does: files in its folder, named by path. */
const writingRunner: ScenarioRunner = {
  names: () => ["leader_election"],
  async run(opts) {
    const history = join(opts.evidenceDir, "history.json");
    writeFileSync(history, '[{"op":"put"}]');
    mkdirSync(join(opts.evidenceDir, "logs"), { recursive: true });
    const log = join(opts.evidenceDir, "logs", "node-0.log");
    writeFileSync(log, "node-0 started\n");
    const result: ScenarioResult = {
      name: opts.scenario,
      verdict: "pass",
      reason: "every property held",
      durationMs: 1,
      seed: opts.seed,
      stats: { ops: 1, ok: 1, fail: 0, unknown: 0, latencyP50Ms: 1, latencyP99Ms: 1, rpcsPerOp: 0 },
      evidence: { history, logs: { "node-0": log } },
    };
    return result;
  },
};

describe("scenario evidence in the bucket", () => {
  let gcs: FakeStorage;
  let bucket: Bucket;
  let dir: string;

  beforeAll(async () => {
    gcs = await new FakeStorage().start();
    bucket = new Storage({ apiEndpoint: gcs.url, projectId: "judge-project" }).bucket(BUCKET);
    dir = mkdtempSync(join(tmpdir(), "cj-evidence-"));
  });

  afterAll(async () => {
    await gcs?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("uploads a scenario's files, names them by URL, and leaves no local copy", async () => {
    const evidenceDir = join(dir, "s-1", "leader_election");
    mkdirSync(evidenceDir, { recursive: true });
    const cluster: ClusterHandle = { clusterId: "s-1", nodes: [], sandbox: [] };
    const runner = uploadingEvidence(writingRunner, bucket);
    const result = await runner.run({
      problem: "raft",
      scenario: "leader_election",
      cluster,
      seed: 7,
      evidenceDir,
    });
    const prefix = `gs://${BUCKET}/evidence/s-1/leader_election/`;
    assert.equal(result.evidence.history, `${prefix}history.json`);
    assert.deepEqual(result.evidence.logs, { "node-0": `${prefix}logs/node-0.log` });
    assert.equal(
      gcs.objects.get(`${BUCKET}/evidence/s-1/leader_election/history.json`)?.data.toString(),
      '[{"op":"put"}]',
    );
    assert.equal(existsSync(evidenceDir), false, "the instance's memory is freed");

    const source = bucketEvidence(bucket);
    const log = await source.open(result.evidence.logs!["node-0"]!);
    assert.equal(log && (await text(log)), "node-0 started\n");
  });

  it("reads a range of an object, asking the bucket for those bytes only", async () => {
    gcs.put(BUCKET, "evidence/s-2/x/logs/node-1.log", "line one\nline two\nline three\n");
    const file = await bucketEvidence(bucket).open(`gs://${BUCKET}/evidence/s-2/x/logs/node-1.log`);
    assert.equal(file?.size, 29);
    gcs.requests.length = 0;
    assert.equal(await text(file!, { start: 9, end: 18 }), "line two\n");
    assert.deepEqual(
      gcs.requests.map((r) => r.range),
      ["bytes=9-17"],
    );
    assert.equal(await text(file!, { start: 5, end: 5 }), "");
  });

  it("serves only evidence objects of its own bucket", async () => {
    gcs.put(BUCKET, "sources/s-1.tar.gz", "source");
    gcs.put("another-bucket", "evidence/s-1/x/history.json", "[]");
    const source = bucketEvidence(bucket);
    assert.equal(await source.open(`gs://${BUCKET}/sources/s-1.tar.gz`), null);
    assert.equal(await source.open("gs://another-bucket/evidence/s-1/x/history.json"), null);
    assert.equal(await source.open(`gs://${BUCKET}/evidence/../sources/s-1.tar.gz`), null);
    assert.equal(await source.open(`gs://${BUCKET}/evidence/s-9/none.json`), null);
    assert.equal(await source.open("/etc/passwd"), null);
  });
});
