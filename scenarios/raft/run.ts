// Runs one Raft scenario plan on a deployed cluster: workload and faults together, then
// heal, an idle recovery wait, final reads of every key, and the checkers.
import type { ClusterHandle } from "../../shared/ports/cluster.ts";
import type { ClientOp } from "../../shared/check/raft/history.ts";
import type { ScenarioProgress } from "../../shared/ports/scenarios.ts";
import { nowMs, sleep } from "../clock.ts";
import { resetCluster } from "../cluster-reset.ts";
import { LeaderTracker } from "../leader-tracker.ts";
import { Nemesis } from "../nemesis.ts";
import type { ScenarioPlan } from "../plan.ts";
import { seededRandom } from "../random.ts";
import { TrafficPoller } from "../traffic-poller.ts";
import { RaftClient, RaftConnections } from "./client.ts";
import { LeaderMemory, makeTargeting } from "./targeting.ts";
import type { RunRecord } from "./verdict.ts";
import { keyName, startWorkload } from "./workload.ts";

/** A final read keeps retrying this long: the cluster has just healed. */
export const FINAL_READ_BUDGET_MS = 10000;
/** Heartbeats are counted in the recovery wait from this long after the last operation. */
const SETTLE_BEFORE_IDLE_CHECK_MS = 1000;

export async function runRaftPlan(
  plan: ScenarioPlan,
  cluster: ClusterHandle,
  onProgress: (p: ScenarioProgress) => void,
): Promise<RunRecord> {
  const startedAtMs = await resetCluster(cluster);
  const random = seededRandom(plan.seed).fork(plan.name);
  const nodes = cluster.nodes.map((n) => n.id);
  const connections = new RaftConnections(new Map(cluster.nodes.map((n) => [n.id, n])));
  const tracker = new LeaderTracker();
  const poller = new TrafficPoller(cluster.nodes, (batch) => tracker.observe(batch));
  const nemesis = new Nemesis({
    controls: new Map(cluster.nodes.map((n) => [n.id, n.control])),
    random: random.fork("nemesis"),
    leader: (timeoutMs) => tracker.await(timeoutMs, () => poller.pollOnce()),
  });
  let opId = 0;
  const originMs = nowMs();
  let phase = "workload";
  const workload = startWorkload({
    spec: plan.workload,
    connections,
    random: random.fork("workload"),
    originMs,
    endMs: originMs + plan.workloadMs,
    idleWindows: plan.idleWindows,
    runId: `${plan.name}-${plan.seed}`,
    nextOpId: () => opId++,
  });
  const progress = (): void =>
    onProgress({
      scenario: plan.name,
      phase,
      faults: nemesis.inForce(),
      opsDone: workload.done(),
      elapsedMs: nowMs() - originMs,
    });
  const ticker = setInterval(progress, 500);
  poller.start();
  try {
    for (const step of plan.faults) {
      await sleep(originMs + step.atMs - nowMs());
      await nemesis.apply(step.action);
      progress();
    }
    await workload.finished;
    phase = "heal";
    await nemesis.apply({ kind: "heal" });
    const quietFrom = nowMs();
    phase = "recovery";
    await sleep(plan.recoveryMs);
    const quietTo = nowMs();
    phase = "final reads";
    const finals = await finalReads(plan, connections, nodes, random, () => opId++);
    await poller.stop();
    return {
      originMs,
      endMs: nowMs(),
      nodes,
      history: [...workload.history, ...finals].sort((a, b) => a.startMs - b.startMs),
      finalReads: finals,
      finalReadBudgetMs: FINAL_READ_BUDGET_MS,
      // Anything older is a call the previous scenario left in flight.
      messages: poller.messages.filter((m) => m.startMs >= startedAtMs),
      faults: nemesis.windows,
      losses: [{ atMs: originMs, description: "start-up" }, ...nemesis.losses],
      idleWindows: [
        ...plan.idleWindows.map(([a, b]): [number, number] => [
          originMs + a + SETTLE_BEFORE_IDLE_CHECK_MS,
          originMs + b,
        ]),
        [quietFrom + SETTLE_BEFORE_IDLE_CHECK_MS, quietTo],
      ],
      messagesDropped: poller.dropped,
      timeline: nemesis.timeline,
    };
  } finally {
    clearInterval(ticker);
    connections.close();
  }
}

/** One read of every key, through a fresh client that follows leader hints. */
async function finalReads(
  plan: ScenarioPlan,
  connections: RaftConnections,
  nodes: string[],
  random: ReturnType<typeof seededRandom>,
  nextOpId: () => number,
): Promise<ClientOp[]> {
  const targeting = makeTargeting(
    "leader",
    nodes,
    nodes[0] as string,
    new LeaderMemory(),
    random.fork("final"),
  );
  const client = new RaftClient(
    `${plan.name}-${plan.seed}-final`,
    connections,
    targeting,
    nextOpId,
  );
  const reads: ClientOp[] = [];
  for (let k = 0; k < plan.workload.keys; k++) {
    reads.push(await client.run({ f: "get", key: keyName(k) }, FINAL_READ_BUDGET_MS));
  }
  return reads;
}
