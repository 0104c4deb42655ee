// The clients every Gossip Broadcast scenario runs: four of them, half broadcasting a new
// value, half reading, so every node takes values and every node's reads are watched.
import type { BroadcastWorkload } from "../workload.ts";

export const BROADCAST_CLIENTS: BroadcastWorkload = {
  clients: 4,
  broadcastShare: 0.5,
  thinkMs: [20, 60],
};
