// The judge as the chain's master (statement.md, "The chain and its epochs"): it sends epoch
// 1 before any client request, then watches the nodes through their agents and sends a new
// configuration to every member whenever one dies or a restarted one can join at the tail.
// Each Configure is retried until answered or superseded. Its record (configs) is what the
// checks hold the nodes to; each new chain also goes on the fault timeline.
import type { ClusterHandle } from "../../shared/ports/cluster.ts";
import { nowMs, sleep } from "../../harness/clock.ts";
import type { KvConnections } from "../../harness/leader-kv/connections.ts";
import type { ChainConfig } from "./checks/configuration.ts";
import { formatConfigNote } from "./config-note.ts";
import { nextChain, type NodeView } from "./membership.ts";

/** How often the master asks the agents how the nodes are. */
const WATCH_EVERY_MS = 100;
/** The statement: Configure is answered within 1 s. */
const CONFIGURE_DEADLINE_MS = 1000;
const RETRY_AFTER_MS = 100;

export class ChainMaster {
  readonly configs: ChainConfig[] = [];
  private chain: string[] = [];
  private readonly joined = new Map<string, number>();
  private stopped = false;
  private watching: Promise<void> | null = null;

  constructor(
    private readonly cluster: ClusterHandle,
    private readonly connections: KvConnections,
    private readonly note: (description: string, atMs?: number) => void,
  ) {}

  /** Sends epoch 1 and starts watching; resolves once every member answered it (or gave up). */
  async start(chain: readonly string[], answeredWithinMs: number): Promise<void> {
    const views = await this.views();
    const config = this.configure(chain, views);
    this.watching = this.watch();
    const until = nowMs() + answeredWithinMs;
    while (Object.keys(config.answeredMs).length < chain.length && nowMs() < until) await sleep(20);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.watching;
  }

  private async watch(): Promise<void> {
    while (!this.stopped) {
      await sleep(WATCH_EVERY_MS);
      const views = await this.views();
      const next = nextChain(this.chain, this.joined, views);
      if (next && !this.stopped) this.configure(next, views);
    }
  }

  /** Each node's state as its agent reports it; a node whose agent did not answer is left out. */
  private async views(): Promise<Map<string, NodeView>> {
    const statuses = await Promise.all(
      this.cluster.nodes.map((n) => n.control.status().catch(() => null)),
    );
    const views = new Map<string, NodeView>();
    this.cluster.nodes.forEach((n, i) => {
      const s = statuses[i];
      if (s) views.set(n.id, { state: s.state, starts: s.starts });
    });
    return views;
  }

  private configure(chain: readonly string[], views: ReadonlyMap<string, NodeView>): ChainConfig {
    const before = this.chain;
    this.chain = [...chain];
    for (const node of chain)
      if (!before.includes(node)) this.joined.set(node, views.get(node)?.starts ?? 0);
    const config: ChainConfig = {
      epoch: this.configs.length + 1,
      chain: [...chain],
      sentMs: nowMs(),
      answeredMs: {},
    };
    this.configs.push(config);
    const left = before.filter((n) => !chain.includes(n));
    const change = left.length
      ? `${left.join(", ")} left`
      : before.length
        ? `${chain.at(-1)} joined`
        : undefined;
    this.note(
      formatConfigNote({ epoch: config.epoch, chain: config.chain, ...(change ? { change } : {}) }),
      config.sentMs,
    );
    for (const node of chain) void this.send(config, node);
    return config;
  }

  /** Configure until the node answers with this epoch (or a later one), or a newer one is made. */
  private async send(config: ChainConfig, node: string): Promise<void> {
    const request = { epoch: config.epoch, chain: config.chain };
    while (!this.stopped && this.configs.length === config.epoch) {
      const ended = await this.connections.call<{ epoch: number }>(
        node,
        "Configure",
        request,
        CONFIGURE_DEADLINE_MS,
      );
      if ("res" in ended && ended.res && Number(ended.res.epoch) >= config.epoch) {
        config.answeredMs[node] ??= ended.endMs;
        return;
      }
      await sleep(RETRY_AFTER_MS);
    }
  }
}
