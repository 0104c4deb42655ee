// Jepsen histories list invocations and completions as separate lines; a process has at
// most one operation outstanding. This pairs them into operations, with line numbers as
// times (the logs carry no clock): an invocation's call is its line, a completion's
// return is its line, and whatever is still open at the end stays open (info).
import type { Operation, Outcome } from "../types.ts";
import { HistoryParseError } from "./parse-error.ts";

export type JepsenEvent<I, O> =
  | { kind: "invoke"; line: number; process: string; input: I }
  | { kind: "complete"; line: number; process: string; outcome: Outcome; output: O | undefined };

export function pairJepsenEvents<I, O>(
  file: string,
  events: JepsenEvent<I, O>[],
): Operation<I, O>[] {
  const ops: Operation<I, O>[] = [];
  const open = new Map<string, Operation<I, O>>();
  for (const event of events) {
    const pending = open.get(event.process);
    if (event.kind === "invoke") {
      if (pending) {
        throw new HistoryParseError(
          file,
          event.line,
          `process ${event.process} invokes again while its operation from line ${pending.callMs} is open`,
        );
      }
      const op: Operation<I, O> = {
        id: ops.length,
        clientId: event.process,
        input: event.input,
        output: undefined,
        callMs: event.line,
        returnMs: null,
        outcome: "info",
      };
      ops.push(op);
      open.set(event.process, op);
      continue;
    }
    if (!pending) {
      throw new HistoryParseError(
        file,
        event.line,
        `process ${event.process} completes an operation it never invoked`,
      );
    }
    open.delete(event.process);
    pending.outcome = event.outcome;
    pending.output = event.output;
    pending.returnMs = event.line;
  }
  return ops;
}
