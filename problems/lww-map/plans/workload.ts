// The clients every LWW map scenario runs: four of them on four keys, puts more often than
// deletes, gets in between, so the same key is written at two nodes within milliseconds and
// a node's gets show what it merged before it writes again.
import type { MapWorkload } from "../workload.ts";

export const MAP_CLIENTS: MapWorkload = {
  clients: 4,
  keys: ["k0", "k1", "k2", "k3"],
  putShare: 0.45,
  deleteShare: 0.15,
  thinkMs: [20, 60],
};
