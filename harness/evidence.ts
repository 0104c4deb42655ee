// Writes a scenario's evidence as files: the client history (in the checker's JSON format,
// so `clusterjudge check` replays it), the message log (one JSON record a line, by start
// time, as kept within the judge's caps: caps.ts), the fault timeline, each node's log
// (node-log-file.ts). The message log (by the traffic poller, as it reads) and the node logs
// are written as they are made, never held whole in memory; the history is bounded by its cap.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ClusterHandle } from "../shared/ports/cluster.ts";
import type { ScenarioResult } from "../shared/domain/result.ts";
import type { Operation } from "./operation.ts";
import { writeJsonLines } from "./json-lines.ts";
import { MessageFile } from "./message-file.ts";
import { writeNodeLog } from "./node-log-file.ts";
import type { ProblemJudge } from "./problem.ts";
import type { RunRecord } from "./run-record.ts";

/** A scenario's message log in its evidence folder. */
export const messagesPath = (dir: string): string => join(dir, "messages.jsonl");

export async function writeEvidence<Op extends Operation>(
  dir: string,
  run: RunRecord<Op>,
  judge: Pick<ProblemJudge<Op>, "historyDocument">,
  cluster: ClusterHandle,
): Promise<ScenarioResult["evidence"]> {
  await mkdir(join(dir, "logs"), { recursive: true });
  const history = join(dir, "history.json");
  const messages = messagesPath(dir);
  const faults = join(dir, "faults.json");
  await writeFile(history, JSON.stringify(judge.historyDocument(run), null, 1));
  // A run's messages are already there, streamed by the poller (message-file.ts).
  const written = run.messages instanceof MessageFile && run.messages.path === messages;
  if (!written) await writeJsonLines(messages, run.messages);
  await writeFile(
    faults,
    JSON.stringify(
      {
        originMs: run.originMs,
        timeline: run.timeline,
        windows: run.faults,
        roleLosses: run.roleLosses,
        ...(run.problemRecord === undefined ? {} : { problemRecord: run.problemRecord }),
      },
      null,
      1,
    ),
  );
  return { history, messages, faults, logs: await writeNodeLogs(dir, cluster) };
}

/**
 * Each node's log as logs/<node>.log; returns their paths by node, and puts each log's last
 * lines (logs/<node>.log's end, node-log-file.ts) in `tails`.
 */
export async function writeNodeLogs(
  dir: string,
  cluster: ClusterHandle,
  tails: Map<string, string> = new Map(),
): Promise<Record<string, string>> {
  await mkdir(join(dir, "logs"), { recursive: true });
  const logs: Record<string, string> = {};
  for (const node of cluster.nodes) {
    const path = join(dir, "logs", `${node.id}.log`);
    tails.set(node.id, (await writeNodeLog(node, path)).join("\n"));
    logs[node.id] = path;
  }
  return logs;
}
