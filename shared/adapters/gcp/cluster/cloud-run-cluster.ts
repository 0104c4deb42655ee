// The cluster port on Cloud Run: one service per node (agent as entrypoint, node as its
// child), created in parallel with every peer URL known beforehand. Deploy waits for the
// long-running operations, then for each node through its agent's control API; control
// calls carry an ID token for the service. Teardown deletes by label and may be repeated.
import { ServicesClient, protos as runProtos, type protos } from "@google-cloud/run";
import type { ClientOptions } from "google-gax";
import { randomBytes } from "node:crypto";
import { PROOF_HEADER, clientProof } from "../../../agent/call-proofs.ts";
import { ControlClient } from "../../../agent/control-client.ts";
import { CONTROL_TOKEN_HEADER } from "../../../agent/protocol.ts";
import type {
  ClusterHandle,
  ClusterPort,
  ClusterSpec,
  NodeEndpoint,
  SandboxStep,
} from "../../../ports/cluster.ts";
import { nodeImage } from "../builder/image.ts";
import { CloudRunDeployError, GRPC_CODE, apiError, grpcCode } from "./errors.ts";
import { CLOUD_RUN_LIMITS } from "./limits.ts";
import {
  LABELS,
  clusterKey,
  locationName,
  nodeIds,
  serviceHost,
  serviceId,
  serviceName,
  type Location,
} from "./naming.ts";
import { waitNodeReady } from "./readiness.ts";
import { retryUnavailable } from "./retry.ts";
import { AGENT_CONFIG_ENV, nodeService, type NodeServiceOptions } from "./service-shape.ts";

type Service = protos.google.cloud.run.v2.IService;

export interface CloudRunClusterOptions extends Location {
  /** Artifact Registry repository the builder pushes to: "REGION-docker.pkg.dev/PROJECT/REPO". */
  imageRepository: string;
  /** The nodes' service account (least privilege: none of the project's roles). */
  serviceAccount?: string;
  /**
   * Service accounts that call the nodes (the judge's functions that drive them): with the
   * nodes' own account (for peer calls) they get roles/run.invoker on each node's service as
   * it is made, and no one else does. Empty: the services' IAM policies are left alone.
   */
  invokers?: string[];
  vpc?: NodeServiceOptions["vpc"];
  /** Options for the Admin API client (tests: a loopback endpoint without TLS). */
  clientOptions?: ClientOptions;
  /** Headers for one control call to `audience` (a service URL); default: its ID token. */
  controlHeaders?: (audience: string) => Promise<Record<string, string>>;
  /** Where the judge reaches a service; default its run.app URL. */
  serviceUrl?: (serviceId: string) => string;
}

/** What Cloud Run gives each node, reported as the local cluster reports its sandbox. */
const SANDBOX: SandboxStep[] = [
  {
    step: "Cloud Run service per node",
    applied: true,
    detail: "gen2, one instance (manual scaling)",
  },
  { step: "1 vCPU, 512 MiB", applied: true, detail: "CPU always allocated" },
  { step: "internal ingress", applied: true, detail: "reachable only from the VPC and the judge" },
  { step: "ID tokens", applied: true, detail: "every call to a service carries one" },
];

export class CloudRunCluster implements ClusterPort {
  readonly services: ServicesClient;
  private readonly controls = new Map<string, ControlClient[]>();

  constructor(private readonly opts: CloudRunClusterOptions) {
    this.services = new ServicesClient(opts.clientOptions);
  }

  async deploy(spec: ClusterSpec): Promise<ClusterHandle> {
    const { nodesMax, nodeReadyTimeoutMs } = CLOUD_RUN_LIMITS;
    if (!(spec.nodeCount >= 1 && spec.nodeCount <= nodesMax)) {
      throw new CloudRunDeployError(`nodeCount must be 1..${nodesMax}`, spec.clusterId, null, []);
    }
    const shape: NodeServiceOptions = {
      location: this.opts,
      controlToken: randomBytes(CLOUD_RUN_LIMITS.controlTokenBytes).toString("base64url"),
      image: nodeImage(this.opts.imageRepository, spec.clusterId),
      ...(this.opts.serviceAccount ? { serviceAccount: this.opts.serviceAccount } : {}),
      ...(this.opts.vpc ? { vpc: this.opts.vpc } : {}),
    };
    try {
      await Promise.all(
        nodeIds(spec.nodeCount).map((_, i) =>
          this.createOrReplace(spec.clusterId, i, nodeService(spec, i, shape)),
        ),
      );
      const handle = this.handle(spec.clusterId, spec.nodeCount, shape.controlToken);
      const timeoutMs = spec.readyTimeoutMs ?? nodeReadyTimeoutMs;
      await Promise.all(
        handle.nodes.map((n) => waitNodeReady(spec.clusterId, n.id, n.control, timeoutMs)),
      );
      return handle;
    } catch (err) {
      // Nodes left running cost money and hold the cluster's names: remove what was made.
      await this.teardown(spec.clusterId).catch(() => {});
      throw err;
    }
  }

  async attach(clusterId: string): Promise<ClusterHandle | null> {
    const first = await this.getService(serviceName(this.opts, serviceId(clusterId, 0)));
    const count = Number(first?.labels?.[LABELS.nodes] ?? 0);
    if (!first || !(count >= 1)) return null;
    const rest = await Promise.all(
      nodeIds(count)
        .slice(1)
        .map((_, i) => this.getService(serviceName(this.opts, serviceId(clusterId, i + 1)))),
    );
    return rest.every((s) => s !== null)
      ? this.handle(clusterId, count, controlTokenOf(first))
      : null;
  }

  async teardown(clusterId: string): Promise<void> {
    for (const control of this.controls.get(clusterId) ?? []) control.close();
    this.controls.delete(clusterId);
    const key = clusterKey(clusterId);
    const names: string[] = [];
    const parent = locationName(this.opts);
    const listing = this.services.listServicesAsync({ parent }, { autoPaginate: false });
    try {
      for await (const s of listing) if (s.labels?.[LABELS.cluster] === key) names.push(s.name!);
    } catch (err) {
      throw apiError("list", parent, err);
    }
    await Promise.all(names.map((name) => this.deleteService(name)));
  }

  /** Closes the API client and every control connection. */
  async close(): Promise<void> {
    for (const id of [...this.controls.keys()]) {
      for (const control of this.controls.get(id) ?? []) control.close();
    }
    this.controls.clear();
    await this.services.close();
  }

  private async createOrReplace(clusterId: string, index: number, service: Service) {
    const id = serviceId(clusterId, index);
    const name = serviceName(this.opts, id);
    const parent = locationName(this.opts);
    let operation;
    try {
      [operation] = await retryUnavailable(() =>
        this.services.createService({ parent, serviceId: id, service }),
      );
    } catch (err) {
      if (grpcCode(err) !== GRPC_CODE.alreadyExists) throw apiError("create", name, err);
      // Left by an earlier deploy (or our own retried create): a new revision replaces it.
      [operation] = await retryUnavailable(() =>
        this.services.updateService({ service: { ...service, name } }),
      ).catch((e: unknown) => Promise.reject(apiError("update", name, e)));
    }
    const [ready] = await operation.promise().catch((err: unknown) => {
      throw new CloudRunDeployError(
        `node-${index}: Cloud Run could not start its service: ${(err as Error).message}`,
        clusterId,
        `node-${index}`,
        [],
        { cause: err },
      );
    });
    const condition = ready.terminalCondition;
    if (!succeeded(condition?.state)) {
      throw new CloudRunDeployError(
        `node-${index}: its service is not ready (${condition?.state ?? "no condition"}: ${condition?.message ?? ""})`,
        clusterId,
        `node-${index}`,
        [],
      );
    }
    await this.allowInvokers(name);
  }

  /** Only the nodes and the judge may call this service: its whole policy, set each time. */
  private async allowInvokers(name: string): Promise<void> {
    const members = invokerMembers(this.opts.serviceAccount, this.opts.invokers ?? []);
    if (members.length === 0) return;
    const policy = { bindings: [{ role: INVOKER_ROLE, members }] };
    await retryUnavailable(() => this.services.setIamPolicy({ resource: name, policy })).catch(
      (err: unknown) => Promise.reject(apiError("setIamPolicy", name, err)),
    );
  }

  private async getService(name: string): Promise<Service | null> {
    try {
      const [service] = await this.services.getService({ name });
      return service;
    } catch (err) {
      if (grpcCode(err) === GRPC_CODE.notFound) return null;
      throw apiError("get", name, err);
    }
  }

  private async deleteService(name: string): Promise<void> {
    try {
      const [operation] = await retryUnavailable(() => this.services.deleteService({ name }));
      await operation.promise();
    } catch (err) {
      // Already gone (a repeated teardown, or someone else's): what teardown wants.
      if (grpcCode(err) !== GRPC_CODE.notFound) throw apiError("delete", name, err);
    }
  }

  private handle(clusterId: string, count: number, controlToken?: string): ClusterHandle {
    const token: Record<string, string> = controlToken
      ? { [CONTROL_TOKEN_HEADER]: controlToken }
      : {};
    for (const control of this.controls.get(clusterId) ?? []) control.close();
    const controls: ControlClient[] = [];
    const nodes: NodeEndpoint[] = nodeIds(count).map((id, i) => {
      const url = this.url(serviceId(clusterId, i));
      const control = new ControlClient(url, {
        headers: async () => ({ ...(await this.headers(url)), ...token }),
        timeoutMs: CLOUD_RUN_LIMITS.controlTimeoutMs,
      });
      controls.push(control);
      // The agent takes a client call on its shared port only with the judge's proof.
      const proof: Record<string, string> = controlToken
        ? { [PROOF_HEADER]: clientProof(controlToken, id) }
        : {};
      const clientChannel = {
        tls: url.startsWith("https:"),
        headers: async () => ({ ...(await this.headers(url)), ...proof }),
      };
      return { id, clientAddress: hostPort(url), clientChannel, control };
    });
    this.controls.set(clusterId, controls);
    return { clusterId, nodes, sandbox: SANDBOX.map((s) => ({ ...s })) };
  }

  private url(id: string): string {
    return this.opts.serviceUrl?.(id) ?? `https://${serviceHost(this.opts, id)}`;
  }

  private async headers(audience: string): Promise<Record<string, string>> {
    if (this.opts.controlHeaders) return this.opts.controlHeaders(audience);
    // The metadata server signs an ID token for the service, cached until near its expiry.
    const client = await this.services.auth.getIdTokenClient(audience);
    const headers: Headers | Record<string, string> = await client.getRequestHeaders();
    if (!(headers instanceof Headers)) return headers;
    const out: Record<string, string> = {};
    headers.forEach((value, name) => (out[name] = value));
    return out;
  }
}

/** The role that lets a caller reach a Cloud Run service with an ID token. */
export const INVOKER_ROLE = "roles/run.invoker";

/** IAM members for the invokers of every node's service, without repeats. */
export function invokerMembers(nodes: string | undefined, callers: string[]): string[] {
  const accounts = [...(nodes ? [nodes] : []), ...callers].filter((a) => a.trim() !== "");
  return [...new Set(accounts.map((a) => `serviceAccount:${a.trim()}`))];
}

/** The library decodes enums as numbers; JSON forms use names. */
function succeeded(state: unknown): boolean {
  const { CONDITION_SUCCEEDED } = runProtos.google.cloud.run.v2.Condition.State;
  return state === CONDITION_SUCCEEDED || state === "CONDITION_SUCCEEDED";
}

/** "host:port" of a URL, as the judge's gRPC clients dial it. */
function hostPort(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || (u.protocol === "https:" ? "443" : "80")}`;
}

/** The control token in a node service's agent config, for a judge attaching later. */
function controlTokenOf(service: protos.google.cloud.run.v2.IService): string | undefined {
  const env = service.template?.containers?.[0]?.env?.find((e) => e.name === AGENT_CONFIG_ENV);
  try {
    const token: unknown = JSON.parse(env?.value ?? "{}").controlToken;
    return typeof token === "string" ? token : undefined;
  } catch {
    return undefined;
  }
}
