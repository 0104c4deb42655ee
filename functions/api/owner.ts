// Who is calling, and what they may see. Locally one person uses the machine: no identity,
// every submission is theirs. In the cloud every call carries a Firebase ID token; each
// submission is stored with its owner, and anyone else is told it does not exist.
import type { Request } from "express";
import type { Submission } from "../../shared/domain/submission.ts";
import { ApiError } from "./errors.ts";
import type { ApiPorts } from "./ports.ts";

/** The submission if the caller may see it; 404 otherwise, unknown or not theirs alike. */
export async function visibleSubmission(
  ports: ApiPorts,
  req: Request,
  id: string,
): Promise<Submission> {
  const caller = await ports.identify(req);
  const s = await ports.store.get(id);
  if (!s || (caller !== null && s.ownerId !== caller)) {
    throw new ApiError(404, `no submission ${id}`);
  }
  return s;
}
