// The submission routes: accept (202 with the id), list (filtered, a page at a time), read
// one, its scenario results, tear its cluster down, its live events and its evidence.
import type { Request, Router } from "express";
import { TOPICS } from "../../shared/domain/events.ts";
import { acceptSubmission } from "../submit/accept.ts";
import { documentedRouter } from "./documented-router.ts";
import { ApiError } from "./errors.ts";
import { visibleSubmission } from "./owner.ts";
import { evidenceHandler } from "./evidence-route.ts";
import { eventsHandler } from "./events-route.ts";
import type { ApiPorts } from "./ports.ts";
import { API_BASE, publicListing, publicResult, publicSubmission } from "./public-view.ts";
import type { AcceptedBody, TeardownRequestedBody, TestsBody, TornDownBody } from "./schemas.ts";
import { toSubmissionInput } from "./submission-request.ts";
import { encodeCursor, parseSubmissionsQuery } from "./submissions-query.ts";
import { cursorOf } from "../../shared/domain/listing.ts";
import { TEARDOWN_REASONS } from "../../shared/domain/teardown.ts";

function requireJson(req: Request): void {
  if (!req.is("application/json")) {
    throw new ApiError(415, "send the submission as JSON with Content-Type: application/json");
  }
}

export function submissionsRouter(ports: ApiPorts): Router {
  const router = documentedRouter();
  router.post("/submissions", async (req, res) => {
    requireJson(req);
    const owner = await ports.identify(req);
    const input = toSubmissionInput(req.body);
    const submission = await acceptSubmission(input, ports, owner ?? undefined);
    const location = `${API_BASE}/submissions/${submission.id}`;
    res
      .status(202)
      .location(location)
      .json({
        id: submission.id,
        status: submission.status,
        seed: submission.seed,
        scenarios: submission.scenarios,
        links: { self: location, tests: `${location}/tests`, events: `${location}/events` },
      } satisfies AcceptedBody);
  });
  router.get("/submissions", async (req, res) => {
    const query = parseSubmissionsQuery(req.query);
    const owner = await ports.identify(req);
    // One more than the page: whether it comes says if there is a next page.
    const list = await ports.store.list({
      ...query,
      limit: query.limit + 1,
      ...(owner !== null ? { ownerId: owner } : {}),
    });
    const page = list.slice(0, query.limit);
    const last = page.at(-1);
    res.json({
      submissions: page.map((s) => publicListing(s)),
      nextCursor: list.length > query.limit && last ? encodeCursor(cursorOf(last)) : null,
    });
  });
  router.get("/submissions/:id", async (req, res) => {
    res.json(publicSubmission(await visibleSubmission(ports, req, req.params.id)));
  });
  router.get("/submissions/:id/tests", async (req, res) => {
    const s = await visibleSubmission(ports, req, req.params.id);
    const results = await ports.store.listResults(s.id);
    res.json({
      submissionId: s.id,
      status: s.status,
      scenarios: s.scenarios,
      tests: results.map((r) => publicResult(s.id, r)),
    } satisfies TestsBody);
  });
  router.post("/submissions/:id/teardown", async (req, res) => {
    const s = await visibleSubmission(ports, req, req.params.id);
    if (s.tornDownAt !== undefined) {
      const body = { id: s.id, tornDownAt: s.tornDownAt, message: "the cluster is gone already" };
      res.json(body satisfies TornDownBody);
      return;
    }
    await ports.bus.publish(TOPICS.teardown, {
      submissionId: s.id,
      reason: TEARDOWN_REASONS.requested,
    });
    res
      .status(202)
      .json({ id: s.id, message: "teardown requested" } satisfies TeardownRequestedBody);
  });
  router.get("/submissions/:id/events", eventsHandler(ports));
  router.get("/submissions/:id/tests/:index/evidence/logs/:node", evidenceHandler(ports));
  router.get("/submissions/:id/tests/:index/evidence/:kind", evidenceHandler(ports));
  return router;
}
