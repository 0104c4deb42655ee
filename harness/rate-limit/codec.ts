// How the judge sends Allow: every rate limiter's proto has the same request and answer
// (key, request_id → allowed). A request's id is its client's identity and sequence: a retry
// of it repeats the id, a new request never does.
import type { OpCodec } from "../any-node/run-op.ts";
import type { AllowOp } from "./operation.ts";

export interface AllowReply {
  allowed?: boolean;
}

export const ALLOW_CODEC: OpCodec<AllowOp, AllowReply> = {
  method: () => "Allow",
  request: (op, clientId) => ({ key: op.key, request_id: `${clientId}-${op.sequence}` }),
  answered(op, res) {
    op.output = res?.allowed ?? false;
  },
};
