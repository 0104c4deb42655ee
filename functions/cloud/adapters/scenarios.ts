// The scenario runner for the test-runner function: the scenarios' own runner, each
// scenario's evidence uploaded to the bucket.
import { Storage } from "@google-cloud/storage";
import { createScenarioRunner } from "../../../harness/index.ts";
import type { ScenarioRunner } from "../../../shared/ports/scenarios.ts";
import { uploadingEvidence } from "../bucket-evidence.ts";
import type { CloudEnv } from "../env.ts";

export function uploadingScenariosFromEnv(env: CloudEnv): ScenarioRunner {
  const bucket = new Storage({ projectId: env.project }).bucket(env.bucket);
  return uploadingEvidence(createScenarioRunner(), bucket);
}
