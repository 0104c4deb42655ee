// The API's routes as one table: each with its path and query parameters, its body and every
// response it gives, as the zod schemas the code uses. The app checks each request's
// parameters against it (request-gate.ts), a route missing from it cannot be registered
// (documented-router.ts), and the OpenAPI document is generated from it (openapi.ts).
import { z } from "zod";
import { API_LIMITS } from "./limits.ts";
import { submissionsQuerySchema } from "./submissions-query.ts";
import { LANGUAGES } from "../../languages/registry.ts";
import { PROBLEMS } from "../../shared/domain/problems.ts";
import {
  acceptedSchema,
  endSchema,
  errorSchema,
  evidenceFileSchema,
  listingsSchema,
  messageWindowSchema,
  openApiSchema,
  problemDetailSchema,
  problemListSchema,
  progressSchema,
  storedResultSchema,
  submissionRequestSchema,
  submissionSchema,
  teardownRequestedSchema,
  templateSchema,
  testsSchema,
  tornDownSchema,
} from "./schemas.ts";

export type Method = "get" | "post";

export interface ResponseDoc {
  description: string;
  /** Media type → the body's schema; none for a body-less answer. */
  content?: Record<string, z.ZodType>;
  /** Every header listed is sent, unless `required: false`. */
  headers?: Record<string, { description: string; schema: z.ZodType; required?: boolean }>;
  /** text/event-stream only: each event's name and the schema of its JSON data. */
  events?: Record<string, z.ZodType>;
}

export interface RouteDoc {
  method: Method;
  /** The OpenAPI path under the API's base, with {name} parameters. */
  path: string;
  summary: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** An application/json request body. */
  body?: z.ZodType;
  /** The route asks who is calling, so it may answer 401 (in the cloud). */
  identifies: boolean;
  responses: Record<number, ResponseDoc>;
}

const json = (schema: z.ZodType) => ({ "application/json": schema });
const error = (description: string, headers?: ResponseDoc["headers"]): ResponseDoc => ({
  description,
  content: json(errorSchema),
  ...(headers ? { headers } : {}),
});

// Path parameters. A value these refuse names nothing: the answer is 404 with the message.
const problemId = z.string().describe(`The problem's number (1 to ${PROBLEMS.length}) or slug`);
const submissionId = z.string().describe("The submission's id");
const index = z.coerce
  .number({ error: "the scenario index is a whole number from 0" })
  .int({ error: "the scenario index is a whole number from 0" })
  .min(0, { error: "the scenario index is a whole number from 0" })
  .describe("The scenario's position in the submission's scenario list");
const FILE_KINDS = ["history", "faults", "report", "counterexample"] as const;
const known = ["messages", ...FILE_KINDS, "logs/<node>"].join(", ");

const problemParams = z.object({ id: problemId });
const templateParams = z.object({
  id: problemId,
  language: z.enum(LANGUAGES, {
    error: (issue) => `no language "${String(issue.input)}"; languages: ${LANGUAGES.join(", ")}`,
  }),
});
const submissionParams = z.object({ id: submissionId });
const resultParams = z.object({ id: submissionId, index });
const fileParams = resultParams.extend({
  kind: z.enum(FILE_KINDS, {
    error: (issue) => `no evidence "${String(issue.input)}" (kinds: ${known})`,
  }),
});
const logParams = resultParams.extend({
  node: z.string().describe('A node\'s id, e.g. "node-0"'),
});

// Query parameters. A value these refuse is a 400 with the message.
const epochMs = (name: string, what: string) =>
  z.coerce
    .number({ error: `${name} must be a time in epoch milliseconds` })
    .optional()
    .describe(`The window's ${what}, epoch ms (the history's originMs plus an offset)`);
const wholeNumber = (name: string, what: string) =>
  z.coerce
    .number({ error: `${name} must be a whole number` })
    .int()
    .min(0)
    .optional()
    .describe(what);
const windowQuery = z.object({
  fromMs: epochMs("fromMs", "start"),
  toMs: epochMs("toMs", "end"),
  offset: wholeNumber("offset", "Messages of the window to skip: the page before's nextOffset"),
  limit: wholeNumber(
    "limit",
    `Messages at most (default and most ${API_LIMITS.messagesPerWindowMax}; a page also stops at ${API_LIMITS.messagePageBytesMax / 2 ** 20} MiB)`,
  ),
});
const logQuery = z.object({
  offset: wholeNumber("offset", "The byte to start at: the page before's X-Next-Offset"),
  limit: wholeNumber(
    "limit",
    `Bytes at most (default and most ${API_LIMITS.logPageBytesMax / 2 ** 20} MiB); a page ends at a line's end`,
  ),
});

const noSubmission = error("No such submission (or not the caller's)");

export const ROUTES: readonly RouteDoc[] = [
  {
    method: "get",
    path: "/openapi.json",
    summary: "This document, generated from the API's zod schemas",
    identifies: false,
    responses: { 200: { description: "OpenAPI 3.1", content: json(openApiSchema) } },
  },
  {
    method: "get",
    path: "/problems",
    summary: `The ${PROBLEMS.length} problems, with difficulty, a one-line description and their languages`,
    identifies: false,
    responses: { 200: { description: "The catalogue", content: json(problemListSchema) } },
  },
  {
    method: "get",
    path: "/problems/{id}",
    summary: "One problem with its statement and scenarios",
    params: problemParams,
    identifies: false,
    responses: {
      200: { description: "The problem", content: json(problemDetailSchema) },
      404: error("No such problem"),
    },
  },
  {
    method: "get",
    path: "/problems/{id}/template/{language}",
    summary: "The starter files for a language",
    params: templateParams,
    identifies: false,
    responses: {
      200: { description: "The files", content: json(templateSchema) },
      404: error("No such problem or language, or no template for it yet"),
    },
  },
  {
    method: "post",
    path: "/submissions",
    summary: "Submit code to be judged",
    body: submissionRequestSchema,
    identifies: true,
    responses: {
      202: {
        description: "Accepted and queued",
        content: json(acceptedSchema),
        headers: { Location: { description: "The submission's URL", schema: z.string() } },
      },
      400: error(
        "Refused: malformed JSON, unknown problem or language, files too large or too many, paths leaving the folder or clashing, binary content, unknown scenarios; `issues` lists every problem found",
      ),
      413: error("The body is larger than any valid submission"),
      415: error("Not sent as application/json"),
      429: error("More submissions in an hour than the caller may make; nothing was stored", {
        "Retry-After": {
          description: "Seconds until one more submission fits",
          schema: z.number().int(),
        },
      }),
    },
  },
  {
    method: "get",
    path: "/submissions",
    summary: "Submissions, newest first, a page at a time, filtered by problem, verdict or status",
    query: submissionsQuerySchema,
    identifies: true,
    responses: {
      200: { description: "A page of submissions", content: json(listingsSchema) },
      400: error("A bad or unknown query parameter, named"),
    },
  },
  {
    method: "get",
    path: "/submissions/{id}",
    summary: "A submission's state, without its files",
    params: submissionParams,
    identifies: true,
    responses: {
      200: { description: "The submission", content: json(submissionSchema) },
      404: noSubmission,
    },
  },
  {
    method: "get",
    path: "/submissions/{id}/tests",
    summary: "The scenario results stored so far",
    params: submissionParams,
    identifies: true,
    responses: {
      200: { description: "Results", content: json(testsSchema) },
      404: noSubmission,
    },
  },
  {
    method: "post",
    path: "/submissions/{id}/teardown",
    summary: "Stop the submission's cluster (publishes the teardown event)",
    params: submissionParams,
    identifies: true,
    responses: {
      202: { description: "Teardown requested", content: json(teardownRequestedSchema) },
      200: { description: "The cluster is gone already", content: json(tornDownSchema) },
      404: noSubmission,
    },
  },
  {
    method: "get",
    path: "/submissions/{id}/events",
    summary:
      "Server-sent events of one submission: `submission` at each change, `result` as each is stored, `progress` of the running scenario, then `end` once it is finished (an outcome, and its cluster gone if it had one), after which the stream closes",
    params: submissionParams,
    identifies: true,
    responses: {
      200: {
        description: "An event stream; each event's data is JSON (x-events names its schema)",
        content: { "text/event-stream": z.string() },
        events: {
          submission: submissionSchema,
          result: storedResultSchema,
          progress: progressSchema,
          end: endSchema,
        },
      },
      404: noSubmission,
      429: error(
        `${API_LIMITS.eventStreamsMax} event streams are open already; retry after a while`,
        {
          "Retry-After": { description: "Seconds to wait", schema: z.number().int() },
        },
      ),
    },
  },
  {
    method: "get",
    path: "/submissions/{id}/tests/{index}/evidence/messages",
    summary: "The messages that started in a time window, for the message diagram",
    params: resultParams,
    query: windowQuery,
    identifies: true,
    responses: {
      200: { description: "The window", content: json(messageWindowSchema) },
      400: error("fromMs or toMs is not a time, or offset or limit not a whole number"),
      404: error("No such submission, result or evidence"),
    },
  },
  {
    method: "get",
    path: "/submissions/{id}/tests/{index}/evidence/{kind}",
    summary:
      "One scenario's evidence file: history and faults (JSON), report and counterexample (HTML, sandboxed by Content-Security-Policy)",
    params: fileParams,
    identifies: true,
    responses: {
      200: {
        description: "The file",
        content: { ...json(evidenceFileSchema), "text/html": z.string() },
      },
      404: error("No such submission, result or evidence"),
    },
  },
  {
    method: "get",
    path: "/submissions/{id}/tests/{index}/evidence/logs/{node}",
    summary: "One node's log during the scenario, a page at a time",
    params: logParams,
    query: logQuery,
    identifies: true,
    responses: {
      200: {
        description: "A page of the log",
        content: { "text/plain": z.string() },
        headers: {
          "X-Total-Bytes": { description: "The log's size in bytes", schema: z.number().int() },
          "X-Next-Offset": {
            description: "The next page's offset; absent on the last page",
            schema: z.number().int(),
            required: false,
          },
        },
      },
      400: error("offset or limit is not a whole number, or limit is over the most"),
      404: error("No such submission, result or node"),
    },
  },
];
