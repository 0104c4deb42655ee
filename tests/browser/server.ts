// `npm start` as a user runs it (tsx server/main.ts) on a free port of loopback, in the judge
// home given, for the browser tests.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { REPO_ROOT } from "../../shared/pipeline/home.ts";

export interface Server {
  url: string;
  child: ChildProcess;
  output(): string;
}

export async function startServer(home: string): Promise<Server> {
  const child = spawn(process.execPath, ["--import", "tsx", join(REPO_ROOT, "server/main.ts")], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", CLUSTERJUDGE_HOME: home },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr?.on("data", (d: Buffer) => {
      output += d.toString();
      const found = /serving the web UI on (\S+)/.exec(output);
      if (found?.[1]) resolve(found[1]);
    });
    child.once("exit", (code) => reject(new Error(`the server exited (${code}):\n${output}`)));
  });
  return { url, child, output: () => output };
}

/** SIGTERM, as a service manager stops it; resolves with its exit code. */
export async function stopServer(server: Server): Promise<number | null> {
  if (server.child.exitCode !== null) return server.child.exitCode;
  const exited = new Promise<number | null>((resolve) => server.child.once("exit", resolve));
  server.child.kill("SIGTERM");
  return exited;
}
