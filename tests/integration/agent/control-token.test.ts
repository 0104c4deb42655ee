// On Cloud Run the control API shares the port the node can reach: with a control token in
// its config the agent answers only callers that carry it, and the node never sees it.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, test } from "vitest";
import { AGENT_CONFIG_ENV, type AgentConfigInput } from "../../../shared/agent/config.ts";
import { ControlClient } from "../../../shared/agent/control-client.ts";
import { CONTROL_TOKEN_HEADER } from "../../../shared/agent/protocol.ts";
import { spawnAgent, type SpawnedAgent } from "./spawn-agent.ts";

const TOKEN = "a-control-token-of-32-characters";
const dir = mkdtempSync(join(tmpdir(), "cj-control-token-"));
let agent: SpawnedAgent;

beforeAll(async () => {
  const config: AgentConfigInput = {
    nodeId: "node-0",
    clusterSize: 1,
    ingress: { host: "127.0.0.1", port: 0 },
    controlToken: TOKEN,
    node: { host: "127.0.0.1", port: 1 },
    peers: [],
    // The "node" writes down the environment it was given, then idles.
    command: { argv: ["/bin/sh", "-c", `env > ${join(dir, "node-env")}; exec sleep 60`], cwd: dir },
    dataDir: join(dir, "data"),
    autoStart: false,
  };
  // As on Cloud Run: the config comes in the environment the node would inherit.
  agent = await spawnAgent(config, { [AGENT_CONFIG_ENV]: JSON.stringify(config) });
});

afterAll(() => {
  agent?.child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

const client = (headers: Record<string, string>) =>
  new ControlClient(`http://127.0.0.1:${agent.ingressPort}`, { headers: () => headers });

test("control calls without the token are refused, with it they work", async () => {
  const stranger = client({});
  const wrong = client({ [CONTROL_TOKEN_HEADER]: "not-the-token-but-just-as-long!!" });
  const judge = client({ [CONTROL_TOKEN_HEADER]: TOKEN });
  try {
    await assert.rejects(stranger.status(), /needs? this agent|control calls need/);
    await assert.rejects(wrong.kill(), /needs? this agent|control calls need/);
    assert.equal((await judge.status()).state, "stopped");
  } finally {
    for (const c of [stranger, wrong, judge]) c.close();
  }
});

test("the node's environment does not hold the agent's config or its token", async () => {
  const judge = client({ [CONTROL_TOKEN_HEADER]: TOKEN });
  try {
    // "starting" it stays: this node never listens, it only shows its environment.
    await judge.start();
    let env = "";
    for (let i = 0; i < 100 && !env.includes("NODE_ID="); i++) {
      await new Promise((r) => setTimeout(r, 50));
      env = (() => {
        try {
          return readFileSync(join(dir, "node-env"), "utf8");
        } catch {
          return "";
        }
      })();
    }
    assert.match(env, /^NODE_ID=node-0$/m);
    assert.doesNotMatch(env, new RegExp(AGENT_CONFIG_ENV));
    assert.ok(!env.includes(TOKEN), "the token is nowhere in the node's environment");
  } finally {
    await judge.kill();
    judge.close();
  }
});
