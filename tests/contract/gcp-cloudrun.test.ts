// The Cloud Run cluster against an in-process Cloud Run Admin API (the library's own protos
// on loopback): the requests it sends, how it handles long-running operations and errors,
// and readiness through real chaos agents started from each service's own agent config.
// Deleting a service SIGKILLs its agent, which runs no hook of its own: its node must die
// with it all the same (the agent's watchdog), as on Cloud Run.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, test } from "vitest";
import * as grpc from "@grpc/grpc-js";
import { bundleAgent } from "../../shared/agent/bundle.ts";
import { PROOF_HEADER } from "../../shared/agent/call-proofs.ts";
import { agentConfigSchema } from "../../shared/agent/config.ts";
import {
  AGENT_CONFIG_ENV,
  CloudRunApiError,
  CloudRunCluster,
  CloudRunDeployError,
  nodeService,
  serviceId,
} from "../../shared/adapters/gcp/cluster/index.ts";
import type { ClusterSpec } from "../../shared/ports/cluster.ts";
import { FakeGcp, fakeClientOptions, watchOutboundConnections } from "../support/fake-gcp-grpc.ts";
import { groupMembers } from "../support/leftovers/proc.ts";
import { freePort } from "../../shared/adapters/local/cluster/ports.ts";
import { RAFT_PROTO, testNodeCommand } from "../support/test-node/command.ts";
import { TestNodeClient } from "../support/test-node/client.ts";
import { NodeConnections } from "../../harness/any-node/connections.ts";

/* eslint-disable @typescript-eslint/no-explicit-any -- services are the protos' JSON form */
const LOCATION = { projectId: "judge-test", projectNumber: "123456789012", region: "europe-west1" };
const REPOSITORY = "europe-west1-docker.pkg.dev/judge-test/nodes";
const NODES = 5;
/** How long a node may take to follow its SIGKILLed agent before it counts as left behind. */
const NODE_GONE_WAIT_MS = 5_000;

/** Local stand-ins for the Cloud Run instances: one real agent per service. */
class LocalInstances {
  readonly ports = new Map<string, number>();
  readonly agents = new Map<string, ChildProcess>();
  readonly configs = new Map<string, unknown>();
  /** Nodes whose agent was killed, each checked gone, and those that were not (then killed). */
  readonly nodesStopped: string[] = [];
  readonly nodesLeft: string[] = [];
  private readonly dir = mkdtempSync(join(tmpdir(), "cj-cloudrun-"));
  /** When set, a deploy's operations finish only once this many services exist. */
  barrier: { count: number; reached: Promise<void>; release: () => void } | null = null;
  created = 0;

  async plan(clusterId: string, count: number): Promise<void> {
    for (let i = 0; i < count; i++) this.ports.set(serviceId(clusterId, i), await freePort());
  }

  url = (id: string): string => `http://127.0.0.1:${this.ports.get(id) ?? 9}`;

  expectParallel(count: number): void {
    let release = () => {};
    const reached = new Promise<void>((r) => (release = r));
    this.barrier = { count, reached, release };
    this.created = 0;
  }

  async deployed(service: Record<string, any>): Promise<void> {
    this.created += 1;
    if (this.barrier) {
      if (this.created >= this.barrier.count) this.barrier.release();
      await this.barrier.reached;
    }
    await this.startAgent(service);
  }

  async startAgent(service: Record<string, any>): Promise<void> {
    const id = (service["name"] as string).split("/").pop() as string;
    await this.stop(id); // a new revision replaces the instance
    const container = service["template"]["containers"][0];
    const env = container["env"].find((e: { name: string }) => e.name === AGENT_CONFIG_ENV);
    // The agent's own schema accepts the config the service carries.
    const config = agentConfigSchema.parse(JSON.parse(env.value));
    this.configs.set(id, structuredClone(config));
    // Only what Cloud Run gives differently is changed: addresses on one machine, a folder.
    config.ingress = { host: "127.0.0.1", port: this.ports.get(id) as number };
    config.node = { host: "127.0.0.1", port: await freePort() };
    for (const peer of config.peers) {
      const peerService = peer.agentAddress.split(`-${LOCATION.projectNumber}.`)[0] as string;
      peer.agentAddress = `127.0.0.1:${this.ports.get(peerService)}`;
      peer.egressPort = 0;
      // Here no front end terminates TLS or checks tokens: agents talk h2c directly
      // (tests/integration/agent/peer-tls.test.ts covers the TLS and token path).
      peer.tls = false;
      delete peer.idTokenAudience;
    }
    config.dataDir = join(this.dir, id);
    config.nodePidFile = this.nodePidFile(id);
    config.protoPath = RAFT_PROTO;
    config.parentPid = process.pid;
    const agentFile = await bundleAgent();
    const child = spawn(process.execPath, [agentFile, "--config-json", JSON.stringify(config)], {
      stdio: ["pipe", "pipe", "inherit"],
    });
    this.agents.set(id, child);
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (d: Buffer) => d.toString().includes('"listening"') && resolve());
      child.once("exit", (code) => reject(new Error(`agent ${id} exited with ${code}`)));
    });
  }

  async deleted(service: Record<string, any>): Promise<void> {
    await this.stop((service["name"] as string).split("/").pop() as string);
  }

  async close(): Promise<void> {
    await Promise.all([...this.agents.keys()].map((id) => this.stop(id)));
    rmSync(this.dir, { recursive: true, force: true });
  }

  private nodePidFile = (id: string): string => join(this.dir, `${id}.node-pid`);

  /** As Cloud Run ends an instance: the agent is SIGKILLed, and its node must follow. */
  private async stop(id: string): Promise<void> {
    const child = this.agents.get(id);
    if (!child) return;
    this.agents.delete(id);
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, "exit");
      child.kill("SIGKILL");
      await exited;
    }
    let pgid: number;
    try {
      pgid = Number(readFileSync(this.nodePidFile(id), "utf8"));
    } catch {
      return; // its node never started
    }
    rmSync(this.nodePidFile(id), { force: true });
    const until = Date.now() + NODE_GONE_WAIT_MS;
    while (groupMembers(pgid).length > 0 && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 20));
    }
    this.nodesStopped.push(id);
    if (groupMembers(pgid).length === 0) return;
    this.nodesLeft.push(`${id} (node pid ${pgid})`);
    try {
      process.kill(-pgid, "SIGKILL");
    } catch {
      // gone just now
    }
  }
}

describe("Cloud Run cluster against a loopback Cloud Run Admin API", () => {
  const instances = new LocalInstances();
  const network = watchOutboundConnections();
  const audiences: string[] = [];
  let fake: FakeGcp;
  let cluster: CloudRunCluster;
  let spec: ClusterSpec;

  beforeAll(async () => {
    process.env["METADATA_SERVER_DETECTION"] = "none";
    fake = await new FakeGcp({
      operationPolls: 2,
      onServiceDeployed: (s) => instances.deployed(s),
      onServiceDeleted: (s) => instances.deleted(s),
    }).start();
    cluster = new CloudRunCluster({
      ...LOCATION,
      imageRepository: REPOSITORY,
      serviceAccount: "nodes@judge-test.iam.gserviceaccount.com",
      vpc: { network: "judge", subnetwork: "nodes" },
      clientOptions: fakeClientOptions(fake.port, LOCATION.projectId),
      serviceUrl: instances.url,
      controlHeaders: async (audience) => {
        audiences.push(audience);
        return { authorization: "Bearer fake-id-token" };
      },
    });
    spec = {
      clusterId: "Sub_One/2",
      problem: "raft",
      nodeCount: NODES,
      command: await testNodeCommand(),
      protoPath: RAFT_PROTO,
    };
  });

  beforeEach(() => {
    fake.calls.length = 0;
    instances.barrier = null;
  });

  afterAll(async () => {
    await cluster?.close();
    await instances.close();
    await fake?.close();
    network.stop();
  });

  test("deploy creates every service at once, waits for the operations, and checks each node through its agent", async () => {
    await instances.plan(spec.clusterId, NODES);
    // Each operation finishes only once all five services exist: a deploy that created them
    // one after another would never get past the first.
    instances.expectParallel(NODES);
    const handle = await cluster.deploy(spec);

    const creates = fake.callsTo("CreateService");
    assert.equal(creates.length, NODES);
    assert.deepEqual(
      creates.map((c) => c["serviceId"]).sort(),
      Array.from({ length: NODES }, (_, i) => serviceId(spec.clusterId, i)).sort(),
    );
    for (const c of creates) {
      assert.equal(c["parent"], "projects/judge-test/locations/europe-west1");
    }
    assert.ok(fake.callsTo("GetOperation").length >= NODES * 2, "operations were polled");
    assert.deepEqual(
      handle.nodes.map((n) => n.id),
      ["node-0", "node-1", "node-2", "node-3", "node-4"],
    );
    for (const node of handle.nodes) assert.equal((await node.control.status()).state, "running");
    assert.ok(audiences.includes(instances.url(serviceId(spec.clusterId, 0))));
    assert.equal(
      handle.nodes[0]?.clientAddress,
      `127.0.0.1:${instances.ports.get(serviceId(spec.clusterId, 0))}`,
    );
  });

  test("each service: one instance, 1 vCPU, 512 MiB, CPU always on, h2c port, internal ingress, the agent as entrypoint", () => {
    const sent = [...fake.services.values()].find((s) => s["name"].endsWith("-n2"));
    assert.ok(sent);
    assert.equal(sent["ingress"], "INGRESS_TRAFFIC_INTERNAL_ONLY");
    assert.equal(sent["scaling"]["scalingMode"], "MANUAL");
    assert.equal(sent["scaling"]["manualInstanceCount"], 1);
    assert.equal(sent["labels"]["clusterjudge-nodes"], "5");
    const template = sent["template"];
    assert.equal(template["executionEnvironment"], "EXECUTION_ENVIRONMENT_GEN2");
    assert.equal(template["serviceAccount"], "nodes@judge-test.iam.gserviceaccount.com");
    assert.deepEqual(template["vpcAccess"], {
      networkInterfaces: [{ network: "judge", subnetwork: "nodes" }],
      egress: "ALL_TRAFFIC",
    });
    const container = template["containers"][0];
    assert.equal(
      container["image"],
      `${REPOSITORY}/node:${serviceId(spec.clusterId, 0).slice(0, -3)}`,
    );
    assert.deepEqual(container["command"], ["/usr/local/bin/node", "/agent/agent.cjs"]);
    assert.deepEqual(container["ports"], [{ name: "h2c", containerPort: 8080 }]);
    assert.deepEqual(container["resources"]["limits"], { cpu: "1", memory: "512Mi" });
    // proto3 sends no false booleans: with resources set, an absent cpuIdle means CPU is
    // always allocated (the API's documented rule). The adapter's own value is checked below.
    assert.notEqual(container["resources"]["cpuIdle"], true);
    const shape = nodeService(spec, 2, { location: LOCATION, image: "i" });
    assert.equal(shape.template?.containers?.[0]?.resources?.cpuIdle, false);

    const config = instances.configs.get(serviceId(spec.clusterId, 2)) as Record<string, any>;
    assert.equal(config["nodeId"], "node-2");
    assert.equal(config["clusterSize"], 5);
    assert.deepEqual(config["ingress"], { host: "0.0.0.0", port: 8080 });
    assert.equal(config["controlOnTcp"], true);
    assert.deepEqual(config["command"]["argv"], spec.command.argv);
    assert.equal(config["protoPath"], "/proto/raft.proto");
    assert.deepEqual(
      config["peers"].map((p: { id: string; agentAddress: string; egressPort: number }) => [
        p.id,
        p.agentAddress,
        p.egressPort,
      ]),
      [0, 1, 3, 4].map((j) => [
        `node-${j}`,
        `${serviceId(spec.clusterId, j)}-123456789012.europe-west1.run.app:443`,
        7100 + j,
      ]),
    );
  });

  test("node control goes through the agent: kill and start are seen in the node's status", async () => {
    const handle = await cluster.attach(spec.clusterId);
    assert.ok(handle, "the deployed cluster is found again");
    assert.equal(handle.nodes.length, NODES);
    const node = handle.nodes[3]!;
    await node.control.kill();
    assert.equal((await node.control.status()).state, "stopped");
    await node.control.start();
    const status = await node.control.status();
    assert.ok(["starting", "running"].includes(status.state), status.state);
    assert.equal(status.starts, 2);
  });

  test("the judge's clients and the peers' agents prove who they are; a bare call is refused", async () => {
    const handle = await cluster.attach(spec.clusterId);
    assert.ok(handle);
    const node = handle.nodes[1]!;
    assert.ok(node.clientChannel, "Cloud Run clients get a channel with headers");
    const headers = await node.clientChannel.headers();
    assert.match(headers[PROOF_HEADER] ?? "", /^[\w-]{43}$/);
    const client = new TestNodeClient(node.clientAddress);
    try {
      const judged = await client.echo("hello", { metadata: headers });
      assert.equal(judged.code, 0, judged.details);
      assert.equal(judged.reply?.node_id, "node-1");
      // What a node dialling another node's service could send: no proof of the judge's.
      const bare = await client.echo("hello", { metadata: { authorization: "Bearer x" } });
      assert.equal(bare.code, grpc.status.UNAUTHENTICATED);
      // node-1 calls node-2 through its agent, whose proof node-2's agent takes.
      await node.control.clear();
      const viaPeer = await client.callPeer("node-2", "vote", 7, { metadata: headers });
      assert.equal(viaPeer.code, 0, viaPeer.details);
      assert.equal(viaPeer.reply?.code, 0, viaPeer.reply?.details);
      const sent = (await node.control.messages()).items.filter((m) => m.to === "node-2");
      assert.deepEqual(
        sent.map((m) => [m.from, m.method, m.status]),
        [["node-1", "/raft.ConsensusNode/RequestVote", 0]],
      );
    } finally {
      client.close();
    }
  });

  test("every problem's clients reach a node through the handle: NodeConnections carries the channel's proof", async () => {
    const handle = await cluster.attach(spec.clusterId);
    assert.ok(handle);
    const connections = new NodeConnections<{ value?: string }>(
      { protoPath: RAFT_PROTO, service: "raft.ConsensusNode", callDeadlineMs: 5000 },
      new Map(handle.nodes.map((n) => [n.id, n])),
    );
    const bare = new NodeConnections<{ value?: string }>(
      { protoPath: RAFT_PROTO, service: "raft.ConsensusNode", callDeadlineMs: 5000 },
      new Map(handle.nodes.map((n) => [n.id, n.clientAddress])),
    );
    try {
      for (const node of handle.nodes) {
        const [attempt, answer] = await connections.call(node.id, "ClientRequest", { key: "k" });
        assert.equal(attempt.result, "ok", attempt.detail);
        assert.equal(answer?.value, "k");
      }
      // The same call from a bare address, as the harness made it before: refused.
      const [refused] = await bare.call("node-0", "ClientRequest", { key: "k" });
      assert.equal(refused.result, "error");
      assert.match(refused.detail ?? "", /judge's proof/);
    } finally {
      connections.close();
      bare.close();
    }
  });

  test("teardown deletes every service, waits for the operations, and is safe to repeat", async () => {
    await cluster.teardown(spec.clusterId);
    assert.equal(fake.callsTo("DeleteService").length, NODES);
    assert.equal(fake.services.size, 0);
    assert.equal(instances.agents.size, 0);
    assert.equal(await cluster.attach(spec.clusterId), null);
    fake.calls.length = 0;
    await cluster.teardown(spec.clusterId);
    assert.equal(fake.callsTo("DeleteService").length, 0, "nothing left to delete");
  });

  test("a service deleted behind teardown's back (NOT_FOUND) is success", async () => {
    const small = { ...spec, clusterId: "gone-twice", nodeCount: 2 };
    await instances.plan(small.clusterId, 2);
    await cluster.deploy(small);
    fake.failNext("DeleteService", grpc.status.NOT_FOUND, "service was already deleted");
    await cluster.teardown(small.clusterId);
    assert.equal(fake.callsTo("DeleteService").length, 2);
    assert.equal(
      fake.services.size,
      1,
      "the service whose delete said NOT_FOUND stays in the fake",
    );
    await cluster.teardown(small.clusterId);
    assert.equal(fake.services.size, 0);
  });

  test("UNAVAILABLE on create is tried again; ALREADY_EXISTS replaces the service with a new revision", async () => {
    const small = { ...spec, clusterId: "retried", nodeCount: 2 };
    await instances.plan(small.clusterId, 2);
    fake.failNext("CreateService", grpc.status.UNAVAILABLE, "the front end is restarting");
    // A leftover of an earlier deploy holds node-1's name.
    fake.services.set(
      `projects/judge-test/locations/europe-west1/services/${serviceId(small.clusterId, 1)}`,
      {
        name: `projects/judge-test/locations/europe-west1/services/${serviceId(small.clusterId, 1)}`,
        labels: { "clusterjudge-cluster": "old" },
      },
    );
    const handle = await cluster.deploy(small);
    assert.equal(handle.nodes.length, 2);
    assert.equal(fake.callsTo("CreateService").length, 3, "one refused, then one per node");
    const updates = fake.callsTo("UpdateService");
    assert.equal(updates.length, 1);
    assert.equal(updates[0]!["service"]["name"].endsWith("-n1"), true);
    assert.equal(updates[0]!["service"]["labels"]["clusterjudge-nodes"], "2");
    await cluster.teardown(small.clusterId);
  });

  test("PERMISSION_DENIED surfaces as a CloudRunApiError naming the roles, and nothing is left", async () => {
    const small = { ...spec, clusterId: "denied", nodeCount: 2 };
    await instances.plan(small.clusterId, 2);
    fake.failNext("CreateService", grpc.status.PERMISSION_DENIED, "run.services.create denied");
    await assert.rejects(cluster.deploy(small), (err: unknown) => {
      assert.ok(err instanceof CloudRunApiError, String(err));
      assert.equal(err.code, grpc.status.PERMISSION_DENIED);
      assert.equal(err.operation, "create");
      assert.match(err.message, /run\.services\.create denied/);
      assert.match(err.message, /roles\/run\.admin/);
      return true;
    });
    assert.equal(fake.services.size, 0, "the node that was created is deleted again");
  });

  test("a node that exits at start fails the deploy with its log", async () => {
    const small = {
      ...spec,
      clusterId: "crashing",
      nodeCount: 2,
      command: {
        argv: [process.execPath, "-e", "console.log('no quorum here'); process.exit(3)"],
        cwd: tmpdir(),
      },
      readyTimeoutMs: 20_000,
    };
    await instances.plan(small.clusterId, 2);
    await assert.rejects(cluster.deploy(small), (err: unknown) => {
      assert.ok(err instanceof CloudRunDeployError, String(err));
      assert.match(err.message, /exited before it was ready: node-\d exited with code 3/);
      assert.ok(
        err.log.some((l) => l.includes("no quorum here")),
        err.log.join("\n"),
      );
      return true;
    });
    assert.equal(fake.services.size, 0);
  });

  test("every deleted instance's node died with its SIGKILLed agent", () => {
    // The 5-node cluster and the 2-node ones that started: each node was looked for.
    assert.ok(instances.nodesStopped.length >= NODES + 4, instances.nodesStopped.join(", "));
    assert.deepEqual(instances.nodesLeft, []);
  });

  test("no request left loopback (nothing went to googleapis.com or a metadata server)", () => {
    assert.deepEqual(network.hosts, []);
  });
});
