// The fault rules of this agent's links, and the fate of one call on a link. Several rules
// for one link combine: a partition wins, the largest delay and jitter apply, and drop
// and lost-answer probabilities compound (each rule draws independently).
import type { LinkRule } from "../ports/cluster.ts";
import { AgentActionError } from "./errors.ts";
import { LINK_DELAY_MS_MAX, LINK_RULES_MAX } from "./limits.ts";

export const CLIENTS_LINK = "clients";

/** What happens to one call: delivered (maybe late), or not. */
export type CallFate =
  | { kind: "deliver"; delayMs: number; loseAnswer?: true }
  | { kind: "refuse" }
  | { kind: "blackhole"; reason: "blackhole" | "drop" };

interface LinkFaults {
  partition: "blackhole" | "refuse" | null;
  delayMs: number;
  jitterMs: number;
  dropProbability: number;
  loseAnswerProbability: number;
}

const DELIVER_NOW: CallFate = { kind: "deliver", delayMs: 0 };

export class LinkTable {
  private readonly byLink = new Map<string, LinkFaults>();
  private rules: LinkRule[] = [];
  private readonly changeListeners: (() => void)[] = [];

  /** @param links the links this agent has: each peer's id and "clients". */
  constructor(private readonly links: ReadonlySet<string>) {}

  /** Replaces every rule; throws (400) on an unknown link or a value out of range. */
  set(rules: LinkRule[]): void {
    if (rules.length > LINK_RULES_MAX) {
      throw new AgentActionError(`at most ${LINK_RULES_MAX} link rules`, 400);
    }
    const merged = new Map<string, LinkFaults>();
    for (const rule of rules) {
      this.check(rule);
      const faults = merged.get(rule.link) ?? {
        partition: null,
        delayMs: 0,
        jitterMs: 0,
        dropProbability: 0,
        loseAnswerProbability: 0,
      };
      if (rule.partition === "blackhole" || (rule.partition && !faults.partition)) {
        faults.partition = rule.partition;
      }
      faults.delayMs = Math.max(faults.delayMs, rule.delayMs ?? 0);
      faults.jitterMs = Math.max(faults.jitterMs, rule.jitterMs ?? 0);
      const p = rule.dropProbability ?? 0;
      faults.dropProbability = 1 - (1 - faults.dropProbability) * (1 - p);
      const lose = rule.loseAnswerProbability ?? 0;
      faults.loseAnswerProbability = 1 - (1 - faults.loseAnswerProbability) * (1 - lose);
      merged.set(rule.link, faults);
    }
    this.byLink.clear();
    for (const [link, faults] of merged) this.byLink.set(link, faults);
    this.rules = rules.map((r) => ({ ...r }));
    for (const listener of this.changeListeners) listener();
  }

  /** Calls `listener` after every change of the rules. */
  onChange(listener: () => void): void {
    this.changeListeners.push(listener);
  }

  /** Whether any rule names this link. */
  has(link: string): boolean {
    return this.byLink.has(link);
  }

  list(): LinkRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  /** Decides a call's fate; `random` is a uniform draw in [0, 1) per call. */
  fate(link: string, random: () => number = Math.random): CallFate {
    const faults = this.byLink.get(link);
    if (!faults) return DELIVER_NOW;
    if (faults.partition === "refuse") return { kind: "refuse" };
    if (faults.partition === "blackhole") return { kind: "blackhole", reason: "blackhole" };
    if (faults.dropProbability > 0 && random() < faults.dropProbability) {
      return { kind: "blackhole", reason: "drop" };
    }
    const loseAnswer = faults.loseAnswerProbability > 0 && random() < faults.loseAnswerProbability;
    if (faults.delayMs === 0 && faults.jitterMs === 0) {
      return loseAnswer ? { kind: "deliver", delayMs: 0, loseAnswer } : DELIVER_NOW;
    }
    const jitter = faults.jitterMs * (2 * random() - 1);
    const delayMs = Math.max(0, faults.delayMs + jitter);
    return loseAnswer ? { kind: "deliver", delayMs, loseAnswer } : { kind: "deliver", delayMs };
  }

  private check(rule: LinkRule): void {
    if (!this.links.has(rule.link)) {
      const known = [...this.links].join(", ");
      throw new AgentActionError(`unknown link "${rule.link}" (this agent has: ${known})`, 400);
    }
    if (rule.partition && rule.partition !== "blackhole" && rule.partition !== "refuse") {
      throw new AgentActionError(`partition must be "blackhole" or "refuse"`, 400);
    }
    for (const key of ["delayMs", "jitterMs"] as const) {
      const v = rule[key];
      if (v !== undefined && !(Number.isFinite(v) && v >= 0 && v <= LINK_DELAY_MS_MAX)) {
        throw new AgentActionError(`${key} must be within 0..${LINK_DELAY_MS_MAX}`, 400);
      }
    }
    for (const key of ["dropProbability", "loseAnswerProbability"] as const) {
      const p = rule[key];
      if (p !== undefined && !(Number.isFinite(p) && p >= 0 && p <= 1)) {
        throw new AgentActionError(`${key} must be within 0..1`, 400);
      }
    }
  }
}
