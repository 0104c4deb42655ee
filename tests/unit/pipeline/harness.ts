// Shared by the pipeline's tests: a local pipeline on a fresh home with the real builder and
// the real local cluster, the cluster's and builder's calls counted (they still do the work).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocalBuilder } from "../../../shared/adapters/local/builder/index.ts";
import { LocalCluster } from "../../../shared/adapters/local/cluster/local-cluster.ts";
import type { Builder } from "../../../shared/ports/builder.ts";
import type { ClusterPort } from "../../../shared/ports/cluster.ts";
import type { ScenarioRunner } from "../../../shared/ports/scenarios.ts";
import { judgeHome, type JudgeHome } from "../../../shared/pipeline/home.ts";
import {
  LocalPipeline,
  type LocalPipelineOptions,
} from "../../../shared/pipeline/local-pipeline.ts";

export const PYTHON_NODE = readFileSync(
  new URL("./fixtures/python-node/main.py", import.meta.url),
  "utf8",
);

export interface Calls {
  builds: number;
  deploys: number;
  teardowns: number;
}

export interface Harness {
  home: JudgeHome;
  pipeline: LocalPipeline;
  calls: Calls;
  warnings: string[];
  dispose(): Promise<void>;
}

export function openPipeline(
  scenarios: ScenarioRunner,
  queue: LocalPipelineOptions["queue"] = {},
  slots?: number,
): Harness {
  const root = mkdtempSync(join(tmpdir(), "cj-pipeline-"));
  const home = judgeHome({ CLUSTERJUDGE_HOME: root });
  const calls: Calls = { builds: 0, deploys: 0, teardowns: 0 };
  const realCluster = new LocalCluster();
  const cluster: ClusterPort = {
    deploy: (spec) => {
      calls.deploys += 1;
      return realCluster.deploy(spec);
    },
    attach: (id) => realCluster.attach(id),
    teardown: (id) => {
      calls.teardowns += 1;
      return realCluster.teardown(id);
    },
  };
  const realBuilder = new LocalBuilder(home);
  const builder: Builder = {
    build: (s) => {
      calls.builds += 1;
      return realBuilder.build(s);
    },
  };
  const warnings: string[] = [];
  const pipeline = new LocalPipeline({
    home,
    cluster,
    builder,
    scenarios,
    queue: { pollMs: 20, ...queue },
    ...(slots !== undefined ? { slots } : {}),
    warn: (m) => warnings.push(m),
  });
  return {
    home,
    pipeline,
    calls,
    warnings,
    dispose: async () => {
      await pipeline.close();
      await realCluster.teardownAll();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** How many times each scenario really ran (lines in its runs.log). */
export function runCounts(h: Harness, id: string, names: string[]): number[] {
  return names.map((name) => {
    try {
      return readFileSync(join(h.home.scenarioDir(id, name), "runs.log"), "utf8")
        .trim()
        .split("\n").length;
    } catch {
      return 0;
    }
  });
}
