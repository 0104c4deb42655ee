// The ports a step function gets in the bundle tests: the local store and queue on one SQLite
// file, the local builder and cluster, the real scenario runner's names. Every bundle in the
// test process shares them, so one test can follow an event from function to function.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { StepFunctionPorts } from "../../functions/cloud/cloud-ports.ts";
import { LocalBuilder } from "../../shared/adapters/local/builder/index.ts";
import { LocalCluster } from "../../shared/adapters/local/cluster/local-cluster.ts";
import { LocalQueue } from "../../shared/adapters/local/queue/index.ts";
import { LocalStore } from "../../shared/adapters/local/store/index.ts";
import type { CloudBuildMessage } from "../../shared/adapters/gcp/builder/index.ts";
import type { BuildCompleteEvent } from "../../shared/domain/events.ts";
import { judgeHome, makeScenarioDir } from "../../shared/pipeline/home.ts";
import { createScenarioRunner } from "../../harness/index.ts";

/** The ports but the push check, which each function gets for its own audience. */
export type SharedStepPorts = Omit<StepFunctionPorts, "authenticatePush">;

export interface LocalStepPorts {
  ports: SharedStepPorts;
  store: LocalStore;
  queue: LocalQueue;
  cluster: LocalCluster;
  warnings: string[];
  /** Every message published to `topic` so far, taken off the queue. */
  drain(topic: string): unknown[];
  dispose(): Promise<void>;
}

export function localStepPorts(
  buildNotification: (message: CloudBuildMessage) => Promise<BuildCompleteEvent | null>,
): LocalStepPorts {
  const root = mkdtempSync(join(tmpdir(), "cj-functions-"));
  const home = judgeHome({ CLUSTERJUDGE_HOME: root });
  const store = new LocalStore({ path: home.dbPath });
  const queue = new LocalQueue({ path: home.dbPath });
  const cluster = new LocalCluster();
  const warnings: string[] = [];
  const ports: SharedStepPorts = {
    steps: {
      store,
      builder: new LocalBuilder(home),
      cluster,
      scenarios: createScenarioRunner(),
      evidenceDir: (id, scenario) => makeScenarioDir(home, id, scenario),
      protoPath: (problem) => home.protoPath(problem),
      nowMs: () => Date.now(),
      warn: (m) => warnings.push(m),
    },
    bus: queue,
    buildNotification,
  };
  return {
    ports,
    store,
    queue,
    cluster,
    warnings,
    drain: (topic) => {
      const events: unknown[] = [];
      for (let m = queue.take(topic); m; m = queue.take(topic)) {
        events.push(m.event);
        queue.ack(m.seq);
      }
      return events;
    },
    dispose: async () => {
      await cluster.teardownAll();
      await queue.close();
      await store.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
