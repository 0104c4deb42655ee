// The query of GET /submissions: filters by problem, verdict and status, a page size and the
// cursor of the page before, read with one zod schema (the OpenAPI document reads it too).
// A bad value is a 400 whose sentence names the parameter.
import { z } from "zod";
import type { ListCursor } from "../../shared/domain/listing.ts";
import { OVERALL_VERDICTS, type OverallVerdict } from "../../shared/domain/outcome.ts";
import { PROBLEMS, findProblem } from "../../shared/domain/problems.ts";
import { STATUSES, type SubmissionStatus } from "../../shared/domain/status.ts";
import { ApiError } from "./errors.ts";
import { queryRefusal } from "./request-gate.ts";
import { API_LIMITS } from "./limits.ts";

const LIMIT_MAX = API_LIMITS.submissionsListedMax;

export const submissionsQuerySchema = z.strictObject({
  problem: z
    .string({ error: "problem must be a problem's slug or number, e.g. raft or 1" })
    .min(1, "problem must be a problem's slug or number, e.g. raft or 1")
    .optional()
    .describe("Only submissions to this problem: its slug or number (raft or 1)"),
  verdict: z
    .enum(OVERALL_VERDICTS, { error: `verdict must be one of: ${OVERALL_VERDICTS.join(", ")}` })
    .optional()
    .describe("Only submissions with this overall verdict (so none still in the pipeline)"),
  status: z
    .enum(STATUSES, { error: `status must be one of: ${STATUSES.join(", ")}` })
    .optional()
    .describe("Only submissions in this status"),
  limit: z.coerce
    .number({ error: `limit must be a whole number from 1 to ${LIMIT_MAX}` })
    .int(`limit must be a whole number from 1 to ${LIMIT_MAX}`)
    .min(1, `limit must be a whole number from 1 to ${LIMIT_MAX}`)
    .max(LIMIT_MAX, `limit must be a whole number from 1 to ${LIMIT_MAX}`)
    .optional()
    .describe(`How many submissions at most (default and most: ${LIMIT_MAX})`),
  cursor: z
    .string({ error: "cursor must be the nextCursor of an earlier page, as it came" })
    .optional()
    .describe("The nextCursor of the page before: the page after it"),
});

/** The store's query for a request's query string. */
export interface SubmissionsQuery {
  problem?: string;
  verdict?: OverallVerdict;
  statuses?: SubmissionStatus[];
  after?: ListCursor;
  limit: number;
}

export function parseSubmissionsQuery(raw: unknown): SubmissionsQuery {
  const parsed = submissionsQuerySchema.safeParse(raw);
  if (!parsed.success) throw queryRefusal(submissionsQuerySchema, parsed.error);
  const q = parsed.data;
  const query: SubmissionsQuery = { limit: q.limit ?? LIMIT_MAX };
  if (q.problem !== undefined) {
    const problem = findProblem(q.problem);
    if (!problem) {
      const known = PROBLEMS.map((p) => p.slug).join(", ");
      const issue = `problem: no problem "${q.problem}"; known: ${known}`;
      throw new ApiError(400, `bad query: ${issue}`, [issue]);
    }
    query.problem = problem.slug;
  }
  if (q.verdict !== undefined) query.verdict = q.verdict;
  if (q.status !== undefined) query.statuses = [q.status];
  if (q.cursor !== undefined) query.after = decodeCursor(q.cursor);
  return query;
}

/** The opaque form of a cursor: base64url of [createdAt, id]. */
export function encodeCursor(c: ListCursor): string {
  return Buffer.from(JSON.stringify([c.createdAt, c.id])).toString("base64url");
}

function decodeCursor(text: string): ListCursor {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    value = undefined;
  }
  if (
    Array.isArray(value) &&
    value.length === 2 &&
    Number.isFinite(value[0]) &&
    typeof value[1] === "string"
  ) {
    return { createdAt: value[0] as number, id: value[1] };
  }
  const issue = "cursor: not a cursor of this list; pass an earlier page's nextCursor as it came";
  throw new ApiError(400, `bad query: ${issue}`, [issue]);
}
