// Errors the API answers with: a status, a sentence a person can act on, and for refused
// submissions the list of every problem found. Anything else is a 500 with its message.
import type { ErrorRequestHandler } from "express";
import { SubmissionInputError } from "../../shared/domain/submission.ts";
import { RateLimitedError } from "../submit/accept.ts";
import { API_LIMITS } from "./limits.ts";
import { UnauthenticatedError } from "./ports.ts";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues: string[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export interface ErrorBody {
  error: string;
  issues?: string[];
}

/** The body-parser errors express raises, told apart by their `type`. */
interface BodyParserError {
  type?: string;
  status?: number;
  message: string;
}

function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof UnauthenticatedError) return new ApiError(401, err.message);
  if (err instanceof SubmissionInputError) {
    return new ApiError(400, "the submission was refused", err.issues);
  }
  if (err instanceof RateLimitedError) {
    const seconds = String(Math.ceil(err.retryAfterMs / 1000));
    return new ApiError(429, err.message, [], { "Retry-After": seconds });
  }
  // The router decodes path parameters: `%zz` or a lone `%` cannot be decoded.
  if (err instanceof URIError) {
    return new ApiError(400, `the path is not valid percent-encoding: ${err.message}`);
  }
  const parser = err as BodyParserError;
  if (parser.type === "entity.parse.failed") {
    return new ApiError(400, `the body is not valid JSON: ${parser.message}`);
  }
  if (parser.type === "entity.too.large") {
    return new ApiError(
      413,
      `the body is larger than ${API_LIMITS.bodyBytesMax} bytes; no submission can be that large`,
    );
  }
  if (parser.type && parser.status && parser.status < 500) {
    return new ApiError(parser.status, parser.message);
  }
  return new ApiError(500, `internal error: ${(err as Error)?.message ?? String(err)}`);
}

export const errorHandler: ErrorRequestHandler = (err, _req, res, _next) => {
  const apiError = toApiError(err);
  const body: ErrorBody = { error: apiError.message };
  if (apiError.issues.length) body.issues = apiError.issues;
  res.status(apiError.status).set(apiError.headers).json(body);
};
