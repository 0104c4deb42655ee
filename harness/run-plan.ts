// Runs one scenario plan of any problem on a deployed cluster: the problem's workload and
// the fault schedule together, then heal, an idle recovery wait, and the problem's final
// reads. The record it returns is what the checks read and the evidence files hold.
import type { ClusterHandle } from "../shared/ports/cluster.ts";
import type { ScenarioProgress } from "../shared/ports/scenarios.ts";
import { nowMs, sleep } from "./clock.ts";
import { capHistory } from "./caps.ts";
import { ClientGate } from "./client-gate.ts";
import { resetCluster } from "./cluster-reset.ts";
import { Nemesis } from "./nemesis.ts";
import type { Operation } from "./operation.ts";
import type { ScenarioPlan } from "./plan.ts";
import { PlanRunner } from "./plan-runner.ts";
import { nodesDown } from "./readiness-check.ts";
import type { ProblemDefinition, ProblemJudge, WorkloadContext } from "./problem.ts";
import { seededRandom } from "./random.ts";
import type { RunRecord } from "./run-record.ts";
import { TrafficPoller } from "./traffic-poller.ts";

/** Final reads keep retrying this long: the cluster has just healed. */
export const FINAL_READ_BUDGET_MS = 10000;
/** Idle checks (heartbeats) start this long after the last operation of a window. */
const SETTLE_BEFORE_IDLE_CHECK_MS = 1000;

export async function runPlan<Op extends Operation>(
  problem: ProblemDefinition,
  judge: ProblemJudge<Op>,
  plan: ScenarioPlan,
  cluster: ClusterHandle,
  onProgress: (p: ScenarioProgress) => void,
  /** Where the messages go as they are read: messages.jsonl in the evidence folder. */
  messagesFile: string,
): Promise<RunRecord<Op>> {
  const startedAtMs = await resetCluster(cluster);
  const random = seededRandom(plan.seed).fork(plan.name);
  const nodes = cluster.nodes.map((n) => n.id);
  const session = judge.open(cluster);
  const roles = judge.roles();
  // Anything older is a call the previous scenario left in flight.
  const poller = new TrafficPoller(cluster.nodes, (batch) => roles.observe(batch), {
    file: messagesFile,
    sinceMs: startedAtMs,
  });
  const nemesis = new Nemesis({
    controls: new Map(cluster.nodes.map((n) => [n.id, n.control])),
    random: random.fork("nemesis"),
    roles: problem.roles,
    holder: (role, timeoutMs) => roles.holder(role, timeoutMs, () => poller.pollOnce()),
  });
  let opId = 0;
  const originMs = nowMs();
  const ctx: WorkloadContext = {
    plan,
    random: random.fork("workload"),
    originMs,
    endMs: originMs + plan.workloadMs,
    idleWindows: plan.idleWindows.map(([a, b]) => [originMs + a, originMs + b]),
    runId: `${plan.name}-${plan.seed}`,
    nextOpId: () => opId++,
    gate: new ClientGate(),
    note: (description, atMs) => nemesis.note(description, atMs),
  };
  let phase = "workload";
  const requests = session.requests?.({ ...ctx, random: random.fork("requests") }) ?? null;
  const workload = session.startWorkload(ctx);
  const progress = (): void =>
    onProgress({
      scenario: plan.name,
      phase: runner.round ? `${phase}, ${runner.round}` : phase,
      faults: nemesis.inForce(),
      opsDone: workload.done() + (requests?.history().length ?? 0),
      elapsedMs: nowMs() - originMs,
    });
  const runner = new PlanRunner({
    nemesis,
    gate: ctx.gate,
    requests,
    originMs,
    onStep: progress,
  });
  const ticker = setInterval(progress, 500);
  poller.start();
  try {
    await runner.run(plan.faults);
    await workload.finished;
    phase = "heal";
    await nemesis.apply({ kind: "heal" });
    const quietFrom = nowMs();
    phase = "recovery";
    await sleep(plan.recoveryMs);
    const quietTo = nowMs();
    // The heal started every node: one not running now did not come back.
    const down = await nodesDown(cluster);
    phase = "final reads";
    const finals = await session.finalReads(
      { ...ctx, random: random.fork("final") },
      FINAL_READ_BUDGET_MS,
    );
    await poller.stop();
    const problemRecord = session.record?.();
    const limitHits = await limitHitsSince(cluster, startedAtMs);
    const { history, notKept } = capHistory(
      [...workload.history, ...(requests?.history() ?? [])],
      finals,
    );
    return {
      problem: problem.slug,
      scenario: plan.name,
      seed: plan.seed,
      originMs,
      endMs: nowMs(),
      nodes,
      history,
      historyDropped: notKept,
      finalReads: finals,
      finalReadBudgetMs: FINAL_READ_BUDGET_MS,
      messages: poller.messages,
      messagesDropped: poller.agentDropped + poller.notKept,
      messagesBeyondCap: poller.notKept,
      faults: nemesis.windows,
      roleLosses: nemesis.losses,
      idleWindows: [
        ...plan.idleWindows.map(([a, b]): [number, number] => [
          originMs + a + SETTLE_BEFORE_IDLE_CHECK_MS,
          originMs + b,
        ]),
        [quietFrom + SETTLE_BEFORE_IDLE_CHECK_MS, quietTo],
      ],
      timeline: nemesis.timeline,
      limitHits,
      nodesDown: down,
      ...(problemRecord === undefined ? {} : { problemRecord }),
    };
  } finally {
    clearInterval(ticker);
    poller.abandon();
    session.close();
  }
}

/** What each node's agent recorded of resource limits hit since the scenario began. */
async function limitHitsSince(
  cluster: ClusterHandle,
  sinceMs: number,
): Promise<RunRecord["limitHits"]> {
  const statuses = await Promise.all(cluster.nodes.map((n) => n.control.status()));
  return statuses.flatMap((s, i) =>
    (s.limitHits ?? [])
      .filter((hit) => hit.atMs >= sinceMs)
      .map((hit) => ({ ...hit, node: cluster.nodes[i]?.id ?? s.nodeId })),
  );
}
