// One node of a cluster as a Cloud Run service: the chaos agent as the container's
// entrypoint (its config in one environment variable), the node as its child, and the
// settings a judged node needs. Pure: the request is built here and sent elsewhere.
//
// The agent runs as root in the container, and starts the node as another user (nobody)
// with no capabilities and no_new_privs: the agent's environment, which holds its control
// token, is readable only by its own user (/proc/PID/environ), and the node cannot signal
// or trace it. The image must not set USER (languages/<name>/node.Dockerfile).
import { posix } from "node:path";
import type { protos } from "@google-cloud/run";
import { AGENT_CONFIG_ENV, type AgentConfigInput } from "../../../agent/config.ts";
import type { ClusterSpec } from "../../../ports/cluster.ts";
import { CLOUD_RUN_LIMITS } from "./limits.ts";
import { LABELS, clusterKey, nodeIds, serviceHost, serviceId, type Location } from "./naming.ts";

/** Where the image keeps the agent and the problem's proto (see languages/<name>/node.Dockerfile). */
export const IMAGE_PATHS = {
  agentCommand: ["/usr/local/bin/node", "/agent/agent.cjs"],
  protoDir: "/proto",
  /** Cloud Run's in-memory file system: kept while the instance lives, across node restarts. */
  dataDir: "/tmp/clusterjudge/data",
} as const;

export { AGENT_CONFIG_ENV };

/** The node's user and group in the images: nobody and nogroup on Debian. */
export const NODE_USER = { uid: 65534, gid: 65534 } as const;

/**
 * Put before the node's command: DATA_DIR (made by the agent, as root, and named in the
 * node's environment) becomes the node's, then setpriv drops to NODE_USER with no
 * supplementary groups, no inheritable (so no ambient) capabilities and no_new_privs; the
 * uid change clears the other sets.
 */
export function nodeSandboxPrefix(): string[] {
  const { uid, gid } = NODE_USER;
  const drop = [
    "/usr/bin/setpriv",
    `--reuid=${uid}`,
    `--regid=${gid}`,
    "--clear-groups",
    "--inh-caps=-all",
    "--no-new-privs",
    "--",
  ];
  return ["/bin/sh", "-c", `chown ${uid}:${gid} "$DATA_DIR" && exec ${drop.join(" ")} "$@"`, "sh"];
}

export interface NodeServiceOptions {
  location: Location;
  image: string;
  /** The service account the node runs as; default: the project's compute account. */
  serviceAccount?: string;
  /** Direct VPC egress, so calls between services count as internal traffic. */
  vpc?: { network: string; subnetwork: string };
  /** The cluster's control token: the node shares the agent's port, and must not drive it. */
  controlToken?: string;
}

/** The agent's config for node `index`: peers reached through their services' URLs. */
export function agentConfig(
  spec: ClusterSpec,
  index: number,
  location: Location,
  controlToken?: string,
): AgentConfigInput {
  const ids = nodeIds(spec.nodeCount);
  const limits = CLOUD_RUN_LIMITS;
  return {
    nodeId: ids[index] as string,
    clusterSize: spec.nodeCount,
    ingress: { host: "0.0.0.0", port: limits.ingressPort },
    // One port per service: the judge's control calls share it, routed by path.
    controlOnTcp: true,
    ...(controlToken ? { controlToken } : {}),
    node: { host: "127.0.0.1", port: limits.nodePort },
    peers: ids.flatMap((id, j) =>
      j === index
        ? []
        : [
            {
              id,
              egressPort: limits.egressPortBase + j,
              agentAddress: `${serviceHost(location, serviceId(spec.clusterId, j))}:443`,
              // Cloud Run's front end speaks TLS and admits only callers with an ID token.
              tls: true,
              idTokenAudience: `https://${serviceHost(location, serviceId(spec.clusterId, j))}`,
            },
          ],
    ),
    command: { argv: spec.command.argv, cwd: spec.command.cwd, env: spec.command.env ?? {} },
    dataDir: IMAGE_PATHS.dataDir,
    sandbox: { cgroupProcsFiles: [], prefix: nodeSandboxPrefix() },
    ...(spec.protoPath
      ? { protoPath: `${IMAGE_PATHS.protoDir}/${posix.basename(spec.protoPath)}` }
      : {}),
    autoStart: true,
  };
}

/** The CreateService body for node `index` (its id goes beside it, as `serviceId`). */
export function nodeService(
  spec: ClusterSpec,
  index: number,
  opts: NodeServiceOptions,
): protos.google.cloud.run.v2.IService {
  const limits = CLOUD_RUN_LIMITS;
  const labels = {
    [LABELS.cluster]: clusterKey(spec.clusterId),
    [LABELS.nodes]: `${spec.nodeCount}`,
  };
  return {
    labels,
    // Only the judge and the other nodes (through the VPC) may call a node.
    ingress: "INGRESS_TRAFFIC_INTERNAL_ONLY",
    // Exactly one instance: a node is one process with its own state, never load-balanced.
    scaling: { scalingMode: "MANUAL", manualInstanceCount: 1 },
    template: {
      labels,
      ...(opts.serviceAccount ? { serviceAccount: opts.serviceAccount } : {}),
      // Full Linux: SIGSTOP for pauses, faketime's preload, process groups.
      executionEnvironment: "EXECUTION_ENVIRONMENT_GEN2",
      maxInstanceRequestConcurrency: limits.requestConcurrencyMax,
      timeout: { seconds: limits.requestTimeoutS },
      ...(opts.vpc
        ? {
            vpcAccess: {
              networkInterfaces: [{ network: opts.vpc.network, subnetwork: opts.vpc.subnetwork }],
              egress: "ALL_TRAFFIC",
            },
          }
        : {}),
      containers: [
        {
          name: "agent",
          image: opts.image,
          command: [...IMAGE_PATHS.agentCommand],
          env: [
            {
              name: AGENT_CONFIG_ENV,
              value: JSON.stringify(agentConfig(spec, index, opts.location, opts.controlToken)),
            },
          ],
          // Named h2c: Cloud Run speaks HTTP/2 end to end, which gRPC needs.
          ports: [{ name: "h2c", containerPort: limits.ingressPort }],
          resources: {
            limits: { cpu: limits.cpu, memory: limits.memory },
            // CPU always allocated: heartbeats and elections run between requests.
            cpuIdle: false,
            startupCpuBoost: false,
          },
          // Ready when the agent listens; the node's own readiness is checked through it.
          startupProbe: {
            tcpSocket: { port: limits.ingressPort },
            periodSeconds: 1,
            timeoutSeconds: 1,
            failureThreshold: 30,
          },
        },
      ],
    },
  };
}
