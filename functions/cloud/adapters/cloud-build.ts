// The builder port on Cloud Build, for the submit function only: it alone carries the
// Cloud Build client and the support files every build archive holds.
import { Storage } from "@google-cloud/storage";
import { CloudBuildBuilder } from "../../../shared/adapters/gcp/builder/cloud-build-builder.ts";
import type { CloudEnv } from "../env.ts";
import { readSupportFiles } from "../support-files.ts";
import { protoOf } from "./protos.ts";

export function cloudBuildFromEnv(env: CloudEnv, bundleDir: string): CloudBuildBuilder {
  return new CloudBuildBuilder({
    projectId: env.project,
    sourceBucket: env.bucket,
    logsBucket: env.bucket,
    imageRepository: env.imageRepository,
    protoPath: (problem) => {
      const path = protoOf(problem);
      if (!path) throw new Error(`no .proto for problem ${problem}`);
      return path;
    },
    storage: new Storage({ projectId: env.project }),
    serviceAccount: env.buildServiceAccount,
    supportFiles: () => readSupportFiles(bundleDir),
  });
}
