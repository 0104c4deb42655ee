// The judge's own record as the chain's master: each configuration it sent (epoch, chain,
// when) and when each member answered it. The agents do not decode the judge's Configure
// calls; the judge knows them first-hand, on the clock its clients' times are taken with.

export interface ChainConfig {
  /** 1, 2, 3, ...: one higher with each configuration, in the order sent. */
  epoch: number;
  /** Node ids, head first, tail last. A node left out is one the judge killed before. */
  chain: string[];
  /** When the judge sent the first Configure of this epoch. */
  sentMs: number;
  /**
   * Per member, when the judge heard its answer to that Configure (the first it heard: the
   * node adopted the epoch no later); absent: it never heard one.
   */
  answeredMs: Record<string, number>;
}

export function configOf(configs: readonly ChainConfig[], epoch: number): ChainConfig | null {
  return configs.find((c) => c.epoch === epoch) ?? null;
}

/** The node after `node` in the chain of `config`, or null (the tail, or no member). */
export function successorIn(config: ChainConfig, node: string): string | null {
  const at = config.chain.indexOf(node);
  return at < 0 ? null : (config.chain[at + 1] ?? null);
}

const tailOf = (config: ChainConfig): string | undefined => config.chain.at(-1);

/**
 * The epoch at or before `epoch` in which `node` last joined the chain (a member, but not of
 * the configuration before), or null when it is no member of `epoch`. A node joins with
 * nothing: what it held in an earlier membership is gone (statement.md, "Joining").
 */
export function joinedAt(
  configs: readonly ChainConfig[],
  node: string,
  epoch: number,
): number | null {
  const sorted = [...configs].sort((a, b) => a.epoch - b.epoch);
  let joined: number | null = null;
  let before: ChainConfig | null = null;
  for (const c of sorted) {
    if (c.epoch > epoch) break;
    const member = c.chain.includes(node);
    if (member && !before?.chain.includes(node)) joined = c.epoch;
    if (!member) joined = null;
    before = c;
  }
  return joined;
}

/**
 * The spans in which `node` may have been the tail: from when the judge sent a configuration
 * making it tail, to when it answered the next one (it took that one by then), or to when the
 * next one was sent when it left the chain (it was killed before). Open when never answered.
 */
export function tailSpans(configs: readonly ChainConfig[], node: string): [number, number][] {
  const sorted = [...configs].sort((a, b) => a.epoch - b.epoch);
  const spans: [number, number][] = [];
  sorted.forEach((c, i) => {
    if (tailOf(c) !== node) return;
    const next = sorted[i + 1];
    const end = !next
      ? Infinity
      : next.chain.includes(node)
        ? (next.answeredMs[node] ?? Infinity)
        : next.sentMs;
    spans.push([c.sentMs, end]);
  });
  return spans;
}
