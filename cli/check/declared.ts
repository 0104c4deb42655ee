// What a history file says it is, so `clusterjudge check FILE` needs no flags: the judge's
// own history.json names its format and model; a Jepsen log is always a cas-register
// history (the etcd logs); a Jepsen EDN history's operations name the model (get/put/append
// is kv; read/write/cas a register). Flags given on the command line override it.
import type { FormatName, ModelName } from "../../shared/check/linearizability/import/formats.ts";
import { HISTORY_FORMAT } from "../../shared/check/linearizability/import/history-json.ts";

export interface Declared {
  format?: FormatName;
  model?: ModelName;
}

const MODELS: readonly string[] = ["kv", "cas-register"];

export function declaredBy(text: string): Declared {
  const start = text.trimStart();
  if (start.startsWith("{:")) return { format: "jepsen-edn", ...ednModel(text) };
  if (start.startsWith("{")) return jsonDeclared(text);
  if (/^\S.*\t:(invoke|ok|fail|info)\t/m.test(text.slice(0, 4096))) {
    return { format: "jepsen-log", model: "cas-register" };
  }
  return {};
}

function jsonDeclared(text: string): Declared {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    // Invalid JSON still is JSON to the parser, which says where it breaks.
    return { format: "json" };
  }
  const { format, model } = (doc ?? {}) as { format?: unknown; model?: unknown };
  if (format !== HISTORY_FORMAT) return { format: "json" };
  return {
    format: "json",
    ...(typeof model === "string" && MODELS.includes(model) ? { model: model as ModelName } : {}),
  };
}

/** The model of a Jepsen EDN history, from the first operation that names one. */
function ednModel(text: string): Declared {
  const f = /:f\s+:(get|put|append|read|write|cas)\b/.exec(text)?.[1];
  if (!f) return {};
  return { model: ["get", "put", "append"].includes(f) ? "kv" : "cas-register" };
}

/** The format and model to check a file with: the flags where given, else what it declares. */
export function resolveDeclared(
  flags: Declared,
  text: string,
): { format: FormatName; model: ModelName } | { missing: string[] } {
  const declared = flags.format && flags.model ? {} : declaredBy(text);
  const format = flags.format ?? declared.format;
  const model = flags.model ?? declared.model;
  if (format && model) return { format, model };
  const missing = [...(format ? [] : ["--format"]), ...(model ? [] : ["--model"])];
  return { missing };
}
