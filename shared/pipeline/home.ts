// Where the local judge keeps everything: CLUSTERJUDGE_HOME, by default <repo>/.clusterjudge.
// One SQLite file holds the store and the queue; each submission has a run folder with its
// source, build and evidence.
import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { join, resolve } from "node:path";
import { REGISTRY } from "../../problems/registry.ts";
import { protoPathOf } from "../../problems/paths.ts";

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface JudgeHome {
  root: string;
  dbPath: string;
  runDir(submissionId: string): string;
  scenarioDir(submissionId: string, scenario: string): string;
  reportPath(submissionId: string): string;
  protoPath(problem: string): string;
}

export function judgeHome(env: NodeJS.ProcessEnv = process.env): JudgeHome {
  const root = resolve(env.CLUSTERJUDGE_HOME || join(REPO_ROOT, ".clusterjudge"));
  const runDir = (id: string) => join(root, "runs", id);
  return {
    root,
    dbPath: join(root, "judge.db"),
    runDir,
    scenarioDir: (id, scenario) => join(runDir(id), "scenarios", scenario),
    reportPath: (id) => join(runDir(id), "report.json"),
    protoPath: (problem) => {
      const found = REGISTRY.find((p) => p.slug === problem);
      if (!found) throw new Error(`no judged problem "${problem}"`);
      return protoPathOf(found);
    },
  };
}

/** The scenario's evidence folder, made if absent. */
export async function makeScenarioDir(home: JudgeHome, id: string, scenario: string) {
  const dir = home.scenarioDir(id, scenario);
  await mkdir(dir, { recursive: true });
  return dir;
}
