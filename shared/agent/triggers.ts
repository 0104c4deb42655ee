// Faults that fire on a message. The agent holds trigger rules (trigger-rules.ts); each call
// the proxy or the relay handles gets a CallWatch when some rule may apply to it, which
// counts matches at the call's start and completion and acts on this agent's own node at
// once, in this process: kill, pause, cut its links, or drop the call. Every firing goes to
// a firing log the judge reads with a cursor.
import type {
  MessageRecord,
  Page,
  TriggerCut,
  TriggerFiring,
  TriggerState,
  TriggerStatus,
} from "../ports/cluster.ts";
import { nowMs } from "./clock.ts";
import type { MessageDecoder } from "./decoder.ts";
import { AgentActionError } from "./errors.ts";
import type { CallFate } from "./links.ts";
import {
  TRIGGER_FIRED_AT_KEPT,
  TRIGGER_FIRINGS_MAX,
  TRIGGER_FIRINGS_PAGE_MAX,
  TRIGGER_RULES_MAX,
} from "./limits.ts";
import { Ring } from "./ring.ts";
import {
  CLIENTS_LINK_NAME,
  CLIENT_PARTY,
  checkRule,
  fieldsMatch,
  ruleCovers,
  type CallSite,
  type HeldRule,
} from "./trigger-rules.ts";

export { CLIENT_PARTY, type CallSite } from "./trigger-rules.ts";

/** What a trigger does to the node; the supervisor in the agent. */
export interface NodeEffects {
  /** SIGKILLs the node now; false when it was not running. */
  kill(): boolean;
  /** SIGSTOPs the node; false when it was not running. */
  pause(): boolean;
  resume(): void;
}

export interface TriggersOptions {
  nodeId: string;
  peers: readonly string[];
  decoder: MessageDecoder | null;
  effects: NodeEffects;
  /** A line for the node's log (the agent's own notes). */
  note?: (line: string) => void;
}

/** How a dropped call ends for its caller. */
export type DropMode = "blackhole" | "unavailable";

/** The outcome of a call's start: drop it or pass it on, then run `fire`. */
export interface StartDecision {
  drop: DropMode | null;
  /** Runs the other actions that fired; call it once the request was passed on (or dropped). */
  fire(): void;
}

interface RuleState {
  rule: HeldRule;
  matches: number;
  fired: number;
  firedAtMs: number[];
  spent: boolean;
  removed: boolean;
}

interface StoredFiring {
  firing: Omit<TriggerFiring, "seq">;
  record: MessageRecord | null;
}

interface Cut {
  ruleId: string;
  untilMs: number | null;
  timer: NodeJS.Timeout | null;
}

const BLACKHOLE: CallFate = { kind: "blackhole", reason: "blackhole" };
const NOTHING: StartDecision = { drop: null, fire: () => {} };

export class Triggers {
  private states: RuleState[] = [];
  /** The rules that can still fire, in the order they were set. */
  private live: RuleState[] = [];
  private readonly cuts = new Map<string, Cut>();
  private readonly resumes = new Set<NodeJS.Timeout>();
  private readonly log = new Ring<StoredFiring>(TRIGGER_FIRINGS_MAX);
  private readonly changeListeners: (() => void)[] = [];

  constructor(private readonly opts: TriggersOptions) {}

  /** Whether any rule can still fire: without one, calls need no watch at all. */
  get armed(): boolean {
    return this.live.length > 0;
  }

  /** Decodes messages for field matches; null without the problem's proto. */
  get decoder(): MessageDecoder | null {
    return this.opts.decoder;
  }

  /** Adds a rule, or replaces the one with its id (its counts start over); throws 400. */
  set(raw: unknown): HeldRule {
    const rule = checkRule(raw, this.opts);
    const index = this.states.findIndex((s) => s.rule.id === rule.id);
    if (index < 0 && this.states.length >= TRIGGER_RULES_MAX) {
      throw new AgentActionError(`at most ${TRIGGER_RULES_MAX} trigger rules`, 400);
    }
    const state: RuleState = {
      rule,
      matches: 0,
      fired: 0,
      firedAtMs: [],
      spent: false,
      removed: false,
    };
    if (index < 0) this.states.push(state);
    else {
      (this.states[index] as RuleState).removed = true;
      this.states[index] = state;
    }
    this.changed();
    return rule;
  }

  /** Removes every rule, lifts the cuts they made and cancels their pending resumes. */
  clear(): void {
    for (const state of this.states) state.removed = true;
    this.states = [];
    for (const cut of this.cuts.values()) if (cut.timer) clearTimeout(cut.timer);
    this.cuts.clear();
    for (const timer of this.resumes) clearTimeout(timer);
    this.resumes.clear();
    this.changed();
  }

  state(): TriggerState {
    const rules: TriggerStatus[] = this.states.map((s) => ({
      ...structuredClone(s.rule),
      matches: s.matches,
      fired: s.fired,
      firedAtMs: [...s.firedAtMs],
      spent: s.spent,
    }));
    const cuts: TriggerCut[] = [...this.cuts].map(([link, c]) => ({
      link,
      ruleId: c.ruleId,
      untilMs: c.untilMs,
    }));
    return { rules, cuts };
  }

  firings(since: number): Page<TriggerFiring> {
    const page = this.log.read(since, TRIGGER_FIRINGS_PAGE_MAX);
    const items = page.items.map(({ firing, record }) => ({
      ...firing,
      seq: record && record.seq > 0 ? record.seq : null,
    }));
    return { ...page, items };
  }

  /** Empties the firing log (with the message log: their seqs go together). */
  clearFirings(): void {
    this.log.clear();
  }

  /** Calls `listener` after every change that may move connections between paths. */
  onChange(listener: () => void): void {
    this.changeListeners.push(listener);
  }

  /** Whether a trigger cut this link (a peer id, or "clients"): both ways, at this agent. */
  isCut(link: string): boolean {
    return this.cuts.has(link);
  }

  /** A call's fate on `link`: a black hole while a trigger cuts it, else `otherwise`. */
  fate(link: string, otherwise: CallFate): CallFate {
    return this.cuts.size > 0 && this.cuts.has(link) ? BLACKHOLE : otherwise;
  }

  /**
   * Whether calls with this party (a peer id, "client"; null: any) need the full proxy:
   * their link is cut, or a drop rule may apply (the relay can neither hold nor drop).
   */
  needsProxy(direction: CallSite["direction"], party: string | null): boolean {
    if (this.cuts.size > 0) {
      if (party === null) {
        if (direction === "ingress" || [...this.cuts.keys()].some((l) => l !== CLIENTS_LINK_NAME))
          return true;
      } else if (this.cuts.has(party === CLIENT_PARTY ? CLIENTS_LINK_NAME : party)) return true;
    }
    return this.live.some(
      ({ rule }) =>
        rule.action.kind === "drop" &&
        rule.direction === direction &&
        (party === null || rule.peer === undefined || rule.peer === party),
    );
  }

  /**
   * Watches one call, or returns null when no rule may apply (the common case: one check
   * per call). `record` is the call's record here, if this agent records it; `proxied` says
   * whether the full proxy carries it (only it can drop).
   */
  watch(site: CallSite, record: MessageRecord | null, proxied: boolean): CallWatch | null {
    if (this.live.length === 0) return null;
    let start: RuleState[] | null = null;
    let complete: RuleState[] | null = null;
    for (const state of this.live) {
      const { rule } = state;
      if (!ruleCovers(rule, site)) continue;
      if (rule.action.kind === "drop" && !proxied) continue;
      if (rule.phase === "start") (start ??= []).push(state);
      else (complete ??= []).push(state);
    }
    if (!start && !complete) return null;
    return new CallWatch(this, site, record, start ?? [], complete ?? []);
  }

  /** @internal Counts a match; whether the rule fires on it. */
  count(state: RuleState): boolean {
    if (state.removed || state.spent) return false;
    state.matches += 1;
    if (state.matches < state.rule.nth) return false;
    state.fired += 1;
    if (state.rule.once) {
      state.spent = true;
      this.live = this.live.filter((s) => s !== state);
      // A spent drop rule no longer keeps its links on the full proxy.
      if (state.rule.action.kind === "drop") queueMicrotask(() => this.changed());
    }
    return true;
  }

  /** @internal Does a rule's action (a drop is the caller's) and logs the firing. */
  act(state: RuleState, site: CallSite, record: MessageRecord | null): void {
    const atMs = nowMs();
    const { rule } = state;
    state.firedAtMs.push(atMs);
    if (state.firedAtMs.length > TRIGGER_FIRED_AT_KEPT) state.firedAtMs.shift();
    let detail: string | undefined;
    const action = rule.action;
    if (action.kind === "kill") {
      if (!this.opts.effects.kill()) detail = "the node was not running";
    } else if (action.kind === "pause") {
      if (!this.opts.effects.pause()) detail = "the node was not running";
      else if (action.forMs !== undefined) this.resumeAfter(action.forMs);
    } else if (action.kind === "cut") {
      this.cut(action.links ?? this.opts.peers, rule.id, action.forMs ?? null);
    }
    const self = this.opts.nodeId;
    const [from, to] = site.direction === "egress" ? [self, site.party] : [site.party, self];
    const firing = { atMs, ruleId: rule.id, action: action.kind, method: site.method, from, to };
    this.log.push({ firing: detail ? { ...firing, detail } : firing, record });
    this.opts.note?.(
      `trigger ${rule.id} fired on ${site.method} ${from} → ${to}: ${action.kind}` +
        (detail ? ` (${detail})` : ""),
    );
  }

  private cut(links: readonly string[], ruleId: string, forMs: number | null): void {
    const untilMs = forMs === null ? null : nowMs() + forMs;
    for (const link of links) {
      const known = this.cuts.get(link);
      // Overlapping cuts: the longer one holds.
      if (known && (known.untilMs === null || (untilMs !== null && known.untilMs >= untilMs)))
        continue;
      if (known?.timer) clearTimeout(known.timer);
      const timer =
        forMs === null
          ? null
          : setTimeout(() => {
              if (this.cuts.get(link)?.timer !== timer) return;
              this.cuts.delete(link);
              this.opts.note?.(`trigger ${ruleId}: cut of ${link} healed`);
              this.changed();
            }, forMs);
      this.cuts.set(link, { ruleId, untilMs, timer });
    }
    this.changed();
  }

  private resumeAfter(forMs: number): void {
    const timer = setTimeout(() => {
      this.resumes.delete(timer);
      try {
        this.opts.effects.resume();
      } catch {
        // killed or restarted meanwhile: nothing to resume
      }
    }, forMs);
    this.resumes.add(timer);
  }

  private changed(): void {
    this.live = this.states.filter((s) => !s.spent && !s.removed);
    for (const listener of this.changeListeners) listener();
  }
}

/** The rules that may apply to one call, and the call's messages as they pass. */
export class CallWatch {
  private decodedRequest: Record<string, unknown> | undefined | null = null;

  constructor(
    private readonly triggers: Triggers,
    readonly site: CallSite,
    private readonly record: MessageRecord | null,
    private readonly startRules: RuleState[],
    private readonly completeRules: RuleState[],
  ) {}

  /** The first request message is needed: to know when the call started, or for a match. */
  get capturesRequest(): boolean {
    return this.startRules.length > 0 || this.completeRules.some((s) => s.rule.match?.request);
  }

  get capturesResponse(): boolean {
    return this.completeRules.some((s) => s.rule.match?.response);
  }

  /** A drop may apply: the full proxy holds the request until `start` decides. */
  get holds(): boolean {
    return this.startRules.some((s) => s.rule.action.kind === "drop");
  }

  /** The call's first request message has arrived (null: none, or too large to read). */
  start(request: Buffer | null): StartDecision {
    if (this.startRules.length === 0) return NOTHING;
    let drop: DropMode | null = null;
    const fired: RuleState[] = [];
    for (const state of this.startRules) {
      const match = state.rule.match?.request;
      if (match && !fieldsMatch(match, this.request(request))) continue;
      if (!this.triggers.count(state)) continue;
      const action = state.rule.action;
      if (action.kind === "drop") {
        drop ??= action.as ?? "blackhole";
        this.triggers.act(state, this.site, this.record);
      } else fired.push(state);
    }
    if (fired.length === 0) return drop ? { drop, fire: () => {} } : NOTHING;
    return {
      drop,
      fire: () => {
        for (const state of fired) this.triggers.act(state, this.site, this.record);
      },
    };
  }

  /** The callee's answer, with `status`, was passed back to the caller. */
  complete(request: Buffer | null, response: Buffer | null, status: number): void {
    let decodedResponse: Record<string, unknown> | undefined | null = null;
    for (const state of this.completeRules) {
      const match = state.rule.match;
      if (match?.status !== undefined && match.status !== status) continue;
      if (match?.request && !fieldsMatch(match.request, this.request(request))) continue;
      if (match?.response) {
        decodedResponse ??= this.decode("response", response);
        if (!fieldsMatch(match.response, decodedResponse)) continue;
      }
      if (this.triggers.count(state)) this.triggers.act(state, this.site, this.record);
    }
  }

  private request(bytes: Buffer | null): Record<string, unknown> | undefined {
    if (this.decodedRequest === null) this.decodedRequest = this.decode("request", bytes);
    return this.decodedRequest;
  }

  private decode(
    direction: "request" | "response",
    bytes: Buffer | null,
  ): Record<string, unknown> | undefined {
    if (!bytes) return undefined;
    return this.triggers.decoder?.decode(this.site.method, direction, bytes);
  }
}
