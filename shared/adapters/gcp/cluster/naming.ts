// Names and addresses of a cluster's Cloud Run services, computed before anything exists:
// every agent must know its peers' URLs when its service is created.
import { createHash } from "node:crypto";
import { CLOUD_RUN_LIMITS } from "./limits.ts";

/** Labels on every service: which cluster it belongs to, and the cluster's size. */
export const LABELS = { cluster: "clusterjudge-cluster", nodes: "clusterjudge-nodes" } as const;

export interface Location {
  projectId: string;
  /** The project's number: Cloud Run's deterministic URLs use it, not the id. */
  projectNumber: string;
  region: string;
}

export function nodeIds(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `node-${i}`);
}

/** Service ids must start with a letter and hold only lowercase letters, digits and '-'. */
export function clusterKey(clusterId: string): string {
  const hash = createHash("sha256").update(clusterId).digest("hex").slice(0, 8);
  const slug = clusterId
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 24);
  return slug ? `cj-${slug}-${hash}` : `cj-${hash}`;
}

/** "cj-<slug>-<hash>-n3": within Cloud Run's 49 characters with up to 3-digit node numbers. */
export function serviceId(clusterId: string, nodeIndex: number): string {
  const id = `${clusterKey(clusterId)}-n${nodeIndex}`;
  if (id.length > CLOUD_RUN_LIMITS.serviceNameCharsMax)
    throw new Error(`service id ${id} too long`);
  return id;
}

export function locationName(loc: Location): string {
  return `projects/${loc.projectId}/locations/${loc.region}`;
}

export function serviceName(loc: Location, id: string): string {
  return `${locationName(loc)}/services/${id}`;
}

/** The URL Cloud Run gives a service, known before it exists. */
export function serviceHost(loc: Location, id: string): string {
  return `${id}-${loc.projectNumber}.${loc.region}.run.app`;
}
