// The clients every bully scenario runs: three of them, each asking a random node which
// coordinator it names every 50 to 100 ms, so each node is asked several times a second.
import type { PollWorkload } from "../workload.ts";

export const POLL_CLIENTS: PollWorkload = { clients: 3, thinkMs: [50, 100] };

/**
 * The idle wait after the final heal: longer than the convergence bound, so the final polls
 * of every node fall in a stretch where every node must name the highest id.
 */
export const RECOVERY_MS = 3500;
