// Trying a Cloud Run call again while the API answers UNAVAILABLE: create and delete are not
// retried by the client library (they are not idempotent), and our callers make them so.
import { setTimeout as sleep } from "node:timers/promises";
import { GRPC_CODE, grpcCode } from "./errors.ts";
import { CLOUD_RUN_LIMITS } from "./limits.ts";

export async function retryUnavailable<T>(call: () => Promise<T>): Promise<T> {
  const { unavailableAttemptsMax, unavailableRetryDelayMs } = CLOUD_RUN_LIMITS;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      if (grpcCode(err) !== GRPC_CODE.unavailable || attempt >= unavailableAttemptsMax) throw err;
      await sleep(unavailableRetryDelayMs * 2 ** (attempt - 1));
    }
  }
}
