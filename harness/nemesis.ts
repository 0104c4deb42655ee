// Carries out a scenario's fault schedule through the chaos agents, resolving roles when
// each fault fires, and keeps the fault timeline the checkers and the report read.
import type { LinkRule, NodeControl, NodeState } from "../shared/ports/cluster.ts";
import type { FaultAction, NodeRef } from "./plan.ts";
import type { RoleSpec } from "./problem.ts";
import type { Random } from "./random.ts";
import type { FaultWindow, RoleLoss, TimelineEntry } from "./run-record.ts";
import { nowMs, sleep } from "./clock.ts";
import { resolveGroups, sideOf, unreachableFrom } from "./partition.ts";

/** How long a fault aimed at a role ("the leader") waits for its holder to be known. */
const ROLE_WAIT_MS = 3000;
/** How often an "await" step asks again while it waits (the poller reads the traffic). */
const AWAIT_POLL_MS = 100;
/** How long a restart of every node may take before the nodes count as started anyway. */
const RUNNING_WAIT_MS = 15000;
const RUNNING_POLL_MS = 50;

export interface NemesisDeps {
  controls: ReadonlyMap<string, NodeControl>;
  random: Random;
  /** The problem's roles a fault may name. */
  roles: readonly RoleSpec[];
  /** The holder of a role now, waiting up to timeoutMs for one. */
  holder(role: string, timeoutMs: number): Promise<string | null>;
}

/** An "await" step that gave up: no holder of its role where it looked, in time or at all. */
export class AwaitGaveUp extends Error {
  override readonly name = "AwaitGaveUp";
}

/** Who held each role when a fault fired (null: nobody known). */
type Holders = ReadonlyMap<string, string | null>;

type OpenFault = { window: FaultWindow; key: string };

export class Nemesis {
  readonly timeline: TimelineEntry[] = [];
  readonly windows: FaultWindow[] = [];
  readonly losses: RoleLoss[] = [];
  private readonly labels = new Map<string, string>();
  private readonly open: OpenFault[] = [];
  private readonly nodes: string[];

  constructor(private readonly deps: NemesisDeps) {
    this.nodes = [...deps.controls.keys()];
  }

  /** Faults in force now, in words, for progress. */
  inForce(): string[] {
    return this.open.map((f) => f.window.description);
  }

  async apply(action: FaultAction): Promise<void> {
    // What armed triggers did since the last action goes on the timeline first, in order.
    await this.collectFirings();
    const at = nowMs();
    const holders = await this.holders(action);
    const describe = (node: string): string => {
      const held = this.rolesOf(node, holders);
      return held.length ? `${node} (the ${held.join(", the ")})` : node;
    };
    switch (action.kind) {
      case "kill":
      case "pause": {
        const node = this.resolve(action.node, holders, []);
        if (action.as) this.labels.set(action.as, node);
        const control = this.control(node);
        await (action.kind === "kill" ? control.kill() : control.pause());
        const verb = action.kind === "kill" ? "killed" : "paused";
        this.openFault(`${verb} ${describe(node)}`, node, at, { stopped: [node] });
        for (const role of this.rolesOf(node, holders))
          this.losses.push({ atMs: at, role, description: `the ${role} ${node} was ${verb}` });
        return;
      }
      case "start": {
        const node = this.resolve(action.node, holders, []);
        const skewMs = action.skewMs ?? 0;
        await this.control(node).start(skewMs ? { skewMs } : undefined);
        const skew = skewMs
          ? ` with its clock ${Math.abs(skewMs)} ms ${skewMs > 0 ? "ahead" : "behind"}`
          : "";
        this.closeFault(node, at, `restarted ${node}${skew}`);
        return;
      }
      case "resume": {
        const node = this.resolve(action.node, holders, []);
        await this.control(node).resume();
        this.closeFault(node, at, `resumed ${node}`);
        return;
      }
      case "kill-all":
        await Promise.all(this.nodes.map((n) => this.control(n).kill()));
        this.openFault("killed every node", "all", at, { stopped: [...this.nodes] });
        return;
      case "start-all": {
        await Promise.all(this.nodes.map((n) => this.control(n).start()));
        this.closeFault("all", at, "restarted every node");
        // The 5 s for a new leader run from when the nodes are up, not from the command:
        // how long a process takes to start on a busy machine is not the node's doing.
        const readyAt = await whenAllRunning([...this.deps.controls.values()]);
        this.losses.push({
          atMs: readyAt,
          role: "*",
          description: "every node was restarted and listening",
        });
        return;
      }
      case "pause-all":
        await this.eachInState("running", (c) => c.pause());
        this.openFault("paused every running node", "all-paused", at, {
          stopped: [...this.nodes],
        });
        return;
      case "resume-all":
        await this.eachInState("paused", (c) => c.resume());
        this.closeFault("all-paused", at, "resumed every paused node");
        return;
      case "partition":
        return this.partition(action, holders, at);
      case "label": {
        const except = (action.except ?? []).map((ref) => this.resolveNamed(ref));
        this.labels.set(action.as, this.resolve(action.node, holders, except));
        return;
      }
      case "await":
        return this.await(action, at);
      case "request":
      case "note":
      case "hold-clients":
      case "release-clients":
      case "rounds":
        throw new Error(`a "${action.kind}" step is the plan runner's, not a fault`);
      case "cut": {
        const from = this.resolve(action.from, holders, []);
        const to = this.resolve(action.to, holders, [from]);
        await this.addRules(new Map([[from, [{ link: to, partition: "blackhole" }]]]));
        this.openFault(`${describe(from)} cannot reach ${describe(to)}`, "links", at);
        return;
      }
      case "flaky":
        return this.flaky(action, at);
      case "arm": {
        const node = this.resolve(action.node, holders, []);
        if (action.as) this.labels.set(action.as, node);
        const { when, ...rule } = action.trigger;
        const id = `armed-${++this.armedCount}`;
        await this.control(node).setTrigger({ ...rule, id });
        this.armed.set(id, { node, when, roles: this.rolesOf(node, holders), next: 0 });
        this.timeline.push({
          atMs: at,
          event: "begin",
          description: `armed: ${rule.action.kind} ${describe(node)} ${when}`,
        });
        return;
      }
      case "disarm": {
        const node = this.resolve(action.node, holders, []);
        return this.disarm(node, at);
      }
      case "heal":
        return this.heal(at);
    }
  }

  private async partition(
    action: Extract<FaultAction, { kind: "partition" }>,
    holders: Holders,
    at: number,
  ): Promise<void> {
    const resolved = this.resolveGroups(action.groups, holders);
    if (action.as) this.labels.set(action.as, resolved[0]?.[0] ?? "");
    const rules = new Map<string, LinkRule[]>();
    for (const [node, unreachable] of unreachableFrom(this.nodes, resolved)) {
      rules.set(
        node,
        unreachable.map((link) => ({ link, partition: "blackhole" as const })),
      );
    }
    if (action.replace) {
      this.currentRules.clear();
      if (this.open.some((o) => o.key === "links"))
        this.closeFault("links", at, "lifted the link faults in force");
    }
    await this.addRules(rules);
    const text = `partition ${resolved.map((g) => `{${g.join(", ")}}`).join(" | ")}`;
    this.openFault(text, "links", at);
    for (const [role, node] of holders) {
      const side = node ? sideOf(node, resolved) : [];
      if (node && side.length > 0 && side.length * 2 <= this.nodes.length) {
        this.losses.push({
          atMs: at,
          role,
          description: `the ${role} ${node} was cut off in a minority`,
        });
      }
    }
  }

  private resolveGroups(groups: NodeRef[][], holders: Holders): string[][] {
    return resolveGroups(groups, this.nodes, (ref, taken) => this.resolve(ref, holders, taken));
  }

  /** Waits for a holder of the role among the nodes asked for, and labels it. */
  private async await(action: Extract<FaultAction, { kind: "await" }>, at: number): Promise<void> {
    const among = action.among?.map((ref) => this.resolveNamed(ref));
    const except = (action.except ?? []).map((ref) => this.resolveNamed(ref));
    const named = (action.giveUpOn ?? []).filter((ref) => ref !== "others");
    const giveUpOn = named.map((ref) => this.resolveNamed(ref));
    if (action.giveUpOn?.includes("others")) {
      const listed = [...(among ?? []), ...except, ...giveUpOn];
      giveUpOn.push(...this.nodes.filter((n) => !listed.includes(n)));
    }
    const where = [
      among ? `among ${among.join(", ")}` : "",
      except.length ? `other than ${except.join(", ")}` : "",
    ]
      .filter(Boolean)
      .join(" and ");
    const until = at + action.timeoutMs;
    let text = `no ${action.role} ${where || "at all"} within ${action.timeoutMs / 1000} s`;
    for (;;) {
      const holder = await this.deps.holder(action.role, 0);
      if (holder && giveUpOn.includes(holder)) {
        text = `the ${action.role} is ${holder}, ${among ? `none of ${among.join(", ")}` : "one given up on"}`;
        break;
      }
      if (holder && (!among || among.includes(holder)) && !except.includes(holder)) {
        if (action.as) this.labels.set(action.as, holder);
        this.note(`the ${action.role} is ${holder}${where ? ` (awaited ${where})` : ""}`);
        return;
      }
      if (nowMs() >= until) break;
      await sleep(AWAIT_POLL_MS);
    }
    this.note(`gave up waiting: ${text}`);
    throw new AwaitGaveUp(text);
  }

  /** A node a step names, resolved now (roles as the traffic shows them, labels). */
  async resolveNode(ref: NodeRef): Promise<string> {
    const holders = await this.holders({ kind: "label", node: ref, as: "" });
    return this.resolve(ref, holders, []);
  }

  /** Something the plan did that is no fault, on the timeline. */
  note(description: string, atMs = nowMs()): void {
    this.timeline.push({ atMs, event: "note", description });
  }

  private async flaky(action: Extract<FaultAction, { kind: "flaky" }>, at: number): Promise<void> {
    const rule = {
      dropProbability: action.dropProbability,
      loseAnswerProbability: action.loseAnswerProbability,
      delayMs: action.delayMs,
      jitterMs: action.jitterMs,
    };
    const rules = new Map<string, LinkRule[]>();
    for (const node of this.nodes) {
      const links = this.nodes.filter((n) => n !== node).concat(action.clients ? ["clients"] : []);
      rules.set(
        node,
        links.map((link) => ({ link, ...rule })),
      );
    }
    await this.addRules(rules);
    const effects = [
      action.dropProbability > 0 && `drops ${Math.round(action.dropProbability * 100)}%`,
      action.loseAnswerProbability > 0 &&
        `loses ${Math.round(action.loseAnswerProbability * 100)}% of answers`,
      action.delayMs > 0 &&
        `delays ${action.delayMs}${action.jitterMs ? `±${action.jitterMs}` : ""} ms`,
    ].filter(Boolean);
    const text = `every ${action.clients ? "" : "peer "}link ${effects.join(", ").replace(/, ([^,]*)$/, " and $1")}`;
    this.openFault(text, "links", at, action.clients ? { clientLinks: true } : {});
  }

  private async heal(at: number): Promise<void> {
    await Promise.all(
      this.nodes.map(async (n) => {
        const control = this.control(n);
        await control.setLinks([]);
        await control.clearTriggers();
        const { state } = await control.status();
        if (state === "paused") await control.resume();
        if (state === "stopped" || state === "exited") await control.start();
      }),
    );
    this.currentRules.clear();
    this.armed.clear();
    for (const f of this.open.splice(0)) f.window.endMs = at;
    this.timeline.push({
      atMs: at,
      event: "end",
      description: "healed: links restored, every node running",
    });
  }

  private readonly currentRules = new Map<string, LinkRule[]>();
  private armedCount = 0;
  /** Triggers set on agents: their node, what they wait for, the roles it held when set. */
  private readonly armed = new Map<
    string,
    { node: string; when: string; roles: string[]; next: number }
  >();

  /**
   * Reads the firing logs of nodes with armed triggers: each firing opens its fault (a kill
   * or pause until the node's restart, a cut until the heal) at the moment it fired.
   */
  async collectFirings(): Promise<void> {
    const nodes = new Set([...this.armed.values()].map((a) => a.node));
    for (const node of nodes) {
      const page = await this.control(node).firings();
      for (const firing of page.items) {
        const armed = this.armed.get(firing.ruleId);
        if (!armed || firing.atMs < armed.next) continue;
        armed.next = firing.atMs + 1e-3;
        const held = armed.roles.length ? ` (the ${armed.roles.join(", the ")} when armed)` : "";
        const verb = { kill: "killed", pause: "paused", cut: "cut off", drop: "dropped a call of" }[
          firing.action
        ];
        const what = `${verb} ${node}${held} ${armed.when}`;
        if (firing.detail) {
          this.timeline.push({
            atMs: firing.atMs,
            event: "begin",
            description: `${what}: ${firing.detail}`,
          });
          continue;
        }
        if (firing.action === "drop") {
          this.timeline.push({ atMs: firing.atMs, event: "begin", description: what });
          continue;
        }
        const stops = firing.action === "kill" || firing.action === "pause";
        this.openFault(
          what,
          firing.action === "cut" ? "links" : node,
          firing.atMs,
          stops ? { stopped: [node] } : {},
        );
        for (const role of armed.roles)
          this.losses.push({
            atMs: firing.atMs,
            role,
            description: `the ${role} ${node} was ${verb} ${armed.when}`,
          });
      }
    }
  }

  /** Clears a node's triggers and undoes what they did to it. */
  private async disarm(node: string, at: number): Promise<void> {
    const control = this.control(node);
    await this.collectFirings();
    await control.clearTriggers();
    for (const [id, armed] of this.armed) if (armed.node === node) this.armed.delete(id);
    const { state } = await control.status();
    if (state === "paused") await control.resume();
    if (state === "stopped" || state === "exited") await control.start();
    this.closeFault(node, at, `disarmed ${node}: its triggers cleared, running again`);
  }

  /** Acts on every node now in `state`, all at once (a killed node is left as it is). */
  private async eachInState(
    state: NodeState,
    act: (control: NodeControl) => Promise<void>,
  ): Promise<void> {
    const controls = [...this.deps.controls.values()];
    const states = await Promise.all(controls.map((c) => c.status().then((s) => s.state)));
    await Promise.all(controls.filter((_, i) => states[i] === state).map(act));
  }

  /** Adds rules to what each agent already has (setLinks replaces an agent's rules). */
  private async addRules(rules: Map<string, LinkRule[]>): Promise<void> {
    await Promise.all(
      [...rules].map(([node, added]) => {
        const merged = [...(this.currentRules.get(node) ?? []), ...added];
        this.currentRules.set(node, merged);
        return this.control(node).setLinks(merged);
      }),
    );
  }

  private openFault(
    description: string,
    key: string,
    at: number,
    effect: Pick<FaultWindow, "stopped" | "clientLinks"> = {},
  ): void {
    const window: FaultWindow = { startMs: at, endMs: null, description, ...effect };
    this.windows.push(window);
    this.open.push({ window, key });
    this.timeline.push({ atMs: at, event: "begin", description });
  }

  private closeFault(key: string, at: number, description: string): void {
    for (let i = this.open.length - 1; i >= 0; i--) {
      const f = this.open[i] as OpenFault;
      if (f.key === key) {
        f.window.endMs = at;
        this.open.splice(i, 1);
      }
    }
    this.timeline.push({ atMs: at, event: "end", description });
  }

  /** Who holds each held role now; waits for the ones this action names. */
  private async holders(action: FaultAction): Promise<Holders> {
    const named = JSON.stringify(action);
    const found = new Map<string, string | null>();
    for (const role of this.deps.roles) {
      if (role.otherThan) continue;
      const wanted = this.deps.roles.some(
        (r) => (r.name === role.name || r.otherThan === role.name) && named.includes(`"${r.name}"`),
      );
      found.set(role.name, await this.deps.holder(role.name, wanted ? ROLE_WAIT_MS : 0));
    }
    return found;
  }

  private rolesOf(node: string, holders: Holders): string[] {
    return [...holders].filter(([, holder]) => holder === node).map(([role]) => role);
  }

  private resolve(ref: NodeRef, holders: Holders, exclude: readonly string[]): string {
    if (ref.startsWith("$")) {
      const node = this.labels.get(ref.slice(1));
      if (!node) throw new Error(`fault refers to ${ref}, which no earlier step named`);
      return node;
    }
    const candidates = this.nodes.filter((n) => !exclude.includes(n));
    const role = this.deps.roles.find((r) => r.name === ref);
    if (role?.otherThan !== undefined) {
      const holder = holders.get(role.otherThan) ?? null;
      return this.deps.random.pick(candidates.filter((n) => n !== holder));
    }
    if (role) {
      const holder = holders.get(role.name) ?? null;
      return holder && !exclude.includes(holder) ? holder : this.deps.random.pick(candidates);
    }
    if (!this.nodes.includes(ref)) throw new Error(`fault names unknown node ${ref}`);
    return ref;
  }

  /** A node named by id or label only: what an "await" looks among, what a label avoids. */
  private resolveNamed(ref: NodeRef): string {
    if (this.deps.roles.some((r) => r.name === ref) || ref === "others")
      throw new Error(
        `this list names nodes by id or label ("others" only in giveUpOn), not "${ref}"`,
      );
    return this.resolve(ref, new Map(), []);
  }

  private control(node: string): NodeControl {
    const control = this.deps.controls.get(node);
    if (!control) throw new Error(`no agent for ${node}`);
    return control;
  }
}

/** When every node reports running (its port accepts), polled; gives up after a while. */
async function whenAllRunning(controls: NodeControl[]): Promise<number> {
  const until = nowMs() + RUNNING_WAIT_MS;
  while (nowMs() < until) {
    const states = await Promise.all(controls.map((c) => c.status().then((s) => s.state)));
    if (states.every((s) => s === "running")) break;
    await sleep(RUNNING_POLL_MS);
  }
  return nowMs();
}
