// Jepsen's text log of a compare-and-set register (the etcd corpus), read the way
// Porcupine's own parser reads it:
//   INFO  jepsen.util - 3	:invoke	:cas	[4 1]
// `:fail :cas` means the compare failed (the cas happened and changed nothing);
// `:fail :read :timed-out` ends a read whose answer is unknown; `:info` (timed out) leaves
// the operation open to the end, as do invocations never completed.
import type { CasRegisterInput, CasRegisterOutput } from "../models/cas-register.ts";
import type { Operation } from "../types.ts";
import { pairJepsenEvents, type JepsenEvent } from "./jepsen-pairing.ts";
import { HistoryParseError } from "./parse-error.ts";

type Event = JepsenEvent<CasRegisterInput, CasRegisterOutput>;

const LINE =
  /^INFO\s+jepsen\.util\s+-\s+(\d+)\s+:(invoke|ok|fail|info)\s+:(read|write|cas)\s+(.+?)\s*$/;
const INT = /^-?\d+$/;
const PAIR = /^\[\s*(-?\d+)\s+(-?\d+)\s*\]$/;

export function parseJepsenLog(
  file: string,
  text: string,
): Operation<CasRegisterInput, CasRegisterOutput>[] {
  const events: Event[] = [];
  text.split("\n").forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === "") return;
    const m = LINE.exec(raw);
    if (!m) throw new HistoryParseError(file, line, "not a jepsen.util history line");
    const [, process, type, f, value] = m as unknown as [string, string, string, string, string];
    const event = toEvent(line, process, type, f, value);
    if (!event) throw new HistoryParseError(file, line, `cannot read :${type} :${f} ${value}`);
    events.push(event);
  });
  return pairJepsenEvents(file, events);
}

function toEvent(
  line: number,
  process: string,
  type: string,
  f: string,
  value: string,
): Event | undefined {
  const int = INT.test(value) ? Number(value) : undefined;
  const pair = PAIR.exec(value);
  if (type === "invoke") {
    // Literal names (not slices of the line): the model's switch then compares pointers.
    if (f === "read" && value === "nil") {
      return { kind: "invoke", line, process, input: { f: "read" } };
    }
    if (f === "write" && int !== undefined)
      return { kind: "invoke", line, process, input: { f: "write", value: int } };
    if (f === "cas" && pair) {
      return {
        kind: "invoke",
        line,
        process,
        input: { f: "cas", from: Number(pair[1]), to: Number(pair[2]) },
      };
    }
    return undefined;
  }
  const complete = (outcome: "ok" | "info", output: CasRegisterOutput | undefined): Event => ({
    kind: "complete",
    line,
    process,
    outcome,
    output,
  });
  // A timed-out operation may still take effect later: the checker keeps it open.
  if (type === "info" && value === ":timed-out") return complete("info", undefined);
  if (type === "ok" && f === "read" && (value === "nil" || int !== undefined)) {
    return complete("ok", int ?? null);
  }
  if (type === "ok" && f === "write" && int !== undefined) return complete("ok", undefined);
  if (f === "cas" && pair && (type === "ok" || type === "fail"))
    return complete("ok", type === "ok");
  if (type === "fail" && f === "read" && value === ":timed-out") return complete("info", undefined);
  return undefined;
}
