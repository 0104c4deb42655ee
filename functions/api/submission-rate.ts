// How many submissions one caller may make per hour, from the environment: the local server
// and the cloud api read the same variable. Unset: the default (shared/domain/limits.ts);
// "off": no limit; anything else must be a whole number of at least 1.
import { RATE_LIMITS } from "../../shared/domain/limits.ts";
import type { RateRule } from "../../shared/domain/rate.ts";

export const SUBMISSION_RATE_ENV = "CLUSTERJUDGE_SUBMISSIONS_PER_HOUR";

const HOUR_MS = 3600_000;

export class SubmissionRateEnvError extends Error {
  constructor(value: string) {
    super(`${SUBMISSION_RATE_ENV} must be a whole number of at least 1, or "off", not "${value}"`);
    this.name = "SubmissionRateEnvError";
  }
}

export function submissionRateFromEnv(env: NodeJS.ProcessEnv): RateRule | undefined {
  const value = env[SUBMISSION_RATE_ENV]?.trim();
  if (value === undefined || value === "") {
    return { limit: RATE_LIMITS.submissionsPerHour, windowMs: HOUR_MS };
  }
  if (value === "off") return undefined;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1) throw new SubmissionRateEnvError(value);
  return { limit, windowMs: HOUR_MS };
}
