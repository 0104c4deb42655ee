export { StorageBuildLogs, splitDiagnostics, type BuildLogReader } from "./build-log.ts";
export {
  BUILD_STEPS,
  JUDGE_TAG,
  SUBSTITUTIONS,
  TOOLCHAIN_SCRIPT,
  buildTag,
  cloudBuildRequest,
} from "./build-request.ts";
export { CloudBuildBuilder, type CloudBuildBuilderOptions } from "./cloud-build-builder.ts";
export { CloudBuildError } from "./errors.ts";
export { nodeImage } from "./image.ts";
export { CLOUD_BUILD_LIMITS } from "./limits.ts";
export {
  FAILED_STATUSES,
  parseCloudBuildNotification,
  type CloudBuildMessage,
} from "./notification.ts";
export { judgeSupportFiles } from "./support-files.ts";
export { tarGz, type TarEntry } from "./tarball.ts";
export { BUILD_MARKERS, WORKSPACE } from "./workspace.ts";
