// A claim says which delivery of which event is doing a step's work on a submission, so a
// duplicate event does not start the same work twice (a second build, a second cluster, a
// scenario run twice at once). The holder is the message id: a redelivery of the same
// message (the judge died mid-step) takes its work back at once; any other delivery finds
// the claim and leaves, unless the claim has expired because its holder stopped renewing it.

export interface Claim {
  /** "build", "deploy", "scenario:3": the unit of work. */
  step: string;
  /** The message id of the delivery doing it. */
  holder: string;
  expiresAtMs: number;
}

/** The claimed units of work: the build, the deploy, and each scenario. */
export const BUILD_STEP = "build";
export const DEPLOY_STEP = "deploy";

export function scenarioStep(index: number): string {
  return `scenario:${index}`;
}

/** True when someone else holds a live claim on this step. */
export function claimedByOther(
  current: Claim | undefined,
  step: string,
  holder: string,
  nowMs: number,
): boolean {
  return (
    current !== undefined &&
    current.step === step &&
    current.holder !== holder &&
    current.expiresAtMs > nowMs
  );
}

/** True when this step's claim is held by someone, live or not. */
export function claimedStep(current: Claim | undefined, step: string, nowMs: number): boolean {
  return current !== undefined && current.step === step && current.expiresAtMs > nowMs;
}
