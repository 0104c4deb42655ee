// The wire shape of POST /submissions, turned into the domain's submission input. The domain
// (shared/domain/submission.ts) does every check on the problem, files and limits; this only
// reads the API's own fields: a numeric problemId, and `code` as a shorthand for the one
// entry file.
import type { z } from "zod";
import { ENTRY_FILES, type Language } from "../../languages/registry.ts";
import { ApiError } from "./errors.ts";
import { submissionRequestSchema as requestSchema } from "./schemas.ts";

export type SubmissionRequest = z.infer<typeof requestSchema>;

/** The domain input for a request body, or an ApiError naming what is wrong with its shape. */
export function toSubmissionInput(body: unknown): Record<string, unknown> {
  if (body === undefined || body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new ApiError(
      400,
      'send a JSON object: {"problemId": 1, "language": "python", "files": {"main.py": "…"}}',
    );
  }
  const parsed = requestSchema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError(
      400,
      "the submission was refused",
      parsed.error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ` : "") + i.message),
    );
  }
  const req = parsed.data;
  if ((req.files === undefined) === (req.code === undefined)) {
    throw new ApiError(400, "the submission was refused", [
      'send either "files" (path → text) or "code" (the text of the entry file), not both',
    ]);
  }
  const entry = ENTRY_FILES[req.language as Language] ?? "main";
  return {
    problem: String(req.problemId),
    language: req.language,
    // The body's own map, not the parsed copy: parsing drops a "__proto__" key, which the
    // domain must see to refuse it.
    files: req.files ? (body as { files: unknown }).files : { [entry]: req.code },
    ...(req.seed === undefined ? {} : { seed: req.seed }),
    ...(req.scenarios === undefined ? {} : { scenarios: req.scenarios }),
  };
}
