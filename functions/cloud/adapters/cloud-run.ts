// The cluster port on Cloud Run, for the functions that deploy, test or tear down clusters.
import { CloudRunCluster } from "../../../shared/adapters/gcp/cluster/index.ts";
import type { CloudEnv } from "../env.ts";

export function cloudRunFromEnv(env: CloudEnv): CloudRunCluster {
  return new CloudRunCluster({
    projectId: env.project,
    projectNumber: env.projectNumber,
    region: env.region,
    imageRepository: env.imageRepository,
    serviceAccount: env.nodeServiceAccount,
    invokers: env.nodeInvokers.split(","),
    vpc: { network: env.vpcNetwork, subnetwork: env.vpcSubnetwork },
  });
}
