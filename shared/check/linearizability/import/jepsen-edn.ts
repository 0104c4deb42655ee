// Jepsen's EDN history, one operation map per line (the kv corpus):
//   {:process 0, :type :invoke, :f :append, :key "0", :value "x 0 0 y"}
// :type is invoke, ok, fail (surely did not happen) or info (may have happened). Lines
// whose :process is not a number (the nemesis) are not client operations and are skipped.
import type { CasRegisterInput, CasRegisterOutput, RegisterValue } from "../models/cas-register.ts";
import type { KvInput, KvOutput } from "../models/kv.ts";
import type { Operation, Outcome } from "../types.ts";
import { EdnSyntaxError, Keyword, readEdn, type EdnMap, type EdnValue } from "./edn.ts";
import { pairJepsenEvents, type JepsenEvent } from "./jepsen-pairing.ts";
import { HistoryParseError } from "./parse-error.ts";

/** What one line says, before it is read as a model's input or output. */
interface Line {
  f: string;
  key: string | undefined;
  value: EdnValue;
}

/** Reads a line's :f/:key/:value as an invocation's input or a completion's output;
 * returns a message when the line does not fit the model. */
interface Reading<I, O> {
  input(line: Line): I | string;
  output(line: Line): O | undefined | string;
}

export function parseJepsenEdnKv(file: string, text: string): Operation<KvInput, KvOutput>[] {
  return parseJepsenEdn(file, text, kvReading);
}

export function parseJepsenEdnCasRegister(
  file: string,
  text: string,
): Operation<CasRegisterInput, CasRegisterOutput>[] {
  return parseJepsenEdn(file, text, casRegisterReading);
}

function parseJepsenEdn<I, O>(
  file: string,
  text: string,
  reading: Reading<I, O>,
): Operation<I, O>[] {
  const events: JepsenEvent<I, O>[] = [];
  text.split("\n").forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === "") return;
    const fail = (detail: string): never => {
      throw new HistoryParseError(file, line, detail);
    };
    const map = readLine(raw, fail);
    const process = map.entries.get("process");
    if (process instanceof Keyword) return;
    if (typeof process !== "number") return fail(":process must be a number");
    const type = keywordOf(map, "type");
    const f = keywordOf(map, "f");
    if (type === undefined || f === undefined) return fail(":type and :f must be keywords");
    const rawKey = map.entries.get("key");
    const key =
      typeof rawKey === "string" || typeof rawKey === "number" ? String(rawKey) : undefined;
    const fields: Line = { f, key, value: map.entries.get("value") ?? null };
    const proc = String(process);
    if (type === "invoke") {
      const input = reading.input(fields);
      if (typeof input === "string") return fail(input);
      events.push({ kind: "invoke", line, process: proc, input });
      return;
    }
    if (type !== "ok" && type !== "fail" && type !== "info") return fail(`unknown :type :${type}`);
    const output = type === "ok" ? reading.output(fields) : undefined;
    if (typeof output === "string") return fail(output);
    events.push({ kind: "complete", line, process: proc, outcome: type as Outcome, output });
  });
  return pairJepsenEvents(file, events);
}

function readLine(raw: string, fail: (detail: string) => never): EdnMap {
  try {
    const value = readEdn(raw);
    if (value === null || typeof value !== "object" || !("edn" in value)) {
      return fail("expected one {...} map per line");
    }
    return value;
  } catch (err) {
    if (err instanceof EdnSyntaxError) return fail(`EDN: ${err.message}`);
    throw err;
  }
}

function keywordOf(map: EdnMap, name: string): string | undefined {
  const v = map.entries.get(name);
  return v instanceof Keyword ? v.name : undefined;
}

const kvReading: Reading<KvInput, KvOutput> = {
  input({ f, key, value }) {
    if (key === undefined) return "a kv operation needs a :key";
    // Literal names (not slices of the line): the model's switch then compares pointers.
    if (f === "get") return { f: "get", key };
    if (f !== "put" && f !== "append") return `the kv model has no :${f}`;
    if (typeof value !== "string") return `:${f} needs a string :value`;
    return { f: f === "put" ? "put" : "append", key, value };
  },
  output({ f, value }) {
    if (f !== "get") return undefined;
    // Jepsen reads a missing key as nil.
    if (value === null) return { value: "", found: false };
    return typeof value === "string" ? { value } : ":get must return a string or nil";
  },
};

const isRegisterValue = (v: EdnValue): v is RegisterValue =>
  typeof v === "number" || typeof v === "string";

const casRegisterReading: Reading<CasRegisterInput, CasRegisterOutput> = {
  input({ f, key, value }) {
    const on = key === undefined ? {} : { key };
    if (f === "read") return { f: "read", ...on };
    if (f === "write") {
      return isRegisterValue(value) ? { f: "write", ...on, value } : ":write needs a value";
    }
    if (f !== "cas") return `the cas-register model has no :${f}`;
    const [from, to] = Array.isArray(value) && value.length === 2 ? value : [];
    if (from === undefined || to === undefined || !isRegisterValue(from) || !isRegisterValue(to)) {
      return ":cas needs a [from to] value";
    }
    return { f: "cas", ...on, from, to };
  },
  output({ f, value }) {
    if (f === "read") {
      return value === null || isRegisterValue(value) ? value : ":read must return a value or nil";
    }
    return f === "cas" ? true : undefined;
  },
};
