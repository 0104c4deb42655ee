// Every problem's second property: after the heal every node runs. The heal starts any node
// a fault left down; one that does not come back (it exits on start, say, on reading what
// it wrote to DATA_DIR before) fails the scenario as "node readiness", with its log's end,
// rather than with what its absence did to the other checks.
import { holds, violated, type PropertyResult } from "../shared/check/property.ts";
import type { ClusterHandle, NodeControl } from "../shared/ports/cluster.ts";
import { nowMs, sleep } from "./clock.ts";
import type { Check } from "./problem.ts";
import type { NodeDown, RunRecord } from "./run-record.ts";

const PROPERTY = "node readiness";
/** How long a node still starting after the recovery wait has to run: the contract's 15 s. */
const STARTING_WAIT_MS = 15_000;
const POLL_MS = 50;
/** Lines of a node's log a readiness failure quotes. */
export const LOG_TAIL_LINES = 20;

/** The node log's last lines, read page by page (the agent keeps a bounded log). */
async function logTail(control: NodeControl, lines: number): Promise<string[]> {
  const tail: string[] = [];
  let since: number | undefined;
  for (let page = 0; page < 100; page++) {
    const read = await control.logs(since === undefined ? {} : { since }).catch(() => null);
    if (!read || read.items.length === 0) break;
    for (const l of read.items)
      tail.push(l.stream === "stdout" ? l.line : `[${l.stream}] ${l.line}`);
    tail.splice(0, Math.max(0, tail.length - lines));
    since = read.next;
  }
  return tail;
}

/** The nodes not running now (a node still starting gets the contract's 15 s). */
export async function nodesDown(cluster: ClusterHandle): Promise<NodeDown[]> {
  const down: NodeDown[] = [];
  for (const node of cluster.nodes) {
    const until = nowMs() + STARTING_WAIT_MS;
    let status = await node.control.status();
    while (status.state === "starting" && nowMs() < until) {
      await sleep(POLL_MS);
      status = await node.control.status();
    }
    if (status.state === "running") continue;
    const cause =
      status.state === "starting"
        ? `${node.id} did not accept connections within ${STARTING_WAIT_MS / 1000} s of its start`
        : (status.lastExit?.cause ?? `${node.id} is ${status.state}`);
    down.push({ node: node.id, cause, logTail: await logTail(node.control, LOG_TAIL_LINES) });
  }
  return down;
}

export function checkReadiness({ nodesDown: down }: Pick<RunRecord, "nodesDown">): PropertyResult {
  const first = down?.[0];
  if (!first) return holds(PROPERTY, "every node was running after the heal");
  const more =
    down.length > 1
      ? ` (and ${down
          .slice(1)
          .map((d) => d.node)
          .join(", ")})`
      : "";
  return violated(
    PROPERTY,
    `${first.node} was not running after the heal and the recovery wait: ${first.cause}${more}`,
    [`${first.node}'s log, its last lines:`, ...first.logTail],
  );
}

/** Not required: a scenario whose nodes all ran has nothing to prove here. */
export const readinessCheck: Check = { name: PROPERTY, required: false, run: checkReadiness };
