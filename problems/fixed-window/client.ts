// How the judge talks fixed_window.proto: the service, the limit a plan configures, and its
// Configure request (Allow is the family's: harness/rate-limit/codec.ts).
import { fileURLToPath } from "node:url";
import type { ServiceAddress } from "../../harness/any-node/connections.ts";

export const SERVICE: ServiceAddress = {
  protoPath: fileURLToPath(new URL("./fixed_window.proto", import.meta.url)),
  service: "fixedwindow.FixedWindowNode",
  callDeadlineMs: 2000,
};

/** A scenario's limit: at most `limit` requests per key in each window of windowMs. */
export interface WindowLimit {
  limit: number;
  windowMs: number;
}

export function configureRequest(limit: WindowLimit, elapsedMs: number): object {
  return { limit: limit.limit, window_ms: limit.windowMs, elapsed_ms: elapsedMs };
}
