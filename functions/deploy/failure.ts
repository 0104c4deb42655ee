// Turning a failed deploy into what the user reads: what went wrong, and the failing node's
// log when the cluster adapter attached it to its error (`log`: text, lines or LogLines).
import { boundLog } from "../../shared/domain/build.ts";
import type { SubmissionError } from "../../shared/domain/submission.ts";

export function deployFailure(err: unknown): SubmissionError {
  const text = err instanceof Error ? err.message : String(err);
  const log = logLines((err as { log?: unknown } | null)?.log);
  // With the log kept apart, the message's first line says what went wrong.
  const message = log.length ? (text.split("\n")[0] ?? text) : text;
  return { stage: "deploy", message, ...(log.length ? { log: boundLog(log) } : {}) };
}

function logLines(log: unknown): string[] {
  if (typeof log === "string") return log.split("\n").filter((l) => l.length > 0);
  if (!Array.isArray(log)) return [];
  return log.map((entry) => {
    if (typeof entry === "string") return entry;
    const line = (entry as { line?: unknown }).line;
    return typeof line === "string" ? line : JSON.stringify(entry);
  });
}
