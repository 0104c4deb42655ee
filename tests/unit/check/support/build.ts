// Hand-made histories in a line each: `reg.write("c1", 3, 0, 10)` is client c1 writing 3
// from 0 ms to 10 ms. Ids count up in the order the operations are built.
import type {
  CasRegisterInput,
  CasRegisterOutput,
  KvInput,
  KvOutput,
  Operation,
  Outcome,
  RegisterValue,
} from "../../../../shared/check/index.ts";

type End = number | null;

export function registerHistory() {
  const ops: Operation<CasRegisterInput, CasRegisterOutput>[] = [];
  const add = (
    clientId: string,
    input: CasRegisterInput,
    output: CasRegisterOutput | undefined,
    callMs: number,
    returnMs: End,
    outcome: Outcome,
  ) => {
    ops.push({ id: ops.length, clientId, input, output, callMs, returnMs, outcome });
    return api;
  };
  const api = {
    ops,
    read: (c: string, seen: RegisterValue | null, s: number, e: End, outcome: Outcome = "ok") =>
      add(c, { f: "read" }, seen, s, e, outcome),
    readUnknown: (c: string, s: number, e: End) => add(c, { f: "read" }, undefined, s, e, "info"),
    write: (c: string, value: RegisterValue, s: number, e: End, outcome: Outcome = "ok") =>
      add(c, { f: "write", value }, undefined, s, e, outcome),
    cas: (
      c: string,
      from: RegisterValue,
      to: RegisterValue,
      swapped: boolean | undefined,
      s: number,
      e: End,
      outcome: Outcome = "ok",
    ) => add(c, { f: "cas", from, to }, swapped, s, e, outcome),
    keyed: (
      c: string,
      key: string,
      input: CasRegisterInput,
      output: CasRegisterOutput | undefined,
      s: number,
      e: End,
    ) => add(c, { ...input, key }, output, s, e, "ok"),
  };
  return api;
}

export function kvHistory() {
  const ops: Operation<KvInput, KvOutput>[] = [];
  const add = (
    clientId: string,
    input: KvInput,
    output: KvOutput | undefined,
    callMs: number,
    returnMs: End,
    outcome: Outcome,
  ) => {
    ops.push({ id: ops.length, clientId, input, output, callMs, returnMs, outcome });
    return api;
  };
  const api = {
    ops,
    get: (c: string, key: string, value: string, s: number, e: End, found?: boolean) =>
      add(c, { f: "get", key }, found === undefined ? { value } : { value, found }, s, e, "ok"),
    put: (c: string, key: string, value: string, s: number, e: End, outcome: Outcome = "ok") =>
      add(c, { f: "put", key, value }, undefined, s, e, outcome),
    append: (c: string, key: string, value: string, s: number, e: End, outcome: Outcome = "ok") =>
      add(c, { f: "append", key, value }, undefined, s, e, outcome),
  };
  return api;
}
