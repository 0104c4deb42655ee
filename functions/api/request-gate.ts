// Checks each request's path and query parameters against its route's schemas in the table
// (openapi-routes.ts) before any handler runs: a path parameter the schema refuses names
// nothing (404), a bad query parameter is the caller's mistake (400). Each answer gives the
// schema's own message. Requests no documented route matches go on to the 404 fallback.
import type { RequestHandler } from "express";
import type { z } from "zod";
import { ApiError } from "./errors.ts";
import { matchRoute } from "./openapi-match.ts";

function refusal(status: number, error: z.ZodError): ApiError {
  const messages = error.issues.map((i) => i.message);
  return new ApiError(status, messages.join("; "));
}

/** A bad query as the route would say it: "bad query: " and one sentence per issue. */
export function queryRefusal(schema: z.ZodObject, error: z.ZodError): ApiError {
  const issues = error.issues.map((issue) => {
    if (issue.code !== "unrecognized_keys") return issue.message;
    const known = Object.keys(schema.shape).join(", ");
    return issue.keys.map((k) => `${k}: not a parameter here; known: ${known}`).join("; ");
  });
  return new ApiError(400, `bad query: ${issues.join("; ")}`, issues);
}

export const requestGate: RequestHandler = (req, _res, next) => {
  const match = matchRoute(req.method, req.path);
  if (match?.route.params) {
    const parsed = match.route.params.safeParse(match.params);
    if (!parsed.success) throw refusal(404, parsed.error);
  }
  if (match?.route.query) {
    const parsed = match.route.query.safeParse(req.query);
    if (!parsed.success) throw queryRefusal(match.route.query, parsed.error);
  }
  next();
};
