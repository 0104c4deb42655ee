// Cloud Build's notifications as build-complete events, for the build-complete function: a
// failed build's diagnostics come from its log's tail in the logs bucket.
import { Storage } from "@google-cloud/storage";
import { StorageBuildLogs } from "../../../shared/adapters/gcp/builder/build-log.ts";
import { parseCloudBuildNotification } from "../../../shared/adapters/gcp/builder/notification.ts";
import type { StepFunctionPorts } from "../cloud-ports.ts";
import type { CloudEnv } from "../env.ts";

export function buildNotificationsFromEnv(env: CloudEnv): StepFunctionPorts["buildNotification"] {
  const logs = new StorageBuildLogs(new Storage({ projectId: env.project }));
  return (message) => parseCloudBuildNotification(message, logs);
}
