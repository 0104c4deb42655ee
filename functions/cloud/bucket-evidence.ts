// Scenario evidence in the cloud. A function instance's disk is memory that goes with the
// instance, so after each scenario its evidence folder is uploaded to the bucket and the
// stored result names gs:// URLs; the api reads them back from there, and nothing else.
import { readdir, rm } from "node:fs/promises";
import { join, relative } from "node:path";
import { Readable } from "node:stream";
import type { Bucket } from "@google-cloud/storage";
import type { EvidenceSource } from "../api/ports.ts";
import type { ScenarioResult } from "../../shared/domain/result.ts";
import type { ScenarioRunner } from "../../shared/ports/scenarios.ts";

/** Every evidence object lives under this prefix: evidence/<submission>/<scenario>/<file>. */
export const EVIDENCE_PREFIX = "evidence/";
const NOT_FOUND = 404;

export function gsUrl(bucket: Bucket, object: string): string {
  return `gs://${bucket.name}/${object}`;
}

/** The runner, uploading each scenario's evidence and naming it by URL in the result. */
export function uploadingEvidence(runner: ScenarioRunner, bucket: Bucket): ScenarioRunner {
  return {
    names: (problem) => runner.names(problem),
    async run(opts) {
      const result = await runner.run(opts);
      const base = `${EVIDENCE_PREFIX}${opts.cluster.clusterId}/${opts.scenario}/`;
      const urls = new Map<string, string>();
      for (const file of await filesUnder(opts.evidenceDir)) {
        const object = base + relative(opts.evidenceDir, file).split("\\").join("/");
        await bucket.upload(file, { destination: object, resumable: false });
        urls.set(file, gsUrl(bucket, object));
      }
      await rm(opts.evidenceDir, { recursive: true, force: true });
      return withEvidenceUrls(result, urls);
    },
  };
}

function withEvidenceUrls(result: ScenarioResult, urls: Map<string, string>): ScenarioResult {
  const url = (path: string) => urls.get(path) ?? path;
  const evidence: ScenarioResult["evidence"] = {};
  for (const [key, value] of Object.entries(result.evidence)) {
    if (typeof value === "string") (evidence as Record<string, string>)[key] = url(value);
  }
  if (result.evidence.logs) {
    const logs = Object.entries(result.evidence.logs).map(([node, path]) => [node, url(path)]);
    evidence.logs = Object.fromEntries(logs);
  }
  return { ...result, evidence };
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries.map((e) =>
      e.isDirectory() ? filesUnder(join(dir, e.name)) : Promise.resolve([join(dir, e.name)]),
    ),
  );
  return nested.flat();
}

/** Evidence the api may serve: objects of this bucket under the evidence prefix, in ranges. */
export function bucketEvidence(bucket: Bucket): EvidenceSource {
  const prefix = gsUrl(bucket, EVIDENCE_PREFIX);
  return {
    async open(location) {
      if (!location.startsWith(prefix) || location.includes("/../")) return null;
      const file = bucket.file(location.slice(`gs://${bucket.name}/`.length));
      let size: number;
      try {
        const [metadata] = await file.getMetadata();
        size = Number(metadata.size ?? 0);
      } catch (err) {
        if ((err as { code?: unknown }).code === NOT_FOUND) return null;
        throw err;
      }
      return {
        size,
        stream: (range) => {
          const { start, end } = range ?? { start: 0, end: size };
          // Cloud Storage ranges end inclusive; an empty one is no request at all.
          return end <= start ? Readable.from([]) : file.createReadStream({ start, end: end - 1 });
        },
      };
    },
  };
}
