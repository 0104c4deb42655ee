// Running one scenario: on the submission's cluster, redeployed first if it is gone (the
// judge restarted), with its evidence in the scenario's folder, its result stored at once.
import type { Submission } from "../../shared/domain/submission.ts";
import type { ClusterHandle } from "../../shared/ports/cluster.ts";
import { clusterRecord, clusterSpec } from "../cluster-spec.ts";
import type { StepPorts } from "../ports.ts";
import { progressWriter } from "./progress.ts";
import { notTornDown } from "../../shared/domain/lifecycle.ts";

export async function runScenario(s: Submission, index: number, ports: StepPorts): Promise<void> {
  const name = s.scenarios[index]!;
  const cluster = await attachOrRedeploy(s, ports);
  const progress = progressWriter(ports, s.id, index);
  try {
    const result = await ports.scenarios.run({
      problem: s.problem,
      scenario: name,
      cluster,
      seed: s.seed,
      evidenceDir: await ports.evidenceDir(s.id, name),
      onProgress: (p) => progress.onProgress(p),
    });
    await progress.flush();
    await ports.store.putResult(s.id, index, result);
  } finally {
    await progress.flush();
  }
}

async function attachOrRedeploy(s: Submission, ports: StepPorts): Promise<ClusterHandle> {
  const attached = await ports.cluster.attach(s.id);
  if (attached) return attached;
  // A failure here is the platform's (the same build deployed before): the step retries.
  const handle = await ports.cluster.deploy(clusterSpec(s, ports));
  await ports.store.transition(s.id, (c) => {
    const now = ports.nowMs();
    return { ...notTornDown(c), cluster: clusterRecord(c, handle, true, now), updatedAt: now };
  });
  return handle;
}
