// What every sharded-kv scenario shares: five nodes, four clients on twelve keys, and the
// members drawn by the seed where a plan needs one.
import { seededRandom } from "../../random.ts";
import type { ShardWorkload } from "../workload.ts";

export const NODES = ["node-0", "node-1", "node-2", "node-3", "node-4"];
/** Most scenarios start with four members; node-4 runs outside until it joins. */
export const FIRST_FOUR = NODES.slice(0, 4);

export const SHARD_CLIENTS: Omit<ShardWorkload, "memberships"> = {
  clients: 4,
  keys: Array.from({ length: 12 }, (_, i) => `k${i}`),
  putShare: 0.5,
  thinkMs: [20, 60],
};

/** `count` distinct nodes of `among`, drawn by the seed for the scenario `name`. */
export function drawNodes(
  seed: number,
  name: string,
  among: readonly string[],
  count: number,
): string[] {
  const random = seededRandom(seed).fork(name);
  const left = [...among];
  return Array.from(
    { length: count },
    () => left.splice(random.int(0, left.length - 1), 1)[0] as string,
  );
}

export const without = (members: readonly string[], node: string): string[] =>
  members.filter((m) => m !== node);
