// Starts the bundled agent as a process of its own with a config and extra environment, as
// a container's entrypoint would, and waits for its "listening" line.
import { spawn, type ChildProcess } from "node:child_process";
import { bundleAgent } from "../../../shared/agent/bundle.ts";
import type { AgentConfigInput } from "../../../shared/agent/config.ts";

export interface SpawnedAgent {
  child: ChildProcess;
  ingressPort: number;
  egressPorts: Record<string, number>;
}

export async function spawnAgent(
  config: AgentConfigInput,
  env: NodeJS.ProcessEnv = {},
): Promise<SpawnedAgent> {
  const child = spawn(
    process.execPath,
    [await bundleAgent(), "--config-json", JSON.stringify(config)],
    { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] },
  );
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
