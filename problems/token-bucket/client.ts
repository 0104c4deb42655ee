// How the judge talks token_bucket.proto: the service, the limit a plan configures, and its
// Configure request (Allow is the family's: harness/rate-limit/codec.ts).
import { fileURLToPath } from "node:url";
import type { ServiceAddress } from "../../harness/any-node/connections.ts";

export const SERVICE: ServiceAddress = {
  protoPath: fileURLToPath(new URL("./token_bucket.proto", import.meta.url)),
  service: "tokenbucket.TokenBucketNode",
  callDeadlineMs: 2000,
};

/** A scenario's limit: every key's bucket holds `burst` tokens, refilled at the rate. */
export interface BucketLimit {
  burst: number;
  refillPerSecond: number;
}

export function configureRequest(limit: BucketLimit, elapsedMs: number): object {
  return { burst: limit.burst, refill_per_second: limit.refillPerSecond, elapsed_ms: elapsedMs };
}
