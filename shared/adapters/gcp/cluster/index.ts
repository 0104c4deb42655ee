export { CloudRunCluster, type CloudRunClusterOptions } from "./cloud-run-cluster.ts";
export { CloudRunApiError, CloudRunDeployError } from "./errors.ts";
export { CLOUD_RUN_LIMITS } from "./limits.ts";
export { clusterKey, serviceHost, serviceId, type Location } from "./naming.ts";
export {
  AGENT_CONFIG_ENV,
  IMAGE_PATHS,
  NODE_USER,
  agentConfig,
  nodeSandboxPrefix,
  nodeService,
} from "./service-shape.ts";
