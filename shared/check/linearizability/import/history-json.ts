// The project's own history file, written by the scenarios and read by `clusterjudge
// check --format json` (schema in docs/checker.md):
//   {"format": "clusterjudge-history/v1", "model": "kv", "ops": [
//     {"id": 0, "client": "c0", "f": "get", "key": "k1", "value": null,
//      "output": {"value": "x", "found": true}, "type": "ok", "startMs": 12.3, "endMs": 45.6}]}
// Each operation is validated on its own, so an error names its index and line. zod/mini:
// the same library without the chained API, a fraction of its load time for `clusterjudge check`.
import * as z from "zod/mini";
import type { CasRegisterInput, CasRegisterOutput } from "../models/cas-register.ts";
import type { KvInput, KvOutput } from "../models/kv.ts";
import type { Operation, Outcome } from "../types.ts";
import { jsonErrorOffset } from "./json-error-offset.ts";
import { HistoryParseError } from "./parse-error.ts";

export const HISTORY_FORMAT = "clusterjudge-history/v1";

export type ParsedHistory =
  | { model: "kv"; ops: Operation<KvInput, KvOutput>[] }
  | { model: "cas-register"; ops: Operation<CasRegisterInput, CasRegisterOutput>[] };

const fileSchema = z.object({
  format: z.literal(HISTORY_FORMAT),
  model: z.enum(["kv", "cas-register"]),
  ops: z.array(z.unknown()),
});

const common = {
  id: z.int().check(z.nonnegative()),
  client: z.string().check(z.minLength(1)),
  type: z.enum(["ok", "fail", "info"]),
  startMs: z.number(),
  endMs: z.nullable(z.number()),
};
const none = z.optional(z.null());
const registerValue = z.union([z.number(), z.string()]);

const kvOpSchema = z.discriminatedUnion("f", [
  z.object({
    ...common,
    f: z.literal("get"),
    key: z.string(),
    value: none,
    output: z.optional(z.nullable(z.object({ value: z.string(), found: z.optional(z.boolean()) }))),
  }),
  z.object({
    ...common,
    f: z.enum(["put", "append"]),
    key: z.string(),
    value: z.string(),
    output: none,
  }),
]);

const casRegisterOpSchema = z.discriminatedUnion("f", [
  z.object({
    ...common,
    f: z.literal("read"),
    key: z.optional(z.string()),
    value: none,
    output: z.optional(z.nullable(registerValue)),
  }),
  z.object({
    ...common,
    f: z.literal("write"),
    key: z.optional(z.string()),
    value: registerValue,
    output: none,
  }),
  z.object({
    ...common,
    f: z.literal("cas"),
    key: z.optional(z.string()),
    value: z.tuple([registerValue, registerValue]),
    output: z.optional(z.nullable(z.boolean())),
  }),
]);

type KvOp = z.infer<typeof kvOpSchema>;
type CasRegisterOp = z.infer<typeof casRegisterOpSchema>;

export function parseHistoryJson(file: string, text: string): ParsedHistory {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new HistoryParseError(
      file,
      lineAt(text, jsonErrorOffset(text)),
      `invalid JSON: ${message}`,
    );
  }
  const top = fileSchema.safeParse(raw);
  if (!top.success) {
    const issue = top.error.issues[0]!;
    throw new HistoryParseError(file, 1, `${issue.path.join(".") || "file"}: ${issue.message}`);
  }
  const lines = opStartLines(text);
  const ids = new Set<number>();
  const check = <T extends { id: number }>(
    schema: z.ZodMiniType<T>,
    op: unknown,
    index: number,
  ): T => {
    const fail = (detail: string): never => {
      throw new HistoryParseError(file, lines[index], `op ${index}: ${detail}`, index);
    };
    const parsed = schema.safeParse(op);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return fail(`${issue.path.join(".") || "operation"}: ${issue.message}`);
    }
    const problem = timingProblem(parsed.data as unknown as Timing);
    if (problem) return fail(problem);
    if (ids.has(parsed.data.id)) return fail(`duplicate id ${parsed.data.id}`);
    ids.add(parsed.data.id);
    return parsed.data;
  };
  if (top.data.model === "kv") {
    const ops = top.data.ops.map((op, i) => toKvOperation(check(kvOpSchema, op, i)));
    return { model: "kv", ops };
  }
  const ops = top.data.ops.map((op, i) =>
    toCasRegisterOperation(check(casRegisterOpSchema, op, i)),
  );
  return { model: "cas-register", ops };
}

interface Timing {
  type: Outcome;
  f: string;
  startMs: number;
  endMs: number | null;
  output?: unknown;
}

function timingProblem(op: Timing): string | undefined {
  if (op.endMs === null && op.type === "ok") return "an ok operation needs an endMs";
  if (op.endMs !== null && op.endMs < op.startMs) return "endMs is before startMs";
  const reads = op.f === "get" || op.f === "read";
  if (reads && op.type === "ok" && op.output === undefined) {
    return `an ok ${op.f} needs an output (${op.f === "get" ? '{"value": ...}' : "null for absent"})`;
  }
  return undefined;
}

const base = (op: {
  id: number;
  client: string;
  type: Outcome;
  startMs: number;
  endMs: number | null;
}) => ({
  id: op.id,
  clientId: op.client,
  callMs: op.startMs,
  returnMs: op.endMs,
  outcome: op.type,
});

function toKvOperation(op: KvOp): Operation<KvInput, KvOutput> {
  if (op.f === "get") {
    // Literal names keep the model's switch on pointer comparisons.
    return { ...base(op), input: { f: "get", key: op.key }, output: op.output ?? undefined };
  }
  const f = op.f === "put" ? "put" : "append";
  return { ...base(op), input: { f, key: op.key, value: op.value }, output: undefined };
}

function toCasRegisterOperation(op: CasRegisterOp): Operation<CasRegisterInput, CasRegisterOutput> {
  const on = op.key === undefined ? {} : { key: op.key };
  switch (op.f) {
    case "read": {
      const output = op.type === "ok" ? (op.output ?? null) : undefined;
      return { ...base(op), input: { f: "read", ...on }, output };
    }
    case "write":
      return { ...base(op), input: { f: "write", ...on, value: op.value }, output: undefined };
    case "cas": {
      // An ok cas without an output swapped; false says the compare failed.
      const output = op.type === "ok" ? op.output !== false : (op.output ?? undefined);
      const [from, to] = op.value;
      return { ...base(op), input: { f: "cas", ...on, from, to }, output };
    }
  }
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** The line where each element of the top-level `ops` array starts: every `{` or other
 * value opening at depth 2 (root object, then the array), strings skipped. */
function opStartLines(text: string): number[] {
  const lines: number[] = [];
  let depth = 0;
  let line = 1;
  let expectValue = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "\n") line++;
    else if (c === '"') {
      if (depth === 2 && expectValue) lines.push(line);
      expectValue = false;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === "\\") i++;
    } else if (c === "{" || c === "[") {
      if (depth === 2 && expectValue) lines.push(line);
      expectValue = depth === 1 && c === "[";
      depth++;
    } else if (c === "}" || c === "]") depth--;
    else if (c === ",") expectValue = depth === 2;
    else if (!/\s/.test(c) && depth === 2 && expectValue) {
      lines.push(line);
      expectValue = false;
    }
  }
  return lines;
}

/** Writes a history in this format, one operation per line. */
export function formatHistoryJson(
  model: ParsedHistory["model"],
  ops:
    | readonly Operation<KvInput, KvOutput>[]
    | readonly Operation<CasRegisterInput, CasRegisterOutput>[],
): string {
  const lines = ops.map(
    (op: Operation<KvInput | CasRegisterInput, KvOutput | CasRegisterOutput>) => {
      const input = op.input as {
        f: string;
        key?: string;
        value?: unknown;
        from?: unknown;
        to?: unknown;
      };
      const value = input.f === "cas" ? [input.from, input.to] : (input.value ?? null);
      return JSON.stringify({
        id: op.id,
        client: op.clientId,
        f: input.f,
        ...(input.key === undefined ? {} : { key: input.key }),
        value,
        output: op.output === undefined ? null : op.output,
        type: op.outcome,
        startMs: op.callMs,
        endMs: op.returnMs,
      });
    },
  );
  return `{"format": ${JSON.stringify(HISTORY_FORMAT)}, "model": ${JSON.stringify(model)}, "ops": [\n${lines.join(",\n")}\n]}\n`;
}
