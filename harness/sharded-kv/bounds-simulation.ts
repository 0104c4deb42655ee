// The simulation behind the statistical bounds of both statements (balance, moved fraction):
// SHA-256 modelled as uniform, so a ring is N·V uniform points and a key a uniform point.
// Rerun: `npx tsx harness/sharded-kv/bounds-simulation.ts [trials]`. The bounds table in
// bounds.ts is the rounded maxima this prints, plus the margin the statements state.
import { seededRandom, type Random } from "../random.ts";

/** Probe keys the judge asks every node about (statement: 2,000). */
export const PROBE_KEYS = 2000;

/** One trial's statistics for a ring of `members` nodes with `vnodes` each (0: rendezvous). */
export interface TrialStats {
  /** Most probe keys on one node over the mean. */
  balance: number;
  /** Share of the probe keys on one given node (what a join or leave of it moves). */
  share: number;
}

const uniform = (random: Random): number => random.next() + random.next() / 4294967296;

/** The node of each probe key on a random ring (or, with vnodes 0, uniformly: rendezvous). */
function counts(random: Random, members: number, vnodes: number): number[] {
  const perNode = new Array<number>(members).fill(0);
  if (vnodes === 0) {
    for (let k = 0; k < PROBE_KEYS; k++) (perNode[random.int(0, members - 1)] as number)++;
    return perNode;
  }
  const points: [number, number][] = [];
  for (let n = 0; n < members; n++)
    for (let v = 0; v < vnodes; v++) points.push([uniform(random), n]);
  points.sort((a, b) => a[0] - b[0]);
  const keys = Array.from({ length: PROBE_KEYS }, () => uniform(random)).sort((a, b) => a - b);
  let p = 0;
  for (const key of keys) {
    while (p < points.length && (points[p] as [number, number])[0] < key) p++;
    const node = (points[p % points.length] as [number, number])[1];
    (perNode[node] as number)++;
  }
  return perNode;
}

export function trial(random: Random, members: number, vnodes: number): TrialStats {
  const perNode = counts(random, members, vnodes);
  return {
    balance: Math.max(...perNode) / (PROBE_KEYS / members),
    share: (perNode[0] as number) / PROBE_KEYS,
  };
}

export interface Extremes {
  members: number;
  vnodes: number;
  trials: number;
  maxBalance: number;
  minShare: number;
  maxShare: number;
}

export function extremes(seed: number, members: number, vnodes: number, trials: number): Extremes {
  const random = seededRandom(seed).fork(`${members}x${vnodes}`);
  const out = { members, vnodes, trials, maxBalance: 0, minShare: 1, maxShare: 0 };
  for (let t = 0; t < trials; t++) {
    const s = trial(random, members, vnodes);
    out.maxBalance = Math.max(out.maxBalance, s.balance);
    out.minShare = Math.min(out.minShare, s.share);
    out.maxShare = Math.max(out.maxShare, s.share);
  }
  return out;
}

if (process.argv[1]?.endsWith("bounds-simulation.ts")) {
  const trials = Number(process.argv[2] ?? 100_000);
  for (const vnodes of [0, 16, 32, 64, 100, 128, 256])
    for (const members of [4, 5]) {
      const e = extremes(17, members, vnodes, trials);
      console.log(
        `${vnodes === 0 ? "rendezvous" : `V=${vnodes}`} N=${members} trials=${trials} max balance ${e.maxBalance.toFixed(3)} share [${e.minShare.toFixed(4)}, ${e.maxShare.toFixed(4)}]`,
      );
    }
}
