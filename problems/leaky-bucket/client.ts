// How the judge talks leaky_bucket.proto: the service, the limit a plan configures, and its
// Configure request (Allow is the family's: harness/rate-limit/codec.ts).
import { fileURLToPath } from "node:url";
import type { ServiceAddress } from "../../harness/any-node/connections.ts";

export const SERVICE: ServiceAddress = {
  protoPath: fileURLToPath(new URL("./leaky_bucket.proto", import.meta.url)),
  service: "leakybucket.LeakyBucketNode",
  callDeadlineMs: 2000,
};

/** A scenario's limit: each key's queue holds queueSize and drains drainPerSecond. */
export interface QueueLimit {
  drainPerSecond: number;
  queueSize: number;
}

export function configureRequest(limit: QueueLimit, elapsedMs: number): object {
  return {
    drain_per_second: limit.drainPerSecond,
    queue_size: limit.queueSize,
    elapsed_ms: elapsedMs,
  };
}
