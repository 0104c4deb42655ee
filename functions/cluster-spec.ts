// The cluster a built submission runs as: shared by deploy and by test-runner's redeploy.
import { findProblem } from "../shared/domain/problems.ts";
import type { ClusterRecord, Submission } from "../shared/domain/submission.ts";
import type { ClusterHandle, ClusterSpec } from "../shared/ports/cluster.ts";
import type { StepPorts } from "./ports.ts";

export function clusterSpec(s: Submission, ports: StepPorts): ClusterSpec {
  const problem = findProblem(s.problem);
  if (!problem) throw new Error(`submission ${s.id} names unknown problem ${s.problem}`);
  if (!s.build) throw new Error(`submission ${s.id} has no build to deploy`);
  const protoPath = ports.protoPath(s.problem);
  return {
    clusterId: s.id,
    problem: s.problem,
    nodeCount: problem.nodeCount,
    command: { argv: s.build.command.argv, cwd: s.build.command.cwd },
    ...(protoPath ? { protoPath } : {}),
  };
}

/** The cluster as the submission records it; `deployed` counts a fresh deploy. */
export function clusterRecord(
  s: Submission,
  handle: ClusterHandle,
  deployed: boolean,
  nowMs: number,
): ClusterRecord {
  const before = s.cluster;
  return {
    clusterId: handle.clusterId,
    nodes: handle.nodes.map((n) => ({ id: n.id, clientAddress: n.clientAddress })),
    sandbox: handle.sandbox.map((x) => ({ step: x.step, applied: x.applied, detail: x.detail })),
    deploys: (before?.deploys ?? 0) + (deployed ? 1 : 0),
    deployedAtMs: deployed || !before ? nowMs : before.deployedAtMs,
  };
}
