// Trigger rules (ports/cluster.ts TriggerRule): checking one as it is set, with the defaults
// filled in, and matching a call against it. Pure: the engine in triggers.ts counts and acts.
import type {
  TriggerAction,
  TriggerCondition,
  TriggerFieldMatch,
  TriggerRule,
  TriggerValue,
} from "../ports/cluster.ts";
import type { FieldKind, MessageDecoder } from "./decoder.ts";
import { AgentActionError } from "./errors.ts";
import { TRIGGER_FOR_MS_MAX, TRIGGER_ID_CHARS_MAX } from "./limits.ts";

/** The caller of a call from the judge's clients, as MessageRecord.from names it. */
export const CLIENT_PARTY = "client";
/** The link of the judge's clients, as LinkRule.link names it. */
export const CLIENTS_LINK_NAME = "clients";

/** A rule as held: a checked copy with its defaults. */
export type HeldRule = TriggerRule & { phase: "start" | "complete"; nth: number; once: boolean };

/** What the rules are checked against: this agent's peers, and the proto when it has one. */
export interface RuleContext {
  peers: readonly string[];
  decoder: MessageDecoder | null;
}

/** One call as a trigger sees it: who is on the other side, and its gRPC path. */
export interface CallSite {
  direction: "egress" | "ingress";
  /** egress: the peer called; ingress: the caller, a peer id or "client". */
  party: string;
  method: string;
}

const RULE_KEYS = new Set([
  "id",
  "direction",
  "peer",
  "method",
  "match",
  "phase",
  "nth",
  "once",
  "action",
]);
const ACTION_KEYS: Record<TriggerAction["kind"], Set<string>> = {
  kill: new Set(["kind"]),
  pause: new Set(["kind", "forMs"]),
  cut: new Set(["kind", "links", "forMs"]),
  drop: new Set(["kind", "as"]),
};
const COMPARISONS = new Set(["eq", "ne", "in", "gt", "gte", "lt", "lte"]);
const ORDERINGS = new Set(["gt", "gte", "lt", "lte"]);
const GRPC_STATUS_MAX = 16;
const NTH_MAX = 1_000_000_000;

const bad = (message: string) => new AgentActionError(message, 400);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function onlyKeys(value: Record<string, unknown>, allowed: Set<string>, what: string): void {
  for (const key of Object.keys(value)) {
    if (!allowed.has(key)) throw bad(`${what}: unknown key "${key}" (known: ${[...allowed]})`);
  }
}

/** Whether a rule's method ("/pkg.Svc/Name" or "Name") names this gRPC path. */
export function methodMatches(pattern: string, path: string): boolean {
  if (pattern.startsWith("/")) return pattern === path;
  return path.endsWith(pattern) && path.charCodeAt(path.length - pattern.length - 1) === 47; // "/"
}

/** Whether one decoded value meets one condition. */
export function conditionHolds(condition: TriggerCondition, value: unknown): boolean {
  if (!isObject(condition)) return value === condition;
  const c = condition;
  if (c.eq !== undefined && value !== c.eq) return false;
  if (c.ne !== undefined && value === c.ne) return false;
  if (c.in !== undefined && !c.in.includes(value as TriggerValue)) return false;
  if (c.gt !== undefined && !(typeof value === "number" && value > c.gt)) return false;
  if (c.gte !== undefined && !(typeof value === "number" && value >= c.gte)) return false;
  if (c.lt !== undefined && !(typeof value === "number" && value < c.lt)) return false;
  if (c.lte !== undefined && !(typeof value === "number" && value <= c.lte)) return false;
  return true;
}

/** Whether a decoded message meets every condition; no conditions: always; no message: never. */
export function fieldsMatch(
  match: TriggerFieldMatch | undefined,
  decoded: Record<string, unknown> | undefined,
): boolean {
  if (!match) return true;
  if (!decoded) return false;
  for (const field in match) {
    if (!conditionHolds(match[field] as TriggerCondition, decoded[field])) return false;
  }
  return true;
}

/** Whether a rule may apply to a call, before any field is read. */
export function ruleCovers(rule: HeldRule, site: CallSite): boolean {
  return (
    rule.direction === site.direction &&
    (rule.peer === undefined || rule.peer === site.party) &&
    methodMatches(rule.method, site.method)
  );
}

/** Checks a rule from the control API and returns a copy with its defaults; throws 400. */
export function checkRule(raw: unknown, ctx: RuleContext): HeldRule {
  if (!isObject(raw)) throw bad("a trigger rule must be an object");
  onlyKeys(raw, RULE_KEYS, "trigger rule");
  const { id, direction, peer, method, match, phase = "start", nth = 1, once = true } = raw;
  if (typeof id !== "string" || id.length === 0 || id.length > TRIGGER_ID_CHARS_MAX) {
    throw bad(`id must be a string of 1..${TRIGGER_ID_CHARS_MAX} characters`);
  }
  if (direction !== "egress" && direction !== "ingress") {
    throw bad(`${id}: direction must be "egress" or "ingress"`);
  }
  if (peer !== undefined) checkPeer(id, direction, peer, ctx.peers);
  if (typeof method !== "string" || !/^(\/[^/\s]+\/[^/\s]+|[^/\s]+)$/.test(method)) {
    throw bad(`${id}: method must be a gRPC path "/pkg.Service/Method" or a method name`);
  }
  if (phase !== "start" && phase !== "complete") {
    throw bad(`${id}: phase must be "start" or "complete"`);
  }
  if (!Number.isInteger(nth) || (nth as number) < 1 || (nth as number) > NTH_MAX) {
    throw bad(`${id}: nth must be a whole number ≥ 1`);
  }
  if (typeof once !== "boolean") throw bad(`${id}: once must be true or false`);
  const action = checkAction(id, raw.action, phase, ctx.peers);
  const rule: HeldRule = { id, direction, method, phase, nth: nth as number, once, action };
  if (peer !== undefined) rule.peer = peer as string;
  if (match !== undefined) rule.match = checkMatch(id, match, method, phase, ctx.decoder);
  return rule;
}

function checkPeer(id: string, direction: string, peer: unknown, peers: readonly string[]): void {
  const known = direction === "ingress" ? [...peers, CLIENT_PARTY] : [...peers];
  if (typeof peer !== "string" || !known.includes(peer)) {
    throw bad(`${id}: peer must be one of ${known.map((p) => `"${p}"`).join(", ")}`);
  }
}

function checkAction(
  id: string,
  raw: unknown,
  phase: "start" | "complete",
  peers: readonly string[],
): TriggerAction {
  if (!isObject(raw) || typeof raw.kind !== "string" || !(raw.kind in ACTION_KEYS)) {
    throw bad(`${id}: action must be { kind: "kill" | "pause" | "cut" | "drop", ... }`);
  }
  const kind = raw.kind as TriggerAction["kind"];
  onlyKeys(raw, ACTION_KEYS[kind], `${id}: ${kind} action`);
  const forMs = raw.forMs;
  if (
    forMs !== undefined &&
    !(typeof forMs === "number" && forMs > 0 && forMs <= TRIGGER_FOR_MS_MAX)
  ) {
    throw bad(`${id}: forMs must be within 1..${TRIGGER_FOR_MS_MAX}`);
  }
  switch (kind) {
    case "kill":
      return { kind };
    case "pause":
      return forMs === undefined ? { kind } : { kind, forMs };
    case "cut": {
      const action: TriggerAction = { kind };
      if (raw.links !== undefined) {
        const known = [...peers, CLIENTS_LINK_NAME];
        const links = raw.links;
        if (
          !Array.isArray(links) ||
          links.length === 0 ||
          !links.every((l) => typeof l === "string" && known.includes(l))
        ) {
          throw bad(`${id}: cut links must be a list of ${known.map((l) => `"${l}"`).join(", ")}`);
        }
        action.links = [...new Set(links as string[])];
      }
      if (forMs !== undefined) action.forMs = forMs;
      return action;
    }
    case "drop": {
      if (phase !== "start") throw bad(`${id}: drop only at the "start" phase`);
      const as = raw.as ?? "blackhole";
      if (as !== "blackhole" && as !== "unavailable") {
        throw bad(`${id}: drop as must be "blackhole" or "unavailable"`);
      }
      return { kind, as };
    }
  }
}

function checkMatch(
  id: string,
  raw: unknown,
  method: string,
  phase: "start" | "complete",
  decoder: MessageDecoder | null,
): NonNullable<TriggerRule["match"]> {
  if (!isObject(raw)) throw bad(`${id}: match must be an object`);
  onlyKeys(raw, new Set(["request", "response", "status"]), `${id}: match`);
  const out: NonNullable<TriggerRule["match"]> = {};
  if (raw.status !== undefined) {
    const status = raw.status;
    if (
      !Number.isInteger(status) ||
      (status as number) < 0 ||
      (status as number) > GRPC_STATUS_MAX
    ) {
      throw bad(`${id}: match.status must be a gRPC status code 0..${GRPC_STATUS_MAX}`);
    }
    if (phase !== "complete") throw bad(`${id}: match.status needs the "complete" phase`);
    out.status = status as number;
  }
  for (const direction of ["request", "response"] as const) {
    const fields = raw[direction];
    if (fields === undefined) continue;
    if (direction === "response" && phase !== "complete") {
      throw bad(`${id}: match.response needs the "complete" phase`);
    }
    if (!isObject(fields) || Object.keys(fields).length === 0) {
      throw bad(`${id}: match.${direction} must map field names to conditions`);
    }
    const kinds = fieldKinds(id, method, direction, decoder);
    for (const [field, condition] of Object.entries(fields)) {
      const kind = kinds.get(field);
      if (!kind) {
        throw bad(
          `${id}: ${method} ${direction} has no field "${field}" to match ` +
            `(fields: ${[...kinds.keys()].join(", ") || "none"})`,
        );
      }
      checkCondition(`${id}: match.${direction}.${field}`, condition, kind);
    }
    out[direction] = { ...(fields as TriggerFieldMatch) };
  }
  return out;
}

/** The comparable fields of `method`'s message: common to every path the name covers. */
function fieldKinds(
  id: string,
  method: string,
  direction: "request" | "response",
  decoder: MessageDecoder | null,
): Map<string, FieldKind> {
  if (!decoder) throw bad(`${id}: matching fields needs the problem's proto (protoPath)`);
  const paths = decoder.paths().filter((p) => methodMatches(method, p));
  if (paths.length === 0) throw bad(`${id}: the proto has no method ${method} to decode`);
  const all = paths.map((p) => decoder.scalarFields(p, direction) ?? new Map<string, FieldKind>());
  const [first, ...rest] = all as [Map<string, FieldKind>, ...Map<string, FieldKind>[]];
  const common = new Map<string, FieldKind>();
  for (const [name, kind] of first) {
    if (rest.every((m) => m.get(name)?.type === kind.type)) common.set(name, kind);
  }
  return common;
}

function checkCondition(what: string, condition: unknown, kind: FieldKind): void {
  if (!isObject(condition)) return checkValue(what, condition, kind);
  const keys = Object.keys(condition);
  if (keys.length === 0) throw bad(`${what}: an empty condition`);
  onlyKeys(condition, COMPARISONS, what);
  for (const key of keys) {
    const value = condition[key];
    if (key === "in") {
      if (!Array.isArray(value) || value.length === 0) throw bad(`${what}: in needs a list`);
      for (const v of value) checkValue(what, v, kind);
    } else if (ORDERINGS.has(key)) {
      if (kind.type !== "number") throw bad(`${what}: ${key} compares numbers only`);
      checkValue(what, value, kind);
    } else checkValue(what, value, kind);
  }
}

function checkValue(what: string, value: unknown, kind: FieldKind): void {
  switch (kind.type) {
    case "number":
      if (typeof value !== "number" || !Number.isFinite(value)) throw bad(`${what}: a number`);
      return;
    case "bool":
      if (typeof value !== "boolean") throw bad(`${what}: true or false`);
      return;
    case "string":
      if (typeof value !== "string") throw bad(`${what}: a string`);
      return;
    case "enum":
      if (typeof value !== "string" || !kind.names.includes(value)) {
        throw bad(`${what}: one of ${kind.names.join(", ")} (enums by name)`);
      }
  }
}
