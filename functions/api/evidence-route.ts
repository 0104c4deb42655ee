// GET /submissions/{id}/tests/{index}/evidence/{kind}: one scenario's evidence files, read
// through the EvidenceSource from where the stored result says they are, never whole into
// memory. Messages come as JSON pages of a time window (the message diagram), a node's log
// as pages of text by byte offset, the rest streamed as they are.
import { pipeline } from "node:stream/promises";
import type { Request, Response } from "express";
import type { ScenarioResult } from "../../shared/domain/result.ts";
import { ApiError } from "./errors.ts";
import { logPage, messagePage } from "./evidence-pages.ts";
import { API_LIMITS } from "./limits.ts";
import { visibleSubmission } from "./owner.ts";
import type { ApiPorts, EvidenceFile } from "./ports.ts";

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

function wholeNumber(value: unknown, name: string, fallback: number, max = Infinity): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (typeof value !== "string" || !/^\d+$/.test(value) || n > max) {
    throw new ApiError(
      400,
      `${name} must be a whole number${max < Infinity ? ` from 0 to ${max}` : ""}`,
    );
  }
  return n;
}

/** The messages of a time window, a page at a time (evidence-pages.ts). */
async function sendMessages(file: EvidenceFile, req: Request, res: Response): Promise<void> {
  const limit = wholeNumber(
    req.query.limit,
    "limit",
    API_LIMITS.messagesPerWindowMax,
    API_LIMITS.messagesPerWindowMax,
  );
  const page = await messagePage(file, {
    fromMs: optionalMs(req.query.fromMs, "fromMs") ?? -Infinity,
    toMs: optionalMs(req.query.toMs, "toMs") ?? Infinity,
    offset: wholeNumber(req.query.offset, "offset", 0),
    limit: Math.max(1, limit),
  });
  res.json(page);
}

/** A node's log from a byte offset, at most a page; the headers say where the next starts. */
async function sendLog(file: EvidenceFile, req: Request, res: Response): Promise<void> {
  const max = API_LIMITS.logPageBytesMax;
  const offset = wholeNumber(req.query.offset, "offset", 0);
  const limit = Math.max(1, wholeNumber(req.query.limit, "limit", max, max));
  const page = await logPage(file, offset, limit);
  res.set("X-Total-Bytes", String(file.size));
  if (page.next !== null) res.set("X-Next-Offset", String(page.next));
  res.send(page.bytes);
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
    const file = await ports.evidence.open(locationOf(result, kind, node));
    if (file === null) throw new ApiError(404, `the ${kind} evidence of ${result.name} is gone`);
    res.type(CONTENT_TYPES[kind as FileKind | "logs"]);
    if (kind === "messages") return sendMessages(file, req as Request, res);
    if (kind === "logs") return sendLog(file, req as Request, res);
    // HTML evidence is shown in a frame: it runs nothing and reaches nothing.
    if (kind === "report" || kind === "counterexample") {
      res.set("Content-Security-Policy", "sandbox; default-src 'none'; style-src 'unsafe-inline'");
    }
    // The rest (history, faults, HTML) is bounded by the judge's caps, and streamed.
    res.set("Content-Length", String(file.size));
    await pipeline(file.stream(), res);
  };
}
