// Every body the API takes or answers, as zod schemas: the request body is parsed with its
// schema, and each response schema is checked at compile time against the type the route
// sends (SameType, below each one). The OpenAPI document (openapi.ts) is generated from
// these, so the document cannot drift from the code. A field added to a domain type fails
// `tsc` at its check until the schema here names it too.
import { z } from "zod";
import { diagnosticSchema } from "../../shared/domain/build.ts";
import { SUBMISSION_LIMITS } from "../../shared/domain/limits.ts";
import type { SubmissionOutcome } from "../../shared/domain/outcome.ts";
import { OVERALL_VERDICTS } from "../../shared/domain/outcome.ts";
import { ENTRY_FILES, LANGUAGES } from "../../languages/registry.ts";
import type { Difficulty } from "../../shared/domain/problems.ts";
import type { ScenarioResult } from "../../shared/domain/result.ts";
import { STATUSES } from "../../shared/domain/status.ts";
import type { ClusterRecord, SubmissionError } from "../../shared/domain/submission.ts";
import type { MessageRecord } from "../../shared/ports/cluster.ts";
import type { ProgressRecord } from "../../shared/ports/store.ts";
import type { MessagePage } from "./evidence-pages.ts";
import type { ErrorBody } from "./errors.ts";
import type { PublicListing, PublicResult, PublicSubmission } from "./public-view.ts";
import type { SameType } from "./same-type.ts";

/** The schemas the document names under components/schemas, by their name there. */
export const apiSchemas = z.registry<{ id: string }>();

function named<S extends z.ZodType>(id: string, schema: S): S {
  apiSchemas.add(schema as z.ZodType, { id });
  return schema;
}

/** Compile-time only: `true` is assignable exactly when the two types match. */
function matches<T extends true>(_: T): void {}

export const errorSchema = named(
  "Error",
  z.object({
    error: z.string().describe("What went wrong, in a sentence a person can act on"),
    issues: z
      .array(z.string())
      .optional()
      .describe(
        `Every problem found, one sentence each (at most ${SUBMISSION_LIMITS.issuesShownMax}, then how many more)`,
      ),
  }),
);
matches<SameType<ErrorBody, z.infer<typeof errorSchema>>>(true);

export const statusSchema = named("Status", z.enum(STATUSES));
export const languageSchema = named("Language", z.enum(LANGUAGES));

const filesDescription =
  `Relative path → UTF-8 text. At most ${SUBMISSION_LIMITS.filesMax} files, ` +
  `${SUBMISSION_LIMITS.fileBytesMax / 1024} KiB each, ` +
  `${SUBMISSION_LIMITS.totalBytesMax / 1024} KiB in all (shared/domain/limits.ts)`;
export const filesSchema = named(
  "Files",
  z.record(z.string(), z.string()).describe(filesDescription),
);

// Problems

const difficultySchema = z.enum(["Medium", "Medium-Hard", "Hard"]);
matches<SameType<Difficulty, z.infer<typeof difficultySchema>>>(true);

export const problemSchema = named(
  "Problem",
  z.object({
    id: z.number().int(),
    slug: z.string(),
    title: z.string(),
    difficulty: difficultySchema,
    nodeCount: z.number().int(),
    description: z.string().describe("What the judge checks, in one line"),
    languages: z.array(languageSchema),
  }),
);
export type ProblemBody = z.infer<typeof problemSchema>;

export const problemListSchema = named(
  "ProblemList",
  z.object({ problems: z.array(problemSchema) }),
);
export type ProblemListBody = z.infer<typeof problemListSchema>;

export const problemDetailSchema = named(
  "ProblemDetail",
  problemSchema.extend({
    statement: z.string().nullable().describe("Markdown; null when the problem has none yet"),
    scenarios: z.array(z.object({ name: z.string(), description: z.string() })),
  }),
);
export type ProblemDetailBody = z.infer<typeof problemDetailSchema>;

export const templateSchema = named(
  "Template",
  z.object({ problemId: z.number().int(), language: languageSchema, files: filesSchema }),
);
export type TemplateBody = z.infer<typeof templateSchema>;

// Submitting

const entryFiles = Object.entries(ENTRY_FILES)
  .map(([language, file]) => `${file} for ${language}`)
  .join(", ");

/**
 * POST /submissions, as parsed (submission-request.ts). It reads only the API's own fields;
 * the domain checks the problem, language, files, scenarios and seed, with its own messages.
 */
export const submissionRequestSchema = named(
  "SubmissionRequest",
  z.strictObject({
    problemId: z
      .number({ error: "problemId must be a problem's number, e.g. 1 for Raft" })
      .int()
      .describe("The problem's number"),
    language: z
      .string({ error: "language is required, e.g. python" })
      .describe(`One of: ${LANGUAGES.join(", ")}`),
    files: z
      .record(z.string(), z.string({ error: "file contents must be text" }))
      .optional()
      .describe(`${filesDescription}. Send files or code, not both`),
    code: z
      .string({ error: "code must be text" })
      .optional()
      .describe(`Instead of files: the text of the entry file (${entryFiles})`),
    scenarios: z
      .array(z.string())
      .optional()
      .describe(
        `A subset to run, in this order (at most ${SUBMISSION_LIMITS.scenariosMax}); all when absent`,
      ),
    seed: z.number().optional().describe("A whole number from 0 to 2³¹−1; random when absent"),
  }),
);

export const acceptedSchema = named(
  "Accepted",
  z.object({
    id: z.string(),
    status: statusSchema,
    seed: z.number().int(),
    scenarios: z.array(z.string()),
    links: z.object({ self: z.string(), tests: z.string(), events: z.string() }),
  }),
);
export type AcceptedBody = z.infer<typeof acceptedSchema>;

// Submissions

export const outcomeSchema = named(
  "Outcome",
  z.object({
    verdict: z.enum(OVERALL_VERDICTS),
    passed: z.number().int(),
    total: z.number().int(),
    firstFailure: z.object({ scenario: z.string(), reason: z.string() }).optional(),
  }),
);
matches<SameType<SubmissionOutcome, z.infer<typeof outcomeSchema>>>(true);

const clusterSchema = named(
  "Cluster",
  z.object({
    clusterId: z.string(),
    nodes: z.array(z.object({ id: z.string(), clientAddress: z.string() })),
    sandbox: z.array(z.object({ step: z.string(), applied: z.boolean(), detail: z.string() })),
    deploys: z.number().int(),
    deployedAtMs: z.number(),
  }),
);
matches<SameType<ClusterRecord, z.infer<typeof clusterSchema>>>(true);

const submissionErrorSchema = named(
  "SubmissionError",
  z.object({
    stage: z.enum(["build", "deploy", "pipeline"]),
    message: z.string(),
    diagnostics: z.array(named("Diagnostic", diagnosticSchema)).optional(),
    log: z.array(z.string()).optional(),
  }),
);
matches<SameType<SubmissionError, z.infer<typeof submissionErrorSchema>>>(true);

/** The fields a listing shows; a submission shows these and more. */
const listedFields = {
  id: z.string(),
  problemId: z.number().int(),
  problem: z.string().describe("The problem's slug"),
  language: languageSchema,
  seed: z.number().int(),
  scenarios: z.array(z.string()).describe("The scenarios to run, in order"),
  status: statusSchema,
  outcome: outcomeSchema
    .optional()
    .describe("The overall verdict, once the status is terminal (shared/domain/outcome.ts)"),
  createdAt: z.number().describe("Epoch ms"),
  updatedAt: z.number().describe("Epoch ms"),
  stageTimes: z
    .partialRecord(statusSchema, z.number())
    .describe("When the submission entered each status it has been in (epoch ms)"),
  cluster: clusterSchema.optional(),
  tornDownAt: z.number().optional().describe("When the cluster was torn down (epoch ms)"),
  tornDownReason: z
    .string()
    .optional()
    .describe('Why: "after the verdict", "the deploy failed", "idle for 31 min"…'),
  ownerId: z.string().optional().describe("In the cloud: the Firebase uid of who submitted it"),
};

export const listingSchema = named(
  "SubmissionListing",
  z
    .object(listedFields)
    .describe("A submission as lists show it: no files, build log or error (read one for those)"),
);
matches<SameType<PublicListing, z.infer<typeof listingSchema>>>(true);

export const listingsSchema = named(
  "SubmissionList",
  z.object({
    submissions: z.array(listingSchema).describe("Newest first"),
    nextCursor: z
      .string()
      .nullable()
      .describe("The `cursor` of the next page; null on the last page"),
  }),
);
export type ListingsBody = z.infer<typeof listingsSchema>;

export const submissionSchema = named(
  "Submission",
  z
    .object({
      ...listedFields,
      error: submissionErrorSchema.optional(),
      build: z.object({ log: z.array(z.string()) }).optional(),
    })
    .describe("A submission without its files"),
);
matches<SameType<PublicSubmission, z.infer<typeof submissionSchema>>>(true);

// Results

const scenarioResultSchema = named(
  "ScenarioResult",
  z.object({
    name: z.string(),
    verdict: z.enum(["pass", "fail", "unknown", "error"]),
    reason: z.string().describe("The first violated property, or why the run was inconclusive"),
    excerpt: z.array(z.string()).optional(),
    durationMs: z.number(),
    seed: z.number().int(),
    properties: z
      .array(
        z.object({
          property: z.string(),
          status: z.enum(["holds", "violated", "inconclusive"]),
          message: z.string(),
        }),
      )
      .optional(),
    stats: z.object({
      ops: z.number().int(),
      ok: z.number().int(),
      fail: z.number().int(),
      unknown: z.number().int(),
      latencyP50Ms: z.number(),
      latencyP99Ms: z.number(),
      rpcsPerOp: z.number(),
    }),
    evidence: z
      .object({
        history: z.string().optional(),
        messages: z.string().optional(),
        faults: z.string().optional(),
        logs: z.record(z.string(), z.string()).optional().describe("By node id"),
        report: z.string().optional(),
        counterexample: z.string().optional(),
      })
      .describe("URLs of this API"),
  }),
);
matches<SameType<ScenarioResult, z.infer<typeof scenarioResultSchema>>>(true);

export const storedResultSchema = named(
  "StoredResult",
  z.object({
    index: z.number().int().describe("The scenario's position in the submission's list"),
    result: scenarioResultSchema,
  }),
);
matches<SameType<PublicResult, z.infer<typeof storedResultSchema>>>(true);

export const testsSchema = named(
  "Tests",
  z.object({
    submissionId: z.string(),
    status: statusSchema,
    scenarios: z.array(z.string()),
    tests: z.array(storedResultSchema).describe("The results stored so far"),
  }),
);
export type TestsBody = z.infer<typeof testsSchema>;

export const teardownRequestedSchema = named(
  "TeardownRequested",
  z.object({ id: z.string(), message: z.string() }),
);
export type TeardownRequestedBody = z.infer<typeof teardownRequestedSchema>;
export const tornDownSchema = named(
  "TornDown",
  z.object({ id: z.string(), tornDownAt: z.number(), message: z.string() }),
);
export type TornDownBody = z.infer<typeof tornDownSchema>;

// Live events

export const progressSchema = named(
  "Progress",
  z.object({
    index: z.number().int(),
    atMs: z.number(),
    scenario: z.string(),
    phase: z.string().describe('"workload", "faults", "heal", "recovery", "final reads"…'),
    faults: z.array(z.string()).describe("Faults in force now, in words"),
    opsDone: z.number().int(),
    elapsedMs: z.number(),
  }),
);
matches<SameType<ProgressRecord, z.infer<typeof progressSchema>>>(true);

export const endSchema = named("End", z.object({ status: statusSchema }));

// Evidence

const messageSchema = named(
  "Message",
  z.object({
    seq: z.number().int(),
    from: z.string().describe('A node id, or "client"'),
    to: z.string(),
    method: z.string().describe("/raft.ConsensusNode/AppendEntries"),
    startMs: z.number(),
    endMs: z.number().nullable(),
    requestBytes: z.number().int(),
    responseBytes: z.number().int(),
    status: z.number().int().nullable().describe("gRPC status code; null while open"),
    fault: z.enum(["blackhole", "refuse", "drop", "delay", "lose-answer"]).optional(),
    request: z.record(z.string(), z.unknown()).optional(),
    response: z.record(z.string(), z.unknown()).optional(),
  }),
);
matches<SameType<MessageRecord, z.infer<typeof messageSchema>>>(true);

export const messageWindowSchema = named(
  "MessageWindow",
  z.object({
    total: z.number().int().describe("Messages that started in the window, in the whole file"),
    truncated: z.boolean().describe("More of the window follow this page"),
    offset: z.number().int().describe("Messages of the window this page skipped"),
    nextOffset: z
      .number()
      .int()
      .optional()
      .describe("The next page's offset; absent on the last page"),
    messages: z.array(messageSchema).describe("This page's messages, by start time"),
  }),
);
matches<SameType<MessagePage, z.infer<typeof messageWindowSchema>>>(true);

export const evidenceFileSchema = named(
  "EvidenceFile",
  z
    .looseObject({})
    .describe(
      "The file as the scenario wrote it: history.json in the checker's format (docs/checker.md), faults.json the fault timeline and windows",
    ),
);

export const openApiSchema = named(
  "OpenApiDocument",
  z.looseObject({ openapi: z.string(), paths: z.record(z.string(), z.unknown()) }),
);
