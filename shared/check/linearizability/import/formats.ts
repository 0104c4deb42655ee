// The history formats and models `loadHistory` reads, by name: light, so the CLI can list
// them in its options without loading the parsers and the checker.
export const MODEL_NAMES = ["cas-register", "kv"] as const;
export const FORMAT_NAMES = ["jepsen-log", "jepsen-edn", "json"] as const;
export type ModelName = (typeof MODEL_NAMES)[number];
export type FormatName = (typeof FORMAT_NAMES)[number];

/** Why a format cannot hold a model's histories, or undefined when it can. */
export function unsupportedPair(format: FormatName, model: ModelName): string | undefined {
  return format === "jepsen-log" && model !== "cas-register"
    ? "jepsen-log files are cas-register histories (the etcd logs); use --model cas-register"
    : undefined;
}
