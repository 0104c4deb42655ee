// Checks stay sound when the judge's caps (caps.ts) or the agents' bounded logs left
// messages or operations out. A check that read the messages (or the history) while some
// were missing, and did not read the count of what is missing, cannot know that what it
// did not see would not have changed its answer: its "holds" becomes "inconclusive". What
// it read is seen, not declared, so a new problem's checks are covered without a word.
import { holds, inconclusive, type PropertyResult } from "../shared/check/property.ts";
import { count, MESSAGE_CAPS, mib, HISTORY_OPS_KEPT_MAX } from "./caps.ts";
import type { Operation } from "./operation.ts";
import type { Check } from "./problem.ts";
import type { RunRecord } from "./run-record.ts";

type Field = keyof RunRecord;

/** A list of what is missing that `read` fields depend on, in words, or null. */
function missingFor(run: RunRecord, read: ReadonlySet<PropertyKey>): string | null {
  const missing: string[] = [];
  const has = (f: Field) => read.has(f);
  if (has("messages") && !has("messagesDropped") && run.messagesDropped > 0) {
    missing.push(`${count(run.messagesDropped)} messages`);
  }
  const ops = run.historyDropped ?? 0;
  if (has("history") && !has("historyDropped") && ops > 0) {
    missing.push(`${count(ops)} client operations`);
  }
  return missing.length ? missing.join(" and ") : null;
}

/** The check, answering inconclusive rather than holds when what it read was incomplete. */
export function soundUnderCaps<Op extends Operation>(check: Check<Op>): Check<Op> {
  return {
    ...check,
    run(run, opts) {
      const read = new Set<PropertyKey>();
      const watched = new Proxy(run, {
        get(target, field, receiver) {
          read.add(field);
          return Reflect.get(target, field, receiver) as unknown;
        },
        ownKeys(target) {
          // Spreading or listing the record reads all of it.
          for (const key of Reflect.ownKeys(target)) read.add(key);
          return Reflect.ownKeys(target);
        },
      });
      const result = check.run(watched, opts);
      if (result.status !== "holds") return result;
      const missing = missingFor(run, read);
      if (!missing) return result;
      return inconclusive(
        result.property,
        `held on what was kept, but ${missing} were not kept, so it cannot be shown to hold (${result.message})`,
      );
    },
  };
}

const PROPERTY = "evidence kept";

/** Says what the caps and the agents left out; never violated, so never the reason. */
export function checkKept(
  run: Pick<
    RunRecord,
    "messages" | "messagesDropped" | "messagesBeyondCap" | "history" | "historyDropped"
  >,
): PropertyResult {
  const beyond = run.messagesBeyondCap ?? 0;
  const byAgents = run.messagesDropped - beyond;
  const ops = run.historyDropped ?? 0;
  const parts = [
    beyond > 0 &&
      `${count(beyond)} messages beyond the cap (${count(MESSAGE_CAPS.records)} messages or ${mib(MESSAGE_CAPS.bytes)}) were not kept`,
    byAgents > 0 && `the agents' bounded logs dropped ${count(byAgents)} messages`,
    ops > 0 &&
      `${count(ops)} client operations beyond the cap (${count(HISTORY_OPS_KEPT_MAX)}) were not kept`,
  ].filter((p): p is string => Boolean(p));
  if (parts.length === 0) {
    return holds(
      PROPERTY,
      `every message (${count(run.messages.length)}) and client operation (${count(run.history.length)}) was kept`,
    );
  }
  return inconclusive(PROPERTY, parts.join("; "));
}

/** Not required: it only says what the others could not see. */
export const keptCheck: Check = { name: PROPERTY, required: false, run: checkKept };
