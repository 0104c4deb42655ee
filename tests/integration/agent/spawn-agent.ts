// Starts the bundled agent as a process of its own with a config and extra environment, as
// a container's entrypoint would, and waits for its "listening" line. No agent outlives
// its test file: each follows the test process out (its parent pid, and stdin a pipe that
// closes when the test process dies), and whatever is still running when the file ends is
// stopped, even after a failed or timed-out hook. Its node goes with it either way.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { afterAll } from "vitest";
import { bundleAgent } from "../../../shared/agent/bundle.ts";
import type { AgentConfigInput } from "../../../shared/agent/config.ts";

/** How long an agent asked to stop (SIGTERM) may take before it is SIGKILLed. */
const STOP_WAIT_MS = 5_000;

export interface SpawnedAgent {
  child: ChildProcess;
  ingressPort: number;
  egressPorts: Record<string, number>;
}

const running = new Set<ChildProcess>();

afterAll(async () => {
  await Promise.all([...running].map(stopAgent));
});

/** SIGTERM (the agent kills its node, then exits), SIGKILL if it takes too long. */
export async function stopAgent(child: ChildProcess): Promise<void> {
  running.delete(child);
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), STOP_WAIT_MS);
  await exited;
  clearTimeout(timer);
}

export async function spawnAgent(
  config: AgentConfigInput,
  env: NodeJS.ProcessEnv = {},
): Promise<SpawnedAgent> {
  const withParent = { parentPid: process.pid, ...config };
  const child = spawn(
    process.execPath,
    [await bundleAgent(), "--config-json", JSON.stringify(withParent)],
    { env: { ...process.env, ...env }, stdio: ["pipe", "pipe", "inherit"] },
  );
  running.add(child);
  child.once("exit", () => running.delete(child));
  const ready = await new Promise<{ ingressPort: number; egressPorts: Record<string, number> }>(
    (resolve, reject) => {
      let out = "";
      child.stdout!.on("data", (d: Buffer) => {
        out += d.toString();
        const line = out.split("\n").find((l) => l.includes('"listening"'));
        if (line) resolve(JSON.parse(line));
      });
      child.once("exit", (code) => reject(new Error(`agent exited with ${code}`)));
    },
  );
  return { child, ...ready };
}
