// Carries out a scenario's fault schedule through the chaos agents, resolving roles when
// each fault fires, and keeps the fault timeline the checkers and the report read.
import type { LinkRule, NodeControl, NodeState } from "../shared/ports/cluster.ts";
import type { FaultWindow, LeaderLoss } from "../shared/check/raft/timing.ts";
import type { FaultAction, NodeRef } from "./plan.ts";
import type { Random } from "./random.ts";
import { nowMs, sleep } from "./clock.ts";

/** How long a fault aimed at "the leader" waits for one to be known. */
const LEADER_WAIT_MS = 3000;
/** How long a restart of every node may take before the nodes count as started anyway. */
const RUNNING_WAIT_MS = 15000;
const RUNNING_POLL_MS = 50;

export interface TimelineEntry {
  atMs: number;
  /** A fault begins, or faults end (restart, resume, heal). */
  event: "begin" | "end";
  /** In words, with roles resolved: "killed node-2 (the leader)". */
  description: string;
}

export interface NemesisDeps {
  controls: ReadonlyMap<string, NodeControl>;
  random: Random;
  /** The leader now, waiting up to timeoutMs for one. */
  leader(timeoutMs: number): Promise<string | null>;
}

type OpenFault = { window: FaultWindow; key: string };

export class Nemesis {
  readonly timeline: TimelineEntry[] = [];
  readonly windows: FaultWindow[] = [];
  readonly losses: LeaderLoss[] = [];
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
    const at = nowMs();
    const leader = await this.deps.leader(needsLeader(action) ? LEADER_WAIT_MS : 0);
    const describe = (node: string): string => (node === leader ? `${node} (the leader)` : node);
    switch (action.kind) {
      case "kill":
      case "pause": {
        const node = this.resolve(action.node, leader, []);
        if (action.as) this.labels.set(action.as, node);
        const control = this.control(node);
        await (action.kind === "kill" ? control.kill() : control.pause());
        const verb = action.kind === "kill" ? "killed" : "paused";
        this.openFault(`${verb} ${describe(node)}`, node, at);
        if (node === leader)
          this.losses.push({ atMs: at, description: `the leader ${node} was ${verb}` });
        return;
      }
      case "start":
      case "resume": {
        const node = this.resolve(action.node, leader, []);
        await (action.kind === "start" ? this.control(node).start() : this.control(node).resume());
        this.closeFault(node, at, `${action.kind === "start" ? "restarted" : "resumed"} ${node}`);
        return;
      }
      case "kill-all":
        await Promise.all(this.nodes.map((n) => this.control(n).kill()));
        this.openFault("killed every node", "all", at);
        return;
      case "start-all": {
        await Promise.all(this.nodes.map((n) => this.control(n).start()));
        this.closeFault("all", at, "restarted every node");
        // The 5 s for a new leader run from when the nodes are up, not from the command:
        // how long a process takes to start on a busy machine is not the node's doing.
        const readyAt = await whenAllRunning([...this.deps.controls.values()]);
        this.losses.push({ atMs: readyAt, description: "every node was restarted and listening" });
        return;
      }
      case "pause-all":
        await this.eachInState("running", (c) => c.pause());
        this.openFault("paused every running node", "all-paused", at);
        return;
      case "resume-all":
        await this.eachInState("paused", (c) => c.resume());
        this.closeFault("all-paused", at, "resumed every paused node");
        return;
      case "partition":
        return this.partition(action.groups, leader, at, action.as);
      case "cut": {
        const from = this.resolve(action.from, leader, []);
        const to = this.resolve(action.to, leader, [from]);
        await this.addRules(new Map([[from, [{ link: to, partition: "blackhole" }]]]));
        this.openFault(`${describe(from)} cannot reach ${describe(to)}`, "links", at);
        return;
      }
      case "flaky":
        return this.flaky(action, at);
      case "heal":
        return this.heal(at);
    }
  }

  private async partition(
    groups: NodeRef[][],
    leader: string | null,
    at: number,
    as?: string,
  ): Promise<void> {
    const resolved: string[][] = [];
    const taken: string[] = [];
    for (const group of groups) {
      if (group.includes("others")) continue;
      const members = group.map((ref) => {
        const node = this.resolve(ref, leader, taken);
        taken.push(node);
        return node;
      });
      resolved.push(members);
    }
    const others = this.nodes.filter((n) => !taken.includes(n));
    if (others.length) resolved.push(others);
    if (as) this.labels.set(as, resolved[0]?.[0] ?? "");
    const rules = new Map<string, LinkRule[]>();
    for (const group of resolved) {
      for (const node of group) {
        const unreachable = this.nodes.filter((n) => !group.includes(n));
        rules.set(
          node,
          unreachable.map((link) => ({ link, partition: "blackhole" as const })),
        );
      }
    }
    await this.addRules(rules);
    const text = `partition ${resolved.map((g) => `{${g.join(", ")}}`).join(" | ")}`;
    this.openFault(text, "links", at);
    const leaderGroup = resolved.find((g) => leader && g.includes(leader));
    if (leader && leaderGroup && leaderGroup.length * 2 <= this.nodes.length) {
      this.losses.push({ atMs: at, description: `the leader ${leader} was cut off in a minority` });
    }
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
    this.openFault(text, "links", at);
  }

  private async heal(at: number): Promise<void> {
    await Promise.all(
      this.nodes.map(async (n) => {
        const control = this.control(n);
        await control.setLinks([]);
        const { state } = await control.status();
        if (state === "paused") await control.resume();
        if (state === "stopped" || state === "exited") await control.start();
      }),
    );
    this.currentRules.clear();
    for (const f of this.open.splice(0)) f.window.endMs = at;
    this.timeline.push({
      atMs: at,
      event: "end",
      description: "healed: links restored, every node running",
    });
  }

  private readonly currentRules = new Map<string, LinkRule[]>();

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

  private openFault(description: string, key: string, at: number): void {
    const window: FaultWindow = { startMs: at, endMs: null, description };
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

  private resolve(ref: NodeRef, leader: string | null, exclude: readonly string[]): string {
    if (ref.startsWith("$")) {
      const node = this.labels.get(ref.slice(1));
      if (!node) throw new Error(`fault refers to ${ref}, which no earlier step named`);
      return node;
    }
    const candidates = this.nodes.filter((n) => !exclude.includes(n));
    if (ref === "leader")
      return leader && !exclude.includes(leader) ? leader : this.deps.random.pick(candidates);
    if (ref === "follower") return this.deps.random.pick(candidates.filter((n) => n !== leader));
    if (!this.nodes.includes(ref)) throw new Error(`fault names unknown node ${ref}`);
    return ref;
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

function needsLeader(action: FaultAction): boolean {
  const refs = JSON.stringify(action);
  return refs.includes('"leader"') || refs.includes('"follower"');
}
