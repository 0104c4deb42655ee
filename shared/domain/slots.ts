// How many submissions the local platform judges at once (K), and who goes next when more
// wait: each user's submissions in the order they came, users taking turns. Pure.

/** A submission waiting for a slot. */
export interface Waiting {
  id: string;
  /** Who submitted it (one key for everyone when there are no accounts). */
  owner: string;
  createdAt: number;
}

/** A submission that holds a slot now, or was given one since the oldest waiting one came. */
export interface Served {
  owner: string;
  /** Holds a slot now (building, deploying, testing, or its cluster not torn down yet). */
  running: boolean;
  /** When it was given its slot (its building stage time). */
  admittedAt: number;
}

/**
 * The waiting submissions in the order they get slots. A user's load is what they hold now
 * plus what they were given since the oldest waiting submission came; the next slot goes to
 * the user with the least load (the one waiting longest on a tie), to their oldest
 * submission. So a user never passes their own earlier submission, and one who sends fifty
 * at once gets every other turn, not the next fifty.
 */
export function fairOrder(waiting: readonly Waiting[], served: readonly Served[]): string[] {
  if (waiting.length === 0) return [];
  const since = Math.min(...waiting.map((w) => w.createdAt));
  const queues = new Map<string, Waiting[]>();
  for (const w of [...waiting].sort(byArrival)) {
    const queue = queues.get(w.owner) ?? [];
    queue.push(w);
    queues.set(w.owner, queue);
  }
  const load = new Map<string, number>();
  for (const s of served) {
    if (s.running || s.admittedAt >= since) load.set(s.owner, (load.get(s.owner) ?? 0) + 1);
  }
  const order: string[] = [];
  while (queues.size > 0) {
    let best: string | null = null;
    for (const [owner, queue] of queues) {
      if (best === null) {
        best = owner;
        continue;
      }
      const diff = (load.get(owner) ?? 0) - (load.get(best) ?? 0);
      if (diff < 0 || (diff === 0 && byArrival(queue[0]!, queues.get(best)![0]!) < 0)) {
        best = owner;
      }
    }
    const queue = queues.get(best!)!;
    order.push(queue.shift()!.id);
    load.set(best!, (load.get(best!) ?? 0) + 1);
    if (queue.length === 0) queues.delete(best!);
  }
  return order;
}

function byArrival(a: Waiting, b: Waiting): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * What one judged submission may take of the machine: a cluster of up to five nodes at their
 * memory bound, and its chaos agents, clients and checker beside them.
 */
export const SLOT_LIMITS = {
  /** One core per cluster: the scenarios' timing bounds assume their nodes are not starved. */
  coresPerSlot: 1,
  /** 5 nodes × 512 MiB (their cgroup bound) and 512 MiB for the agents and the checker. */
  bytesPerSlot: 3 * 2 ** 30,
  /** The most a machine is given, whatever its size (and the most an override may ask). */
  slotsMax: 64,
} as const;

export interface MachineSlots {
  slots: number;
  /** How they were counted, for the log line. */
  why: string;
}

/** K from the machine: one per core, as many as its memory holds, at least one. */
export function machineSlots(cores: number, memoryBytes: number): MachineSlots {
  const byCores = Math.floor(cores / SLOT_LIMITS.coresPerSlot);
  const byMemory = Math.floor(memoryBytes / SLOT_LIMITS.bytesPerSlot);
  const slots = Math.max(1, Math.min(byCores, byMemory, SLOT_LIMITS.slotsMax));
  const gib = (memoryBytes / 2 ** 30).toFixed(1);
  return { slots, why: `${cores} cores and ${gib} GiB of memory allow ${byCores} and ${byMemory}` };
}
