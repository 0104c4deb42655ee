// How the judge talks sliding_window.proto: the service, the limit a plan configures, and its
// Configure request (Allow is the family's: harness/rate-limit/codec.ts).
import { fileURLToPath } from "node:url";
import type { ServiceAddress } from "../../harness/any-node/connections.ts";

export const SERVICE: ServiceAddress = {
  protoPath: fileURLToPath(new URL("./sliding_window.proto", import.meta.url)),
  service: "slidingwindow.SlidingWindowNode",
  callDeadlineMs: 2000,
};

/** A scenario's limit: at most `limit` allowed requests of a key in any window of windowMs. */
export interface WindowLimit {
  limit: number;
  windowMs: number;
}

export function configureRequest(limit: WindowLimit, elapsedMs: number): object {
  return { limit: limit.limit, window_ms: limit.windowMs, elapsed_ms: elapsedMs };
}
