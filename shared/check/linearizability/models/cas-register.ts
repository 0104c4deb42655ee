// A register that starts absent, with read, write and compare-and-set (the etcd corpus's
// model). Operations carrying a key act on that key's register, each checked on its own.
import { ILLEGAL, type Illegal, type Model } from "../types.ts";
import { quote } from "./describe-value.ts";

export type RegisterValue = number | string;
/** null: the register was never written. */
export type RegisterState = RegisterValue | null;

export type CasRegisterInput =
  | { f: "read"; key?: string }
  | { f: "write"; key?: string; value: RegisterValue }
  | { f: "cas"; key?: string; from: RegisterValue; to: RegisterValue };

/** read: the value seen (null: absent). cas: true swapped, false the compare failed.
 * write: nothing. Undefined (the operation's output) means the answer is unknown. */
export type CasRegisterOutput = RegisterState | boolean;

const show = (v: RegisterState): string =>
  v === null ? "absent" : typeof v === "string" ? quote(v) : String(v);

export const casRegisterModel: Model<RegisterState, CasRegisterInput, CasRegisterOutput> = {
  name: "cas-register",
  init: () => null,
  step(state, input, output): RegisterState | Illegal {
    switch (input.f) {
      case "read":
        return output === undefined || output === state ? state : ILLEGAL;
      case "write":
        return input.value;
      case "cas": {
        const matches = state === input.from;
        if (output === undefined) return matches ? input.to : state;
        if (output === false) return matches ? ILLEGAL : state;
        return matches ? input.to : ILLEGAL;
      }
    }
  },
  // Fractions and strings share hashes more often; the memo compares states exactly anyway.
  hash: (state) =>
    state === null ? 0x5bd1e995 : typeof state === "number" ? state | 0 : state.length,
  readOnly: (input, output) => input.f === "read" || (input.f === "cas" && output === false),
  partitionKey: (input) => input.key ?? "",
  describeOperation(input, output) {
    const on = input.key === undefined ? "" : ` ${input.key}`;
    switch (input.f) {
      case "read":
        return `read${on} ${output === undefined ? "(no answer)" : `→ ${show(output as RegisterState)}`}`;
      case "write":
        return `write${on} ${show(input.value)}`;
      case "cas": {
        const how =
          output === undefined
            ? "(no answer)"
            : output === false
              ? "(compare failed)"
              : "(swapped)";
        return `cas${on} ${show(input.from)}→${show(input.to)} ${how}`;
      }
    }
  },
  describeState: show,
  observed: (input, output) =>
    input.f === "read" && output !== undefined ? (output as RegisterState) : undefined,
  installs(input, output) {
    if (input.f === "write") return input.value;
    if (input.f === "cas" && output === true) return input.to;
    return undefined;
  },
};
