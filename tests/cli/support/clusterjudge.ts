// Runs the real `clusterjudge` (bin/clusterjudge.js, a child process) as a user would: in a
// judge home and a working folder of the test's choosing.
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = fileURLToPath(new URL("../../../", import.meta.url));
export const BIN = join(REPO, "bin", "clusterjudge.js");

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  home?: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

export function clusterjudge(args: readonly string[], opts: RunOptions = {}): Ran {
  // Colour only where a test asks for it.
  const { FORCE_COLOR: _force, NO_COLOR: _no, ...inherited } = process.env;
  const env = {
    ...inherited,
    ...(opts.home ? { CLUSTERJUDGE_HOME: opts.home } : {}),
    ...opts.env,
  };
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? REPO,
    env,
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export const tempDir = (prefix: string): string => mkdtempSync(join(tmpdir(), `cj-${prefix}-`));
