// Runs `clusterjudge judge` as a user would (a child process of bin/clusterjudge.js) in a
// judge home of its own, and returns its exit status and the JSON summary it printed.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../../../bin/clusterjudge.js", import.meta.url));

export interface JudgeScenarioSummary {
  name: string;
  verdict: "pass" | "fail" | "unknown";
  reason: string;
  durationMs: number;
  stats: Record<string, number>;
  /** The scenario's report.html (shared/pipeline/report.ts). */
  reportPath?: string;
}

export interface JudgeOutcome {
  status: number | null;
  summary: {
    submissionId: string;
    status: string;
    scenarios: JudgeScenarioSummary[];
    reportPath: string;
  } | null;
  stderr: string;
}

/**
 * Judges with `args`; `inspect` sees the outcome while the run's evidence (report.html and
 * the rest, under summary.reportPath) still exists: the home is removed after it.
 */
export async function judge(
  args: string[],
  inspect?: (outcome: JudgeOutcome) => Promise<void>,
): Promise<JudgeOutcome> {
  const home = mkdtempSync(join(tmpdir(), "cj-test-home-"));
  try {
    const child = spawn(process.execPath, [bin, "judge", "--json", ...args], {
      env: { ...process.env, CLUSTERJUDGE_HOME: home },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
    const last = stdout.trim().split("\n").at(-1) ?? "";
    let summary: JudgeOutcome["summary"] = null;
    try {
      summary = JSON.parse(last) as JudgeOutcome["summary"];
    } catch {
      summary = null;
    }
    const outcome = { status, summary, stderr };
    await inspect?.(outcome);
    return outcome;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/** The run's stderr tail, to show with a failed assertion. */
export const tail = (text: string, lines = 40): string =>
  text.trim().split("\n").slice(-lines).join("\n");

/** Judges a folder with one seed, on the given scenarios (all when none). */
export function judgeFolder(opts: {
  problem: string;
  language: string;
  dir: string;
  seed: number;
  scenarios?: readonly string[];
  inspect?: (outcome: JudgeOutcome) => Promise<void>;
}): Promise<JudgeOutcome> {
  const only = (opts.scenarios ?? []).flatMap((s) => ["--scenario", s]);
  return judge(
    [
      "--problem",
      opts.problem,
      "--language",
      opts.language,
      "--seed",
      String(opts.seed),
      ...only,
      opts.dir,
    ],
    opts.inspect,
  );
}

/** A new seed per test run (printed on failure), or CLUSTERJUDGE_TEST_SEED to replay one. */
export const testSeed = (): number =>
  Number(process.env.CLUSTERJUDGE_TEST_SEED ?? 1 + Math.floor(Math.random() * 1e6));
