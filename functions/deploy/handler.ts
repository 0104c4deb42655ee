// deploy: deploying → testing once every node is ready, or → deploy_failed with the node's
// log. It attaches to a cluster an earlier attempt left running before deploying anew, so a
// redelivered event never makes a second cluster.
import { DEPLOY_STEP, claimedStep, scenarioStep } from "../../shared/domain/claim.ts";
import { nextEvent, type DeployEvent, type NextEvent } from "../../shared/domain/events.ts";
import { advance } from "../../shared/domain/lifecycle.ts";
import type { Submission } from "../../shared/domain/submission.ts";
import type { ClusterHandle } from "../../shared/ports/cluster.ts";
import { claimHolder, whileClaimed } from "../claims.ts";
import { clusterRecord, clusterSpec } from "../cluster-spec.ts";
import type { StepHandler, StepPorts } from "../ports.ts";
import { deployFailure } from "./failure.ts";
import { TEARDOWN_REASONS } from "../../shared/domain/teardown.ts";

export const handleDeploy: StepHandler<DeployEvent> = async (event, ports, delivery) => {
  const id = event.submissionId;
  const deployed = await whileClaimed(
    ports,
    {
      submissionId: id,
      step: DEPLOY_STEP,
      holder: claimHolder(delivery),
      start: (s) => (s.status === "deploying" ? s : null),
    },
    (s) => deploy(s, ports),
  );
  if (deployed.held) return deployed.value;
  if (delivery.attempt === 1) return [];
  // A redelivery may come from an attempt that moved to testing and died before publishing.
  const s = await ports.store.get(id);
  if (s?.status !== "testing" || claimedStep(s.claim, scenarioStep(0), ports.nowMs())) return [];
  const results = await ports.store.listResults(id);
  return results.length === 0 ? [nextEvent.testRunner(id, 0)] : [];
};

async function deploy(s: Submission, ports: StepPorts): Promise<NextEvent[]> {
  let handle: ClusterHandle | null;
  let fresh = false;
  try {
    handle = await ports.cluster.attach(s.id);
    if (!handle) {
      handle = await ports.cluster.deploy(clusterSpec(s, ports));
      fresh = true;
    }
  } catch (err) {
    const error = deployFailure(err);
    await ports.store.transition(s.id, (c) =>
      c.status === "deploying" ? advance(c, "deploy_failed", ports.nowMs(), { error }) : null,
    );
    // Whatever did start (some nodes, their agents) goes.
    return [nextEvent.teardown(s.id, TEARDOWN_REASONS.deployFailed)];
  }
  const ready = handle;
  const moved = await ports.store.transition(s.id, (c) => {
    if (c.status !== "deploying") return null;
    const now = ports.nowMs();
    return advance(c, "testing", now, { cluster: clusterRecord(c, ready, fresh, now) });
  });
  return moved.applied ? [nextEvent.testRunner(s.id, 0)] : [];
}
