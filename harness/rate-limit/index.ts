// The rate limiters' family (token bucket, leaky bucket, fixed window, sliding window): what
// the four problems share. A problem uses it so:
// - judge.ts: `rateLimitJudge({ service, configureRequest(limit, elapsedMs), checks, model })`,
//   where `service` names the problem's proto (its client RPCs are Configure and Allow, Allow
//   being `{ key, request_id } → { allowed }`), `configureRequest` builds Configure from the
//   plan's `workload.limit` (elapsed_ms: how long ago on the judge's clock the limiter's
//   time 0 was; configure.ts), and the judge configures every node before any request and
//   again after a node starts anew, keeping a `RateRecord` as the run's problemRecord.
// - plans: `ScenarioPlan<RateWorkload<Limit>>` (workload.ts): the limit, streams of clients
//   on one key (`steady: true` marks the stretch the over-denial check judges) and bursts
//   (optionally once every node is configured, lined up with time 0 + k·W + phase·W).
//   plan-blocks.ts has the shapes the scenarios share; scenarios.ts the scenarios every
//   limiter runs alike (steady, hot_key, partition, clock_skew), given its limit.
// - checks: `overAdmissionCheck(run => RunBound | reason)` with the algorithm's bound
//   `(t1, t2) => most allowed requests wholly inside [t1, t2]` (window-search.ts argues why
//   that is sound and exhaustive), and `overDenialCheck({ minShare, settleMs, minRequests })`.
//   `rateRecordOf(run)` and `placementSpreadMs` give a bound the configured time 0.
// - reference tests: tests/support/rate-limit/simulation.ts
//   drives a reference's node logic over a seeded simulated network with the scenarios'
//   faults and returns a run the checks read (problems/token-bucket/tests/reference.test.ts,
//   mutants-simulated.test.ts); tests/support/rate-limit/local-cluster.ts serves three nodes over gRPC in
//   the test's process (reference-grpc.test.ts).
export { ALLOW_CODEC, type AllowReply } from "./codec.ts";
export {
  Configurator,
  placementSpreadMs,
  rateRecordOf,
  type ConfigureAttempt,
  type ConfigureCall,
  type RateRecord,
} from "./configure.ts";
export { rateLimitJudge, type RateLimitProblem } from "./judge.ts";
export { allowedByKey, wasAllowed, type AllowOp } from "./operation.ts";
export { OVER_ADMISSION, overAdmissionCheck, type RunBound } from "./over-admission-check.ts";
export { OVER_DENIAL, overDenialCheck, type OverDenialLimits } from "./over-denial-check.ts";
export {
  findOverAdmission,
  type OverAdmission,
  type Span,
  type WindowBound,
} from "./window-search.ts";
export {
  alignedMs,
  OP_BUDGET_MS,
  startRateClients,
  type ConfigureState,
  type RateBurst,
  type RateStream,
  type RateWorkload,
} from "./workload.ts";
export { burst, peakRatePerSecond, saturating, steady } from "./plan-blocks.ts";
export {
  clockSkewScenario,
  hotKeyScenario,
  partitionScenario,
  steadyScenario,
  type SteadyShape,
} from "./scenarios.ts";
