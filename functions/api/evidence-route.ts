// GET /submissions/{id}/tests/{index}/evidence/{kind}: one scenario's evidence files, read
// through the EvidenceSource from where the stored result says they are. Messages come as
// JSON for a time window (the message diagram), bounded; the rest as the file's text.
import type { Request, Response } from "express";
import type { MessageRecord } from "../../shared/ports/cluster.ts";
import type { ScenarioResult } from "../../shared/domain/result.ts";
import { ApiError } from "./errors.ts";
import { API_LIMITS } from "./limits.ts";
import { visibleSubmission } from "./owner.ts";
import type { ApiPorts } from "./ports.ts";

const KINDS = ["history", "messages", "faults", "report", "counterexample"] as const;
type FileKind = (typeof KINDS)[number];

const CONTENT_TYPES: Record<FileKind | "logs", string> = {
  history: "application/json; charset=utf-8",
  messages: "application/json; charset=utf-8",
  faults: "application/json; charset=utf-8",
  report: "text/html; charset=utf-8",
  counterexample: "text/html; charset=utf-8",
  logs: "text/plain; charset=utf-8",
};

async function resultAt(
  ports: ApiPorts,
  req: Request,
  id: string,
  indexText: string,
): Promise<ScenarioResult> {
  await visibleSubmission(ports, req, id);
  const index = Number(indexText);
  const stored = (await ports.store.listResults(id)).find((r) => r.index === index);
  if (!stored) throw new ApiError(404, `submission ${id} has no result for scenario ${indexText}`);
  return stored.result;
}

function locationOf(result: ScenarioResult, kind: string, node?: string): string {
  const location =
    kind === "logs" && node !== undefined
      ? result.evidence.logs?.[node]
      : KINDS.includes(kind as FileKind)
        ? result.evidence[kind as FileKind]
        : undefined;
  if (location === undefined) {
    const known = [...KINDS, "logs/<node>"].join(", ");
    throw new ApiError(404, `scenario ${result.name} has no evidence "${kind}" (kinds: ${known})`);
  }
  return location;
}

function optionalMs(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = Number(value);
  if (typeof value !== "string" || !Number.isFinite(ms)) {
    throw new ApiError(400, `${name} must be a time in epoch milliseconds`);
  }
  return ms;
}

/** The messages that start within [fromMs, toMs], at most messagesPerWindowMax of them. */
function messageWindow(jsonl: string, fromMs = -Infinity, toMs = Infinity) {
  const inWindow = jsonl
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as MessageRecord)
    .filter((m) => m.startMs >= fromMs && m.startMs <= toMs)
    .sort((a, b) => a.startMs - b.startMs);
  const messages = inWindow.slice(0, API_LIMITS.messagesPerWindowMax);
  return { total: inWindow.length, truncated: messages.length < inWindow.length, messages };
}

export function evidenceHandler(ports: ApiPorts) {
  return async (
    req: Request<{ id: string; index: string; kind?: string; node?: string }>,
    res: Response,
  ): Promise<void> => {
    const { id, index, node } = req.params;
    // The logs route names a node and no kind.
    const kind = node === undefined ? (req.params.kind ?? "") : "logs";
    const result = await resultAt(ports, req, id, index);
    const text = await ports.evidence.read(locationOf(result, kind, node));
    if (text === null) throw new ApiError(404, `the ${kind} evidence of ${result.name} is gone`);
    res.type(CONTENT_TYPES[kind as FileKind | "logs"]);
    // HTML evidence is shown in a frame: it runs nothing and reaches nothing.
    if (kind === "report" || kind === "counterexample") {
      res.set("Content-Security-Policy", "sandbox; default-src 'none'; style-src 'unsafe-inline'");
    }
    if (kind !== "messages") {
      res.send(text);
      return;
    }
    const fromMs = optionalMs(req.query.fromMs, "fromMs");
    const toMs = optionalMs(req.query.toMs, "toMs");
    res.json(messageWindow(text, fromMs, toMs));
  };
}
