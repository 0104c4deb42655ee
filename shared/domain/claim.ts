// A claim says which delivery of which event is doing a step's work on a submission, so a
// duplicate event does not start the same work twice (a second build, a second cluster, a
// scenario run twice at once). A later attempt of the same message (the judge died
// mid-step, or the function timed out) takes the work back at once; any other delivery,
// a second copy of the same attempt included (Pub/Sub may deliver one message twice at
// once), finds the claim and leaves, unless it has expired because nobody renewed it.

/** One execution of one delivery. */
export interface ClaimHolder {
  /** The delivery's message id. */
  holder: string;
  /** Its attempt: 1 for the first delivery of the message. */
  attempt: number;
  /** Unique to this execution, so two copies of one attempt are told apart. */
  token: string;
}

export interface Claim extends ClaimHolder {
  /** "build", "deploy", "scenario:3": the unit of work. */
  step: string;
  expiresAtMs: number;
}

/** The claimed units of work: the build, the deploy, and each scenario. */
export const BUILD_STEP = "build";
export const DEPLOY_STEP = "deploy";

export function scenarioStep(index: number): string {
  return `scenario:${index}`;
}

/** True when someone else holds a live claim on this step that `me` may not take over. */
export function claimedByOther(
  current: Claim | undefined,
  step: string,
  me: ClaimHolder,
  nowMs: number,
): boolean {
  if (current === undefined || current.step !== step || current.expiresAtMs <= nowMs) return false;
  if (current.token === me.token) return false;
  const laterAttempt = current.holder === me.holder && me.attempt > current.attempt;
  return !laterAttempt;
}

/** True when this step's claim is held by someone, live or not. */
export function claimedStep(current: Claim | undefined, step: string, nowMs: number): boolean {
  return current !== undefined && current.step === step && current.expiresAtMs > nowMs;
}
