// Trigger rules: checking, matching (method, direction, peer, fields, status), counting (nth,
// once), and what the engine does when one fires: the node effects, cuts, the firing log.
// The node effects are a recording sink here; tests/integration/agent/triggers.test.ts runs
// the same engine against real nodes.
import { afterEach, describe, test, vi } from "vitest";
import assert from "node:assert/strict";
import protobuf from "protobufjs";
import type { MessageRecord, TriggerRule } from "../../../shared/ports/cluster.ts";
import { MessageDecoder } from "../../../shared/agent/decoder.ts";
import { AgentActionError } from "../../../shared/agent/errors.ts";
import {
  checkRule,
  conditionHolds,
  fieldsMatch,
  methodMatches,
} from "../../../shared/agent/trigger-rules.ts";
import { Triggers, type CallSite } from "../../../shared/agent/triggers.ts";
import { RAFT_PROTO } from "../../support/test-node/command.ts";

const root = new protobuf.Root().loadSync(RAFT_PROTO, { keepCase: true });
const encode = (type: string, value: object) =>
  Buffer.from(root.lookupType(type).encode(value).finish());
const decoder = new MessageDecoder(RAFT_PROTO);
const PEERS = ["node-1", "node-2"];
const APPEND = "/raft.ConsensusNode/AppendEntries";
const CLIENT_REQUEST = "/raft.ConsensusNode/ClientRequest";

const appendRequest = (entries: number) =>
  encode("raft.AppendRequest", {
    term: 3,
    leader_id: "node-0",
    entries: Array.from({ length: entries }, (_, i) => ({ term: 3, index: i + 1 })),
  });
const appendResponse = (success: boolean) => encode("raft.AppendResponse", { term: 3, success });
const clientResponse = (status: string) =>
  encode("raft.ClientResponse", { status: root.lookupEnum("raft.Status").values[status] });

function engine(opts: { running?: boolean; decoder?: MessageDecoder | null } = {}) {
  const effects: string[] = [];
  const running = opts.running ?? true;
  const triggers = new Triggers({
    nodeId: "node-0",
    peers: PEERS,
    decoder: opts.decoder === undefined ? decoder : opts.decoder,
    effects: {
      kill: () => (effects.push("kill"), running),
      pause: () => (effects.push("pause"), running),
      resume: () => void effects.push("resume"),
    },
  });
  return { triggers, effects };
}

const rule = (over: Partial<TriggerRule> = {}): TriggerRule => ({
  id: "t",
  direction: "egress",
  method: "AppendEntries",
  action: { kind: "kill" },
  ...over,
});
const egress = (party = "node-1", method = APPEND): CallSite => ({
  direction: "egress",
  party,
  method,
});
const rejects = (fn: () => unknown, pattern: RegExp) =>
  assert.throws(
    fn,
    (err: unknown) =>
      err instanceof AgentActionError && err.status === 400 && pattern.test(err.message),
  );

/** Runs one call through a watch: its start, then (when answered) its completion. */
function call(
  triggers: Triggers,
  site: CallSite,
  msgs: { request?: Buffer; response?: Buffer; status?: number; proxied?: boolean } = {},
  record: MessageRecord | null = null,
) {
  const watch = triggers.watch(site, record, msgs.proxied ?? false);
  const decision = watch?.start(msgs.request ?? null) ?? null;
  decision?.fire();
  if (msgs.status !== undefined)
    watch?.complete(msgs.request ?? null, msgs.response ?? null, msgs.status);
  return { watch, drop: decision?.drop ?? null };
}

describe("methods", () => {
  test("a full path matches itself; a name matches any service's method of that name", () => {
    assert.ok(methodMatches(APPEND, APPEND));
    assert.ok(methodMatches("AppendEntries", APPEND));
    assert.ok(methodMatches("AppendEntries", "/other.Svc/AppendEntries"));
    assert.ok(!methodMatches("Entries", APPEND), "a name is the whole last segment");
    assert.ok(!methodMatches("/raft.ConsensusNode/RequestVote", APPEND));
  });
});

describe("conditions", () => {
  test("a value is equality; an object's comparisons must all hold", () => {
    assert.ok(conditionHolds(true, true));
    assert.ok(!conditionHolds(true, false));
    assert.ok(conditionHolds("OK", "OK"));
    assert.ok(conditionHolds({ gte: 1 }, 1));
    assert.ok(!conditionHolds({ gte: 1 }, 0));
    assert.ok(conditionHolds({ gt: 1, lt: 5 }, 3));
    assert.ok(!conditionHolds({ gt: 1, lt: 5 }, 5));
    assert.ok(conditionHolds({ in: ["OK", "NOT_LEADER"] }, "NOT_LEADER"));
    assert.ok(!conditionHolds({ ne: "OK" }, "OK"));
    assert.ok(!conditionHolds({ lte: 3 }, "3"), "an ordering needs a number");
  });

  test("fields: every one must hold; no message to read never matches", () => {
    const decoded = { term: 3, success: true };
    assert.ok(fieldsMatch(undefined, undefined));
    assert.ok(fieldsMatch({ success: true, term: { gte: 2 } }, decoded));
    assert.ok(!fieldsMatch({ success: true, term: { gte: 4 } }, decoded));
    assert.ok(!fieldsMatch({ success: true }, undefined));
  });
});

describe("checking a rule", () => {
  const ctx = { peers: PEERS, decoder };

  test("defaults: start phase, first match, once", () => {
    assert.deepEqual(checkRule(rule(), ctx), { ...rule(), phase: "start", nth: 1, once: true });
    const drop = checkRule(rule({ action: { kind: "drop" } }), ctx);
    assert.deepEqual(drop.action, { kind: "drop", as: "blackhole" });
  });

  test("names, peers and phases are checked", () => {
    rejects(() => checkRule({ ...rule(), count: 2 }, ctx), /unknown key "count"/);
    rejects(() => checkRule(rule({ id: "" }), ctx), /id must be/);
    rejects(() => checkRule(rule({ peer: "node-9" }), ctx), /peer must be one of/);
    rejects(() => checkRule(rule({ peer: "client" }), ctx), /peer must be one of "node-1"/);
    checkRule(rule({ direction: "ingress", peer: "client" }), ctx);
    rejects(() => checkRule(rule({ method: "/AppendEntries" }), ctx), /method must be/);
    rejects(() => checkRule(rule({ nth: 0 }), ctx), /nth/);
    rejects(
      () => checkRule(rule({ phase: "complete", action: { kind: "drop" } }), ctx),
      /drop only at the "start" phase/,
    );
    rejects(
      () => checkRule(rule({ action: { kind: "cut", links: ["node-7"] } }), ctx),
      /cut links/,
    );
    rejects(() => checkRule(rule({ action: { kind: "pause", forMs: 0 } }), ctx), /forMs/);
    rejects(
      () => checkRule({ ...rule(), action: { kind: "kill", forMs: 5 } }, ctx),
      /unknown key "forMs"/,
    );
  });

  test("fields are checked against the proto: names, value types, enum names", () => {
    const ok = rule({ match: { request: { entries_count: { gte: 1 }, leader_id: "node-0" } } });
    assert.deepEqual(checkRule(ok, ctx).match, ok.match);
    rejects(
      () => checkRule(rule({ match: { request: { entries: 1 } } }), ctx),
      /has no field "entries".*entries_count/,
    );
    rejects(() => checkRule(rule({ match: { request: { term: "3" } } }), ctx), /a number/);
    rejects(
      () => checkRule(rule({ match: { request: { leader_id: { gt: 1 } } } }), ctx),
      /compares numbers only/,
    );
    rejects(
      () => checkRule(rule({ match: { response: { success: true } } }), ctx),
      /response needs the "complete" phase/,
    );
    rejects(() => checkRule(rule({ match: { status: 0 } }), ctx), /status needs the "complete"/);
    const status = rule({
      method: "ClientRequest",
      phase: "complete",
      match: { response: { status: "OK" } },
    });
    checkRule(status, ctx);
    rejects(
      () => checkRule({ ...status, match: { response: { status: "FINE" } } }, ctx),
      /one of STATUS_UNSPECIFIED, OK, NOT_LEADER, UNAVAILABLE/,
    );
    rejects(
      () => checkRule(rule({ method: "Echo", match: { request: { text: "x" } } }), ctx),
      /no method Echo/,
    );
    rejects(() => checkRule(ok, { peers: PEERS, decoder: null }), /needs the problem's proto/);
    checkRule(rule({ method: "Echo" }), { peers: PEERS, decoder: null });
  });
});

describe("matching calls", () => {
  test("no rule, or none for this direction, peer or method: no watch at all", () => {
    const { triggers } = engine();
    assert.equal(triggers.watch(egress(), null, false), null);
    triggers.set(rule({ peer: "node-2" }));
    assert.equal(triggers.watch(egress("node-1"), null, false), null);
    assert.equal(triggers.watch({ ...egress("node-2"), direction: "ingress" }, null, false), null);
    assert.equal(
      triggers.watch(egress("node-2", "/raft.ConsensusNode/RequestVote"), null, false),
      null,
    );
    assert.notEqual(triggers.watch(egress("node-2"), null, false), null);
  });

  test("ingress from the clients is its own party", () => {
    const { triggers, effects } = engine();
    triggers.set(rule({ direction: "ingress", peer: "client", method: "ClientRequest" }));
    call(triggers, { direction: "ingress", party: "node-1", method: CLIENT_REQUEST });
    assert.deepEqual(effects, []);
    call(triggers, { direction: "ingress", party: "client", method: CLIENT_REQUEST });
    assert.deepEqual(effects, ["kill"]);
  });

  test("nth: fires on the nth match only; once spends the rule", () => {
    const { triggers, effects } = engine();
    triggers.set(rule({ nth: 3 }));
    call(triggers, egress());
    call(triggers, egress());
    assert.deepEqual(effects, []);
    call(triggers, egress());
    assert.deepEqual(effects, ["kill"]);
    assert.equal(triggers.watch(egress(), null, false), null, "a spent rule watches nothing");
    const [status] = triggers.state().rules;
    assert.equal(status?.matches, 3);
    assert.equal(status?.fired, 1);
    assert.equal(status?.spent, true);
  });

  test("once false: fires on the nth match and on every one after", () => {
    const { triggers, effects } = engine();
    triggers.set(rule({ nth: 2, once: false, action: { kind: "pause" } }));
    for (let i = 0; i < 4; i++) call(triggers, egress());
    assert.deepEqual(effects, ["pause", "pause", "pause"]);
    assert.equal(triggers.state().rules[0]?.spent, false);
  });

  test("request fields: only matching calls count toward nth", () => {
    const { triggers, effects } = engine();
    triggers.set(rule({ nth: 2, match: { request: { entries_count: { gte: 1 } } } }));
    call(triggers, egress(), { request: appendRequest(0) }); // a heartbeat
    call(triggers, egress(), { request: appendRequest(2) });
    call(triggers, egress(), { request: appendRequest(0) });
    assert.deepEqual(effects, []);
    call(triggers, egress(), { request: appendRequest(1) });
    assert.deepEqual(effects, ["kill"]);
    assert.equal(triggers.state().rules[0]?.matches, 2);
  });

  test("a message that cannot be read does not match a field condition", () => {
    const { triggers, effects } = engine();
    triggers.set(rule({ match: { request: { term: 3 } } }));
    call(triggers, egress()); // no message captured
    call(triggers, egress(), { request: Buffer.from([0xff, 0xff, 0xff]) });
    assert.deepEqual(effects, []);
    call(triggers, egress(), { request: appendRequest(0) });
    assert.deepEqual(effects, ["kill"]);
  });

  test("complete: response fields and status; a call never answered does not count", () => {
    const { triggers, effects } = engine();
    triggers.set(
      rule({
        direction: "ingress",
        method: "ClientRequest",
        phase: "complete",
        match: { response: { status: "OK" }, status: 0 },
      }),
    );
    const site: CallSite = { direction: "ingress", party: "client", method: CLIENT_REQUEST };
    call(triggers, site); // started, never answered
    call(triggers, site, { response: clientResponse("NOT_LEADER"), status: 0 });
    call(triggers, site, { response: clientResponse("OK"), status: 14 });
    assert.deepEqual(effects, []);
    call(triggers, site, { response: clientResponse("OK"), status: 0 });
    assert.deepEqual(effects, ["kill"]);
  });

  test("start and complete rules on one call are counted once each", () => {
    const { triggers } = engine();
    triggers.set(rule({ id: "a", once: false, action: { kind: "pause" } }));
    triggers.set(rule({ id: "b", phase: "complete", match: { response: { success: true } } }));
    call(triggers, egress(), {
      request: appendRequest(1),
      response: appendResponse(true),
      status: 0,
    });
    const [a, b] = triggers.state().rules;
    assert.deepEqual([a?.matches, b?.matches, b?.fired], [1, 1, 1]);
  });

  test("setting a rule with the same id replaces it and restarts its counts", () => {
    const { triggers, effects } = engine();
    triggers.set(rule({ nth: 2 }));
    call(triggers, egress());
    triggers.set(rule({ nth: 2 }));
    call(triggers, egress());
    assert.deepEqual(effects, []);
    assert.equal(triggers.state().rules.length, 1);
    call(triggers, egress());
    assert.deepEqual(effects, ["kill"]);
  });

  test("clear removes every rule, even from calls already watched", () => {
    const { triggers, effects } = engine();
    triggers.set(rule());
    const watch = triggers.watch(egress(), null, false);
    triggers.clear();
    watch?.start(null).fire();
    assert.deepEqual(effects, []);
    assert.deepEqual(triggers.state(), { rules: [], cuts: [] });
  });
});

describe("drops", () => {
  test("only the full proxy drops; the relay's watch leaves drop rules out", () => {
    const { triggers } = engine();
    triggers.set(rule({ action: { kind: "drop", as: "unavailable" } }));
    assert.equal(triggers.watch(egress(), null, false), null);
    const { watch, drop } = call(triggers, egress(), { proxied: true });
    assert.equal(watch?.holds, true);
    assert.equal(drop, "unavailable");
    assert.equal(call(triggers, egress(), { proxied: true }).drop, null, "once: the next passes");
  });

  test("a drop rule keeps its links on the full proxy until it is spent", async () => {
    const { triggers } = engine();
    let changes = 0;
    triggers.onChange(() => changes++);
    triggers.set(rule({ peer: "node-2", action: { kind: "drop" } }));
    assert.equal(triggers.needsProxy("egress", "node-2"), true);
    assert.equal(triggers.needsProxy("egress", "node-1"), false);
    assert.equal(triggers.needsProxy("ingress", null), false);
    call(triggers, egress("node-2"), { proxied: true });
    assert.equal(triggers.needsProxy("egress", "node-2"), false);
    await Promise.resolve();
    assert.equal(changes, 2, "set, then spent: connections may move back");
  });
});

describe("actions", () => {
  afterEach(() => vi.useRealTimers());

  test("a cut black-holes the named links both ways until it heals", () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const { triggers } = engine();
    triggers.set(rule({ action: { kind: "cut", links: ["node-2", "clients"], forMs: 500 } }));
    call(triggers, egress());
    const deliver = { kind: "deliver", delayMs: 0 } as const;
    assert.deepEqual(triggers.fate("node-2", deliver), { kind: "blackhole", reason: "blackhole" });
    assert.deepEqual(triggers.fate("node-1", deliver), deliver);
    assert.equal(triggers.needsProxy("ingress", "node-2"), true);
    assert.equal(triggers.needsProxy("ingress", "client"), true);
    assert.equal(triggers.needsProxy("egress", "node-2"), true);
    assert.equal(triggers.needsProxy("egress", "node-1"), false);
    assert.deepEqual(
      triggers.state().cuts.map((c) => [c.link, c.ruleId, c.untilMs !== null]),
      [
        ["node-2", "t", true],
        ["clients", "t", true],
      ],
    );
    vi.advanceTimersByTime(500);
    assert.equal(triggers.isCut("node-2"), false);
    assert.deepEqual(triggers.state().cuts, []);
  });

  test("a cut without links cuts every peer, until clearTriggers", () => {
    const { triggers } = engine();
    triggers.set(rule({ action: { kind: "cut" } }));
    call(triggers, egress());
    assert.deepEqual(
      triggers.state().cuts.map((c) => [c.link, c.untilMs]),
      [
        ["node-1", null],
        ["node-2", null],
      ],
    );
    assert.equal(triggers.isCut("clients"), false);
    triggers.clear();
    assert.equal(triggers.isCut("node-1"), false);
  });

  test("a timed pause resumes; clear cancels a pending resume", () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const { triggers, effects } = engine();
    triggers.set(rule({ once: false, action: { kind: "pause", forMs: 100 } }));
    call(triggers, egress());
    vi.advanceTimersByTime(100);
    assert.deepEqual(effects, ["pause", "resume"]);
    call(triggers, egress());
    triggers.clear();
    vi.advanceTimersByTime(100);
    assert.deepEqual(effects, ["pause", "resume", "pause"]);
  });

  test("the firing log: time, rule, call and its seq once the call ended", () => {
    const { triggers } = engine({ running: false });
    triggers.set(rule({ direction: "ingress", method: "ClientRequest" }));
    const record = { seq: 0 } as MessageRecord;
    call(triggers, { direction: "ingress", party: "client", method: CLIENT_REQUEST }, {}, record);
    let [firing] = triggers.firings(0).items;
    assert.equal(firing?.seq, null, "the call has not ended yet");
    record.seq = 42;
    const page = triggers.firings(0);
    [firing] = page.items;
    assert.deepEqual(
      { ...firing, atMs: typeof firing?.atMs },
      {
        atMs: "number",
        ruleId: "t",
        action: "kill",
        method: CLIENT_REQUEST,
        from: "client",
        to: "node-0",
        seq: 42,
        detail: "the node was not running",
      },
    );
    assert.deepEqual(triggers.firings(page.next).items, []);
    triggers.clearFirings();
    assert.deepEqual(triggers.firings(0).items, []);
  });
});
