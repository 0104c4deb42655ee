// Writes a scenario's evidence as files: the client history (in the checker's JSON format,
// so `clusterjudge check` replays it), the message log, the fault timeline, each node's log.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ClusterHandle, LogLine } from "../shared/ports/cluster.ts";
import type { ScenarioResult } from "../shared/domain/result.ts";
import type { Operation } from "./operation.ts";
import type { ProblemJudge } from "./problem.ts";
import type { RunRecord } from "./run-record.ts";

/** Pages of node log read at most, so a node that logs without end cannot stall the judge. */
const LOG_PAGES_MAX = 200;

async function readNodeLog(node: ClusterHandle["nodes"][number]): Promise<string> {
  const lines: LogLine[] = [];
  let since: number | undefined;
  let dropped = 0;
  for (let page = 0; page < LOG_PAGES_MAX; page++) {
    const read = await node.control.logs(since === undefined ? {} : { since }).catch(() => null);
    if (!read || read.items.length === 0) break;
    if (page === 0) dropped = read.dropped;
    lines.push(...read.items);
    since = read.next;
  }
  const head = dropped
    ? [`[agent] ${dropped} earlier lines were dropped from the bounded log`]
    : [];
  return head
    .concat(
      lines.map(
        (l) =>
          `${new Date(l.atMs).toISOString()} ${l.stream === "stdout" ? "" : `[${l.stream}] `}${l.line}`,
      ),
    )
    .join("\n");
}

export async function writeEvidence<Op extends Operation>(
  dir: string,
  run: RunRecord<Op>,
  judge: Pick<ProblemJudge<Op>, "historyDocument">,
  cluster: ClusterHandle,
): Promise<ScenarioResult["evidence"]> {
  await mkdir(join(dir, "logs"), { recursive: true });
  const history = join(dir, "history.json");
  const messages = join(dir, "messages.jsonl");
  const faults = join(dir, "faults.json");
  await writeFile(history, JSON.stringify(judge.historyDocument(run), null, 1));
  await writeFile(messages, run.messages.map((m) => JSON.stringify(m)).join("\n") + "\n");
  await writeFile(
    faults,
    JSON.stringify(
      {
        originMs: run.originMs,
        timeline: run.timeline,
        windows: run.faults,
        roleLosses: run.roleLosses,
      },
      null,
      1,
    ),
  );
  return { history, messages, faults, logs: await writeNodeLogs(dir, cluster) };
}

/** Each node's log as logs/<node>.log; returns their paths and texts by node. */
export async function writeNodeLogs(
  dir: string,
  cluster: ClusterHandle,
  texts: Map<string, string> = new Map(),
): Promise<Record<string, string>> {
  await mkdir(join(dir, "logs"), { recursive: true });
  const logs: Record<string, string> = {};
  for (const node of cluster.nodes) {
    const path = join(dir, "logs", `${node.id}.log`);
    const text = await readNodeLog(node);
    texts.set(node.id, text);
    await writeFile(path, text);
    logs[node.id] = path;
  }
  return logs;
}
