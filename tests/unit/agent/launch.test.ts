import { test } from "vitest";
import assert from "node:assert/strict";
import { agentConfigSchema, type AgentConfigInput } from "../../../shared/agent/config.ts";
import { AgentActionError } from "../../../shared/agent/errors.ts";
import { buildLaunch, faketimeOffset, nodeEnvironment } from "../../../shared/agent/launch.ts";

const input: AgentConfigInput = {
  nodeId: "node-1",
  clusterSize: 3,
  ingress: { host: "127.0.0.1", port: 7001 },
  node: { host: "127.0.0.1", port: 7101 },
  peers: [
    { id: "node-0", egressPort: 7200, agentAddress: "127.0.0.1:7000" },
    { id: "node-2", egressPort: 7202, agentAddress: "127.0.0.1:7002" },
  ],
  command: { argv: ["/usr/bin/python3", "main.py"], cwd: "/build", env: { EXTRA: "1" } },
  dataDir: "/data/node-1",
};
const config = agentConfigSchema.parse(input);

test("exactly the node contract's environment plus PATH, HOME, LANG, PEERS at this agent", () => {
  const env = nodeEnvironment(
    agentConfigSchema.parse({
      ...input,
      command: { ...input.command, env: { NODE_ID: "spoofed" } },
    }),
  );
  assert.deepEqual(env, {
    PATH: "/usr/local/bin:/usr/bin:/bin",
    HOME: "/tmp",
    LANG: "C.UTF-8",
    NODE_ID: "node-1",
    CLUSTER_SIZE: "3",
    LISTEN_ADDR: "127.0.0.1:7101",
    PEERS: "node-0=127.0.0.1:7200,node-2=127.0.0.1:7202",
    DATA_DIR: "/data/node-1",
  });
  assert.equal(nodeEnvironment(config)["EXTRA"], "1", "the judge's own command.env is kept");
  assert.equal(nodeEnvironment(config)["CLUSTERJUDGE_AGENT_CONFIG"], undefined);
});

test("a skew is a relative faketime offset, never an absolute time", () => {
  assert.equal(faketimeOffset(30_000), "+30s");
  assert.equal(faketimeOffset(-1_500), "-1.5s");
  const launch = buildLaunch(config, 30_000, "/usr/bin/faketime", {});
  assert.deepEqual(
    [launch.file, ...launch.args],
    ["/usr/bin/faketime", "-f", "+30s", "/usr/bin/python3", "main.py"],
  );
  assert.throws(
    () => buildLaunch(config, 30_000, null, {}),
    (e: unknown) => e instanceof AgentActionError && e.status === 409,
  );
});

test("the node joins its cgroups before it execs, inside the sandbox prefix", () => {
  const sandboxed = agentConfigSchema.parse({
    ...input,
    sandbox: {
      cgroupProcsFiles: ["/cg/memory/n1/cgroup.procs", "/cg/cpu/n1/cgroup.procs"],
      prefix: ["bwrap", "--"],
    },
  });
  const launch = buildLaunch(sandboxed, 0, null, {});
  assert.equal(launch.file, "/bin/sh");
  assert.deepEqual(launch.args, [
    "-c",
    `echo $$ > '/cg/memory/n1/cgroup.procs' && echo $$ > '/cg/cpu/n1/cgroup.procs' && exec "$@"`,
    "sh",
    "bwrap",
    "--",
    "/usr/bin/python3",
    "main.py",
  ]);
});
