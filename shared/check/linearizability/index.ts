// The linearizability checker's public API.
export { checkOperations } from "./check.ts";
export {
  ILLEGAL,
  InvalidHistoryError,
  type CheckOptions,
  type CheckResult,
  type Illegal,
  type LinearizabilityFailure,
  type Model,
  type Operation,
  type Outcome,
  type Verdict,
} from "./types.ts";
export {
  casRegisterModel,
  type CasRegisterInput,
  type CasRegisterOutput,
  type RegisterState,
  type RegisterValue,
} from "./models/cas-register.ts";
export { kvModel, type KvInput, type KvOutput, type KvState } from "./models/kv.ts";
export { renderFailureHtml, type RenderOptions } from "./render-html.ts";
export {
  formatHistoryJson,
  HISTORY_FORMAT,
  parseHistoryJson,
  type ParsedHistory,
} from "./import/history-json.ts";
export { HistoryParseError } from "./import/parse-error.ts";
