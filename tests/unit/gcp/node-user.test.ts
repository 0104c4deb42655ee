// On Cloud Run the node shares a container with its agent, whose environment holds the
// cluster's control token. The agent (root in the container) starts the node as nobody,
// without capabilities: here a real agent runs with the Cloud Run config in its environment,
// as the container's entrypoint gets it, and a node that tries to read the agent's
// environment, signal it and look at its own privileges reports what it could do. A second
// agent without the prefix shows the same node reading the token, so the check can fail.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { freePort } from "../../../shared/adapters/local/cluster/ports.ts";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, test } from "vitest";
import { skipIf } from "../../support/skip.ts";
import { bundleAgent } from "../../../shared/agent/bundle.ts";
import { agentConfigSchema } from "../../../shared/agent/config.ts";
import { ControlClient } from "../../../shared/agent/control-client.ts";
import { CONTROL_TOKEN_HEADER } from "../../../shared/agent/protocol.ts";
import {
  AGENT_CONFIG_ENV,
  NODE_USER,
  agentConfig,
  nodeSandboxPrefix,
} from "../../../shared/adapters/gcp/cluster/index.ts";

const TOKEN = "control-token-of-this-test-0123456789";
const LOCATION = { projectId: "p", projectNumber: "1", region: "r" };

// The node: reports its ids and privileges, tries the agent, then serves so it is "ready".
const NODE_PY = `
import os, socket, time
def attempt(name, fn):
    try:
        fn()
        print(name + ": allowed", flush=True)
    except Exception as e:
        print(name + ": refused (" + type(e).__name__ + ")", flush=True)
print("uid", os.getuid(), os.geteuid(), "gid", os.getgid(), os.getegid(), "groups", os.getgroups(), flush=True)
for line in open("/proc/self/status"):
    if line.startswith(("CapInh", "CapPrm", "CapEff", "CapAmb", "NoNewPrivs")):
        print(line.strip().replace("\\t", " "), flush=True)
def read_environ():
    if b"${TOKEN}" not in open("/proc/%d/environ" % os.getppid(), "rb").read():
        raise LookupError("no token there")
attempt("read the agent's environment", read_environ)
attempt("signal the agent", lambda: os.kill(os.getppid(), 0))
attempt("write DATA_DIR", lambda: open(os.path.join(os.environ["DATA_DIR"], "f"), "w").write("x"))
print("config in env:", "${AGENT_CONFIG_ENV}" in os.environ, flush=True)
host, port = os.environ["LISTEN_ADDR"].rsplit(":", 1)
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((host, int(port)))
s.listen()
print("done", flush=True)
while True:
    time.sleep(1)
`;

const root = process.getuid?.() === 0;
const dir = mkdtempSync(join(tmpdir(), "cj-node-user-"));
// nobody must reach the script and DATA_DIR's parent, as in the image.
chmodSync(dir, 0o755);
writeFileSync(join(dir, "node.py"), NODE_PY);
const agents: ChildProcess[] = [];

afterAll(() => {
  for (const a of agents) a.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

/** The Cloud Run config of a one-node cluster, with this machine's addresses and folder. */
async function localConfig(name: string, sandboxed: boolean): Promise<string> {
  const spec = {
    clusterId: "user-test",
    problem: "raft",
    nodeCount: 1,
    command: { argv: ["/usr/bin/python3", "-u", join(dir, "node.py")], cwd: dir },
  };
  const config = agentConfigSchema.parse(agentConfig(spec, 0, LOCATION, TOKEN));
  assert.deepEqual(config.sandbox.prefix, nodeSandboxPrefix());
  config.ingress = { host: "127.0.0.1", port: 0 };
  config.node = { host: "127.0.0.1", port: await freePort() };
  config.dataDir = join(dir, name, "data");
  config.parentPid = process.pid;
  if (!sandboxed) config.sandbox.prefix = [];
  return JSON.stringify(config);
}

/** Starts an agent with its config in the environment; the node's log once it has run. */
async function nodeReport(name: string, sandboxed: boolean): Promise<string[]> {
  const agentFile = await bundleAgent();
  const child = spawn(process.execPath, [agentFile], {
    env: { ...process.env, [AGENT_CONFIG_ENV]: await localConfig(name, sandboxed) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  agents.push(child);
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      const line = out.split("\n").find((l) => l.includes('"listening"'));
      if (line) resolve(JSON.parse(line).ingressPort);
    });
    child.once("exit", (code) => reject(new Error(`agent exited with ${code}`)));
  });
  const control = new ControlClient(`127.0.0.1:${port}`, {
    headers: () => ({ [CONTROL_TOKEN_HEADER]: TOKEN }),
  });
  try {
    for (let i = 0; i < 200; i++) {
      const lines = (await control.logs()).items.map((l) => l.line.trim());
      if (lines.includes("done")) return lines;
      await sleep(100);
    }
    const lines = (await control.logs()).items.map((l) => `${l.stream}: ${l.line}`);
    assert.fail(`the node did not report:\n${lines.join("\n")}`);
  } finally {
    control.close();
  }
}

describe(
  "the node's user on Cloud Run",
  skipIf(root ? false : "needs root, as the agent in the image"),
  () => {
    test("the node runs as nobody, without capabilities: the agent's token is out of reach", async () => {
      const lines = await nodeReport("sandboxed", true);
      const { uid, gid } = NODE_USER;
      assert.ok(lines.includes(`uid ${uid} ${uid} gid ${gid} ${gid} groups []`), lines.join("\n"));
      for (const set of ["CapInh", "CapPrm", "CapEff", "CapAmb"]) {
        assert.ok(lines.includes(`${set}: 0000000000000000`), `${set}\n${lines.join("\n")}`);
      }
      assert.ok(lines.includes("NoNewPrivs: 1"));
      assert.ok(lines.includes("read the agent's environment: refused (PermissionError)"));
      assert.ok(lines.includes("signal the agent: refused (PermissionError)"));
      assert.ok(lines.includes("write DATA_DIR: allowed"), "DATA_DIR is the node's");
      assert.ok(lines.includes("config in env: False"));
      assert.ok(!lines.some((l) => l.includes(TOKEN)));
    });

    test("without the prefix the same node reads the token: the check above can fail", async () => {
      const lines = await nodeReport("plain", false);
      assert.ok(lines.includes("read the agent's environment: allowed"), lines.join("\n"));
    });
  },
);
