// The Cloud Build request for one submission: its steps (cloudbuild-distributed.yaml is
// generated from them by `npm run gen:cloudbuild`), the submission's values as substitutions,
// and its key as a tag so a notification, and a repeated submit, find the build again. Pure.
import type { protos } from "@google-cloud/cloudbuild";
import { LANGUAGE_LIST } from "../../../../languages/registry.ts";
import { clusterKey } from "../cluster/naming.ts";
import { CLOUD_BUILD_LIMITS } from "./limits.ts";

/** Substitutions every build carries (all used by the steps: the build says MUST_MATCH). */
export const SUBSTITUTIONS = {
  submissionId: "_SUBMISSION_ID",
  language: "_LANGUAGE",
  problem: "_PROBLEM",
  image: "_IMAGE",
} as const;

/** The tag on every judge build: notifications of other builds in the project are ignored. */
export const JUDGE_TAG = "clusterjudge";

/** A language's Debian packages (languages/<name>/language.ts), installed when it is built. */
const languageSetup = LANGUAGE_LIST.filter((l) => l.debianPackages.length > 0).flatMap((l) => [
  `if [ "\${_LANGUAGE}" = ${l.name} ]; then`,
  "  apt-get update -qq",
  // A JRE's postinst links its man pages into man1, which slim images leave out.
  "  mkdir -p /usr/share/man/man1",
  `  apt-get install -y -qq --no-install-recommends ${l.debianPackages.join(" ")} >/dev/null`,
  "fi",
]);

/**
 * Validate and generate the stubs with the judge's own toolchain (node 20, with the
 * language's Debian packages), then build the image from the language's Dockerfile.
 */
export const TOOLCHAIN_SCRIPT = [
  "set -eu",
  ...languageSetup,
  "npm install --prefix judge --omit=dev --no-audit --no-fund --loglevel=error",
  'node judge/toolchain-step.mjs "${_LANGUAGE}" "${_PROBLEM}"',
  "",
].join("\n");

export const BUILD_STEPS: protos.google.devtools.cloudbuild.v1.IBuildStep[] = [
  {
    id: "toolchain",
    name: "node:20-slim",
    entrypoint: "bash",
    args: ["-c", TOOLCHAIN_SCRIPT],
    // The step's container, one per build, is the build's sandbox: node:20-slim has no
    // bubblewrap for runBuildTool (shared/toolchains/build-sandbox.ts), which would refuse.
    env: ["CLUSTERJUDGE_SUBMISSION_ID=${_SUBMISSION_ID}", "CLUSTERJUDGE_UNSAFE_NO_SANDBOX=1"],
  },
  {
    id: "image",
    name: "gcr.io/cloud-builders/docker",
    args: ["build", "--file", "docker/node-${_LANGUAGE}.Dockerfile", "--tag", "${_IMAGE}", "."],
  },
];

/** The step whose output (results.buildStepOutputs) is the node's command. */
export const TOOLCHAIN_STEP_INDEX = 0;

export interface BuildRequestInput {
  projectId: string;
  submissionId: string;
  language: string;
  problem: string;
  image: string;
  source: { bucket: string; object: string; generation: string | null };
  /** Bucket (name only) the build writes its log to; notifications read the tail there. */
  logsBucket: string;
  /** The build's service account email; default: Cloud Build's own. */
  serviceAccount?: string;
}

export function buildTag(submissionId: string): string {
  return clusterKey(submissionId);
}

export function cloudBuildRequest(
  input: BuildRequestInput,
): protos.google.devtools.cloudbuild.v1.ICreateBuildRequest {
  const { source } = input;
  return {
    projectId: input.projectId,
    build: {
      source: {
        storageSource: {
          bucket: source.bucket,
          object: source.object,
          ...(source.generation ? { generation: source.generation } : {}),
        },
      },
      steps: BUILD_STEPS,
      // Cloud Build pushes these to Artifact Registry and records their digests.
      images: ["${_IMAGE}"],
      substitutions: {
        [SUBSTITUTIONS.submissionId]: input.submissionId,
        [SUBSTITUTIONS.language]: input.language,
        [SUBSTITUTIONS.problem]: input.problem,
        [SUBSTITUTIONS.image]: input.image,
      },
      tags: [JUDGE_TAG, buildTag(input.submissionId)],
      timeout: { seconds: CLOUD_BUILD_LIMITS.buildTimeoutS },
      logsBucket: `gs://${input.logsBucket}`,
      options: { logging: "GCS_ONLY", substitutionOption: "MUST_MATCH" },
      ...(input.serviceAccount
        ? { serviceAccount: `projects/${input.projectId}/serviceAccounts/${input.serviceAccount}` }
        : {}),
    },
  };
}
