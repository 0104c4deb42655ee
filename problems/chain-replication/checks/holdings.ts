// What a node may hold, read from the traffic: the highest update seq that any Forward or
// Transfer sent to it in its current membership may have given it by a given time. A node
// joins the chain with nothing (statement.md, "Joining"), and an update reaches a non-head
// node only in one of those calls, so a correct node never holds, acknowledges or accepts
// beyond what this allows. Calls the agents kept away from the node (blackhole, refuse,
// drop) and calls it answered with a refusal give it nothing; a call it may have taken
// (an answer lost, a deadline) counts as taken; one the agents could not decode could have
// brought anything.
import type { MessageRecord, Messages } from "../../../shared/ports/cluster.ts";
import { joinedAt, type ChainConfig } from "./configuration.ts";
import {
  CLOCK_SLACK_MS,
  FORWARD,
  TRANSFER,
  broughtUpTo,
  epochOf,
  mayHaveApplied,
  mayHaveReached,
} from "./traffic.ts";

interface Step {
  startMs: number;
  /** The highest seq brought so far, and the call that brought it. */
  best: { seq: number; message: MessageRecord };
  /** The highest seq brought so far by any other call than `best`'s. */
  second: { seq: number; message: MessageRecord } | null;
}

export interface Holding {
  seq: number;
  /** The call that brought it, null for nothing. */
  message: MessageRecord | null;
}

export class Holdings {
  /** "node/join epoch" → the update-carrying calls to the node in that membership, by start. */
  private readonly steps = new Map<string, Step[]>();
  /** Per node, update-carrying calls to it that were not decoded: they could carry anything. */
  private readonly undecoded = new Map<string, MessageRecord[]>();

  constructor(
    messages: Messages,
    private readonly configs: readonly ChainConfig[],
  ) {
    const calls = new Map<string, MessageRecord[]>();
    for (const m of messages) {
      if (m.method !== FORWARD && m.method !== TRANSFER) continue;
      if (!m.request && mayHaveReached(m)) {
        const list = this.undecoded.get(m.to);
        if (list) list.push(m);
        else this.undecoded.set(m.to, [m]);
        continue;
      }
      const epoch = epochOf(m);
      const seq = broughtUpTo(m);
      if (epoch === null || seq === null || !mayHaveApplied(m)) continue;
      const joined = joinedAt(configs, m.to, epoch);
      if (joined === null) continue;
      const key = `${m.to}/${joined}`;
      const list = calls.get(key);
      if (list) list.push(m);
      else calls.set(key, [m]);
    }
    for (const [key, list] of calls) {
      list.sort((a, b) => a.startMs - b.startMs);
      const steps: Step[] = [];
      for (const m of list) {
        const seq = broughtUpTo(m) as number;
        const last = steps.at(-1);
        const entry = { seq, message: m };
        if (!last) steps.push({ startMs: m.startMs, best: entry, second: null });
        else if (seq > last.best.seq)
          steps.push({ startMs: m.startMs, best: entry, second: last.best });
        else
          steps.push({
            startMs: m.startMs,
            best: last.best,
            second: seq > (last.second?.seq ?? -1) ? entry : last.second,
          });
      }
      this.steps.set(key, steps);
    }
  }

  /**
   * The most `node`, a member in `epoch`, may hold at `atMs`, from calls started by then
   * (with the clock slack), leaving `except` out. Null when it is no member of `epoch`.
   */
  upTo(node: string, epoch: number, atMs: number, except?: MessageRecord): Holding | null {
    const joined = joinedAt(this.configs, node, epoch);
    if (joined === null) return null;
    const unknown = this.undecoded
      .get(node)
      ?.find((m) => m !== except && m.startMs <= atMs + CLOCK_SLACK_MS);
    if (unknown) return { seq: Infinity, message: unknown };
    const steps = this.steps.get(`${node}/${joined}`) ?? [];
    let lo = 0;
    let hi = steps.length; // the first step starting after the bound
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((steps[mid] as Step).startMs <= atMs + CLOCK_SLACK_MS) lo = mid + 1;
      else hi = mid;
    }
    const step = steps[lo - 1];
    if (!step) return { seq: 0, message: null };
    const pick = step.best.message === except ? step.second : step.best;
    return pick ?? { seq: 0, message: null };
  }
}
