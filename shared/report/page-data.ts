// What a file report embeds: the data its page script draws, as one JSON document in the
// page. History and messages are packed as rows (names by index, times relative to the
// origin in microseconds' precision): about half the bytes of the records as objects.
// `packX` runs where the report is written, `unpackX` in the page; the round trip keeps
// every field the plots, the panel and the tooltips read.
import type { ScenarioResult } from "../domain/result.ts";
import type { SubmissionOutcome } from "../domain/outcome.ts";
import type { SubmissionError } from "../domain/submission.ts";
import type { DiagramMessage, FaultsDoc, HistoryAttempt, HistoryDoc, HistoryOp } from "./docs.ts";

/** A link to an evidence file, relative to the report. */
export interface EvidenceLink {
  label: string;
  href: string;
}

/** The scenario as the report shows it: its result without where the files are kept. */
export type ReportedResult = Omit<ScenarioResult, "evidence">;

export interface ScenarioPageData {
  page: "scenario";
  problem: string;
  result: ReportedResult;
  nodes: string[];
  /** Absent when the scenario recorded no history (a node never came up). */
  history?: PackedHistory;
  faults?: FaultsDoc;
  messages?: PackedMessages;
  /** Each node's log, its tail when long. */
  logs: Record<string, { text: string; omittedBytes: number }>;
  /** The linearizability counterexample page, shown in a sandboxed frame. */
  counterexample?: string;
  links: EvidenceLink[];
}

export interface RunScenarioRow {
  name: string;
  /** Absent for a scenario that has no result (not run). */
  verdict?: ScenarioResult["verdict"];
  reason?: string;
  durationMs?: number;
  ops?: number;
  okOps?: number;
  report?: string;
}

export interface RunPageData {
  page: "run";
  submission: {
    id: string;
    problem: string;
    language: string;
    seed: number;
    status: string;
    createdAt: number;
    error?: SubmissionError;
  };
  outcome?: SubmissionOutcome;
  scenarios: RunScenarioRow[];
  links: EvidenceLink[];
}

export type PageData = ScenarioPageData | RunPageData;

/** Microseconds are finer than any clock the evidence has. */
const rel = (ms: number, origin: number): number => Math.round((ms - origin) * 1000) / 1000;

class Names {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();
  of(name: string): number {
    let i = this.index.get(name);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(name);
      this.index.set(name, i);
    }
    return i;
  }
}

type PackedAttempt = [
  node: number,
  start: number,
  end: number,
  result: string,
  hint?: string | 0,
  detail?: string,
];
type PackedOp = [
  id: number,
  client: number,
  f: string,
  key: string | null,
  value: unknown,
  output: unknown,
  type: HistoryOp["type"],
  start: number,
  end: number | null,
  attempts: PackedAttempt[],
];

export interface PackedHistory {
  originMs: number;
  clients: string[];
  nodes: string[];
  ops: PackedOp[];
  /** Operations left out (the first ones are kept); history.json has them all. */
  omitted: number;
}

export function packHistory(history: HistoryDoc, max: number): PackedHistory {
  const origin = history.originMs;
  const clients = new Names();
  const nodes = new Names();
  const attempt = (a: HistoryAttempt): PackedAttempt => {
    const row: PackedAttempt = [
      nodes.of(a.node),
      rel(a.startMs, origin),
      rel(a.endMs, origin),
      a.result,
    ];
    if (a.detail !== undefined) row.push(a.hint ?? 0, a.detail);
    else if (a.hint !== undefined) row.push(a.hint);
    return row;
  };
  const ops = history.ops
    .slice(0, max)
    .map((op): PackedOp => [
      op.id,
      clients.of(op.client),
      op.f,
      op.key ?? null,
      op.value ?? null,
      op.output ?? null,
      op.type,
      rel(op.startMs, origin),
      op.endMs === null ? null : rel(op.endMs, origin),
      (op.attempts ?? []).map(attempt),
    ]);
  return {
    originMs: origin,
    clients: clients.list,
    nodes: nodes.list,
    ops,
    omitted: Math.max(0, history.ops.length - max),
  };
}

export function unpackHistory(packed: PackedHistory): HistoryDoc {
  const origin = packed.originMs;
  const name = (list: string[], i: number) => list[i] ?? `#${i}`;
  return {
    originMs: origin,
    ops: packed.ops.map(([id, client, f, key, value, output, type, start, end, attempts]) => ({
      id,
      client: name(packed.clients, client),
      f,
      key,
      value,
      output,
      type,
      startMs: origin + start,
      endMs: end === null ? null : origin + end,
      attempts: attempts.map(([node, s, e, result, hint, detail]) => ({
        node: name(packed.nodes, node),
        startMs: origin + s,
        endMs: origin + e,
        result,
        ...(typeof hint === "string" ? { hint } : {}),
        ...(detail === undefined ? {} : { detail }),
      })),
    })),
  };
}

/** A decoded request or response: its shape (field names) by index, then the values. */
type PackedFields = [shape: number, ...values: unknown[]] | 0;

type PackedMessage = [
  start: number,
  end: number | null,
  from: number,
  to: number,
  method: number,
  fault: DiagramMessage["fault"] | 0,
  request: PackedFields,
  response: PackedFields,
];

export interface PackedMessages {
  originMs: number;
  /** Senders and receivers ("client" and node ids). */
  lanes: string[];
  methods: string[];
  /** The field names of each shape of request and response, in their order. */
  shapes: string[][];
  rows: PackedMessage[];
  /** Messages in the log; `rows` holds the first ones by start time. */
  total: number;
}

/**
 * The first `max` messages by start time, packed, and how many there were: a pass over them
 * that holds at most twice `max`, so a long log (read from its file) is never all in memory.
 */
export function packMessages(
  messages: Iterable<DiagramMessage>,
  originMs: number,
  max: number,
): PackedMessages {
  const byStart = (a: DiagramMessage, b: DiagramMessage): number => a.startMs - b.startMs;
  let first: DiagramMessage[] = [];
  let total = 0;
  for (const m of messages) {
    total += 1;
    first.push(m);
    if (first.length >= 2 * max) first = first.sort(byStart).slice(0, max);
  }
  first = first.sort(byStart).slice(0, max);
  const lanes = new Names();
  const methods = new Names();
  const shapes = new Names();
  const fields = (o: Record<string, unknown> | undefined): PackedFields => {
    if (o === undefined) return 0;
    const keys = Object.keys(o);
    return [shapes.of(JSON.stringify(keys)), ...keys.map((k) => o[k])];
  };
  const rows = first.map((m): PackedMessage => [
    rel(m.startMs, originMs),
    m.endMs === null ? null : rel(m.endMs, originMs),
    lanes.of(m.from),
    lanes.of(m.to),
    methods.of(m.method),
    m.fault ?? 0,
    fields(m.request),
    fields(m.response),
  ]);
  return {
    originMs,
    lanes: lanes.list,
    methods: methods.list,
    shapes: shapes.list.map((keys) => JSON.parse(keys) as string[]),
    rows,
    total,
  };
}

export function unpackMessages(packed: PackedMessages): DiagramMessage[] {
  const origin = packed.originMs;
  const fields = (p: PackedFields): Record<string, unknown> | undefined => {
    if (p === 0) return undefined;
    const [shape, ...values] = p;
    const keys = packed.shapes[shape] ?? [];
    return Object.fromEntries(keys.map((k, i) => [k, values[i]]));
  };
  return packed.rows.map(([start, end, from, to, method, fault, request, response]) => {
    const req = fields(request);
    const res = fields(response);
    return {
      from: packed.lanes[from] ?? `#${from}`,
      to: packed.lanes[to] ?? `#${to}`,
      method: packed.methods[method] ?? `#${method}`,
      startMs: origin + start,
      endMs: end === null ? null : origin + end,
      ...(fault ? { fault } : {}),
      ...(req ? { request: req } : {}),
      ...(res ? { response: res } : {}),
    };
  });
}

/**
 * JSON for a `<script type="application/json">` element: every `<` written as `\u003c`, so
 * no text from the evidence (which comes from the submission's nodes) can close the element
 * or open a comment; JSON.parse reads it back unchanged.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}
