// Reads a history file's text in one of the supported formats for one of the models, and
// binds it to its model, ready to check. The caller does the file I/O.
import { checkOperations } from "../check.ts";
import { casRegisterModel } from "../models/cas-register.ts";
import { kvModel } from "../models/kv.ts";
import type { CheckOptions, CheckResult, Model, Operation } from "../types.ts";
import { parseHistoryJson } from "./history-json.ts";
import { parseJepsenEdnCasRegister, parseJepsenEdnKv } from "./jepsen-edn.ts";
import { parseJepsenLog } from "./jepsen-log.ts";
import { HistoryParseError } from "./parse-error.ts";
import type { FormatName, ModelName } from "./formats.ts";

export {
  FORMAT_NAMES,
  MODEL_NAMES,
  unsupportedPair,
  type FormatName,
  type ModelName,
} from "./formats.ts";

export interface LoadedHistory {
  /** Operations read from the file (fail outcomes included). */
  opCount: number;
  /** How explanations name a moment: seconds since the first call, or line numbers for
   * Jepsen logs (which carry no times). */
  describeTime: (ms: number) => string;
  check(opts?: CheckOptions): CheckResult;
}

export function loadHistory(
  format: FormatName,
  model: ModelName,
  file: string,
  text: string,
): LoadedHistory {
  const byLine = (line: number): string => `line ${line}`;
  switch (format) {
    case "jepsen-log":
      return bind(casRegisterModel, parseJepsenLog(file, text), byLine);
    case "jepsen-edn":
      return model === "kv"
        ? bind(kvModel, parseJepsenEdnKv(file, text), byLine)
        : bind(casRegisterModel, parseJepsenEdnCasRegister(file, text), byLine);
    case "json": {
      const history = parseHistoryJson(file, text);
      if (history.model !== model) {
        throw new HistoryParseError(
          file,
          1,
          `the file holds a ${history.model} history, not ${model}`,
        );
      }
      return history.model === "kv"
        ? bind(kvModel, history.ops, undefined)
        : bind(casRegisterModel, history.ops, undefined);
    }
  }
}

function bind<S, I, O>(
  model: Model<S, I, O>,
  ops: Operation<I, O>[],
  byLine: ((line: number) => string) | undefined,
): LoadedHistory {
  const originMs = ops.reduce((min, op) => Math.min(min, op.callMs), Number.POSITIVE_INFINITY);
  const describeTime = byLine ?? ((ms: number) => `${((ms - originMs) / 1000).toFixed(3)} s`);
  return {
    opCount: ops.length,
    describeTime,
    check: (opts = {}) => checkOperations(model, ops, { describeTime, ...opts }),
  };
}
