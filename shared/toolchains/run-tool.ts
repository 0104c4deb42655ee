// Runs one platform tool to completion with a time limit. A tool that cannot start or hangs
// is the platform's fault (ToolchainError); its exit code and output are the caller's to read.
import { spawn } from "node:child_process";
import { ToolchainError } from "./types.ts";
import { toolTimeoutMs } from "./limits.ts";

export interface ToolResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runTool(argv: string[], cwd: string): Promise<ToolResult> {
  const [program, ...args] = argv;
  if (!program) throw new ToolchainError("runTool", "empty command");
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), toolTimeoutMs);
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(new ToolchainError(program, `cannot run: ${err.message}`, { cause: err }));
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (signal === "SIGKILL") {
        reject(new ToolchainError(program, `did not finish within ${toolTimeoutMs} ms`));
      } else resolve({ code, stdout, stderr });
    });
  });
}
