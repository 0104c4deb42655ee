// The clients every OR-Set scenario runs: four of them on four elements, adds a little more
// often than removes, so the same element is added at one node while removed at another.
import type { SetWorkload } from "../workload.ts";

export const SET_CLIENTS: SetWorkload = {
  clients: 4,
  elements: ["a", "b", "c", "d"],
  addShare: 0.4,
  removeShare: 0.3,
  thinkMs: [20, 60],
};
