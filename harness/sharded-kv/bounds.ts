// The statistical bounds both statements state (balance, moved fraction), per scheme and
// membership size: the extremes of bounds-simulation.ts over 100,000 random rings and key
// samples each (about the 1-in-100,000 quantile), widened by the statements' margins.
// A run judges at most five such statistics, so a correct node fails one less than once in
// 10,000 runs (statement.md, "Statistical bounds").
import { PROBE_KEYS } from "./bounds-simulation.ts";

export { PROBE_KEYS };

export interface StatBounds {
  /** "a 100-vnode ring", "rendezvous hashing": how messages name the scheme. */
  label: string;
  /** The largest max-load-over-mean allowed with `members` members. */
  balance(members: number): number;
  /** The range allowed for one node's share of the sampled keys among `members`. */
  share(members: number): [number, number];
}

/** Added to the simulated maximum balance. */
export const BALANCE_MARGIN = 0.05;
/** Taken from the simulated minimum share and added to the maximum. */
export const SHARE_MARGIN = 0.02;

interface Simulated {
  maxBalance: number;
  minShare: number;
  maxShare: number;
}

/** bounds-simulation.ts's output, 100,000 trials each, by vnode count (0: rendezvous), then members. */
export const SIMULATED: Readonly<Record<number, Readonly<Record<4 | 5, Simulated>>>> = {
  0: {
    4: { maxBalance: 1.188, minShare: 0.2075, maxShare: 0.297 },
    5: { maxBalance: 1.208, minShare: 0.1615, maxShare: 0.239 },
  },
  16: {
    4: { maxBalance: 2.218, minShare: 0.0595, maxShare: 0.538 },
    5: { maxBalance: 2.252, minShare: 0.0555, maxShare: 0.4505 },
  },
  32: {
    4: { maxBalance: 1.8, minShare: 0.102, maxShare: 0.4485 },
    5: { maxBalance: 1.835, minShare: 0.09, maxShare: 0.367 },
  },
  64: {
    4: { maxBalance: 1.69, minShare: 0.142, maxShare: 0.392 },
    5: { maxBalance: 1.65, minShare: 0.108, maxShare: 0.3155 },
  },
  100: {
    4: { maxBalance: 1.446, minShare: 0.1595, maxShare: 0.359 },
    5: { maxBalance: 1.515, minShare: 0.122, maxShare: 0.2905 },
  },
  128: {
    4: { maxBalance: 1.424, minShare: 0.146, maxShare: 0.352 },
    5: { maxBalance: 1.44, minShare: 0.118, maxShare: 0.278 },
  },
  256: {
    4: { maxBalance: 1.336, minShare: 0.1855, maxShare: 0.325 },
    5: { maxBalance: 1.343, minShare: 0.144, maxShare: 0.268 },
  },
};

/** The bounds for `vnodes` virtual nodes per member (0: rendezvous hashing). */
export function statBounds(vnodes: number): StatBounds {
  const table = SIMULATED[vnodes];
  if (!table) throw new Error(`no simulated bounds for ${vnodes} virtual nodes`);
  const row = (members: number): Simulated => {
    const r = table[members as 4 | 5];
    if (!r) throw new Error(`no simulated bounds for ${members} members`);
    return r;
  };
  return {
    label: vnodes === 0 ? "rendezvous hashing" : `a ${vnodes}-vnode ring`,
    balance: (members) => row(members).maxBalance + BALANCE_MARGIN,
    share: (members) => [
      Math.max(0, row(members).minShare - SHARE_MARGIN),
      row(members).maxShare + SHARE_MARGIN,
    ],
  };
}
