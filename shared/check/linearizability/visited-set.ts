// The search's memo: every (set of linearized operations, model state) pair already
// explored. An open-addressing table over typed arrays: each slot holds the pair's 32-bit
// key beside its entry number (one cache line per probe), each entry keeps a copy of the
// set's words in one pooled Uint32Array and the state in an array, so a lookup
// allocates nothing and a key collision is resolved exactly.
import { CACHE_SLOTS_INITIAL } from "./limits.ts";
import { mix32 } from "./mix32.ts";

export class VisitedSet<S> {
  /** Slot s: table[2s] the key, table[2s + 1] the entry number + 1 (0: empty). */
  private table = new Int32Array(2 * CACHE_SLOTS_INITIAL);
  private mask = CACHE_SLOTS_INITIAL - 1;
  private pool: Uint32Array;
  private readonly states: S[] = [];
  private count = 0;

  constructor(
    private readonly words: number,
    private readonly equal: ((a: S, b: S) => boolean) | undefined,
  ) {
    this.pool = new Uint32Array((CACHE_SLOTS_INITIAL / 2) * words);
  }

  get size(): number {
    return this.count;
  }

  /** Records (set, state) under `key`; false when the pair was already there. */
  add(key: number, set: Uint32Array, state: S): boolean {
    const table = this.table;
    const words = this.words;
    const pool = this.pool;
    const mask = this.mask;
    let slot = mix32(key) & mask;
    for (;;) {
      const held = table[2 * slot + 1]!;
      if (held === 0) break;
      if (table[2 * slot] === key) {
        const base = (held - 1) * words;
        let w = 0;
        while (w < words && pool[base + w] === set[w]) w++;
        if (w === words) {
          const other = this.states[held - 1]!;
          const eq = this.equal;
          if (eq === undefined ? other === state : eq(other, state)) return false;
        }
      }
      slot = (slot + 1) & mask;
    }
    this.store(slot, key, set, state);
    return true;
  }

  private store(slot: number, key: number, set: Uint32Array, state: S): void {
    const e = this.count++;
    const words = this.words;
    if ((e + 1) * words > this.pool.length) this.growPool();
    const pool = this.pool;
    const base = e * words;
    for (let w = 0; w < words; w++) pool[base + w] = set[w]!;
    this.states.push(state);
    this.table[2 * slot] = key;
    this.table[2 * slot + 1] = e + 1;
    if (this.count * 2 > this.mask + 1) this.growSlots();
  }

  private growPool(): void {
    const pool = new Uint32Array(this.pool.length * 2);
    pool.set(this.pool);
    this.pool = pool;
  }

  private growSlots(): void {
    const old = this.table;
    const table = new Int32Array(old.length * 2);
    const mask = table.length / 2 - 1;
    for (let s = 0; s < old.length; s += 2) {
      if (old[s + 1] === 0) continue;
      let slot = mix32(old[s]!) & mask;
      while (table[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
      table[2 * slot] = old[s]!;
      table[2 * slot + 1] = old[s + 1]!;
    }
    this.table = table;
    this.mask = mask;
  }
}
