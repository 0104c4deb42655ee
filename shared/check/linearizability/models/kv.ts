// A map of string keys with get, put and append; an absent key reads as "". The Raft
// problem's store: its GET also says whether the key was `found`, checked when present.
// Keys are independent, so each key's operations are checked on their own.
import { ILLEGAL, type Illegal, type Model } from "../types.ts";
import { quote } from "./describe-value.ts";
import { appended, hashed, sameHashed, type HashedString } from "./string-hash.ts";

/** One key's value with its hash (so the search's memo needs no rehash per step); null:
 * the key was never written. */
export type KvState = HashedString | null;

export interface KvInput {
  f: "get" | "put" | "append";
  key: string;
  /** The value put or appended; unused by get. */
  value?: string;
}

/** A get's answer; put and append have none. */
export interface KvOutput {
  value: string;
  /** When present, whether the key existed: absent and "" are then told apart. */
  found?: boolean;
}

const EMPTY = hashed("");
const ABSENT_HASH = 0x5bd1e995;

export const kvModel: Model<KvState, KvInput, KvOutput> = {
  name: "kv",
  init: () => null,
  step(state, input, output): KvState | Illegal {
    switch (input.f) {
      case "get":
        if (output === undefined) return state;
        if (output.value !== (state === null ? "" : state.value)) return ILLEGAL;
        if (output.found !== undefined && output.found !== (state !== null)) return ILLEGAL;
        return state;
      case "put":
        return hashed(input.value ?? "");
      case "append":
        return appended(state ?? EMPTY, input.value ?? "");
    }
  },
  equal: (a, b) => a === b || (a !== null && b !== null && sameHashed(a, b)),
  hash: (state) => (state === null ? ABSENT_HASH : state.hash),
  readOnly: (input) => input.f === "get",
  unobserved(ops) {
    // From the moment a put or append takes effect until the next put, the key's value
    // contains what it wrote; if no get ever returned that text, no get ran in that window,
    // so leaving the operation out changes no answer. Substring tests are conservative.
    const seen = ops
      .filter((op) => op.input.f === "get" && op.output !== undefined)
      .map((op) => op.output!.value)
      .join("\u0000");
    return ops.map((op) => {
      const open = op.outcome === "info" || op.returnMs === null;
      const value = op.input.value ?? "";
      return open && op.input.f !== "get" && value !== "" && !seen.includes(value);
    });
  },
  partitionKey: (input) => input.key,
  describeOperation(input, output) {
    if (input.f !== "get") return `${input.f} ${input.key} ${quote(input.value ?? "")}`;
    if (output === undefined) return `get ${input.key} (no answer)`;
    return `get ${input.key} → ${output.found === false ? "absent" : quote(output.value)}`;
  },
  describeState: (state) => (state === null ? "absent" : quote(state.value)),
  observed(input, output) {
    if (input.f !== "get" || output === undefined) return undefined;
    // Without `found`, "" may mean absent: report what the key held as far as we can tell.
    const absent = output.found === false || (output.found === undefined && output.value === "");
    return absent ? null : hashed(output.value);
  },
  installs: (input) => (input.f === "put" ? hashed(input.value ?? "") : undefined),
};
