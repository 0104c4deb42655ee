// GET /problems, /problems/{id} and /problems/{id}/template/{language}: the catalogue of the
// 19 problems, each with its statement and scenarios, and the starter files.
import type { Router } from "express";
import type { Language } from "../../languages/registry.ts";
import { PROBLEMS, findProblem, type Problem } from "../../shared/domain/problems.ts";
import { documentedRouter } from "./documented-router.ts";
import { ApiError } from "./errors.ts";
import type { ApiPorts } from "./ports.ts";
import type { ProblemBody, ProblemDetailBody, ProblemListBody, TemplateBody } from "./schemas.ts";

function listed(p: Problem): ProblemBody {
  return {
    id: p.id,
    slug: p.slug,
    title: p.title,
    difficulty: p.difficulty,
    nodeCount: p.nodeCount,
    description: p.description,
    languages: [...p.languages],
  };
}

function problemOr404(id: string): Problem {
  const problem = findProblem(id);
  if (!problem) {
    throw new ApiError(404, `no problem "${id}"; problems are numbered 1 to ${PROBLEMS.length}`);
  }
  return problem;
}

export function problemsRouter(ports: ApiPorts): Router {
  const router = documentedRouter();
  router.get("/problems", (_req, res) => {
    res.json({ problems: PROBLEMS.map(listed) } satisfies ProblemListBody);
  });
  router.get("/problems/:id", async (req, res) => {
    const problem = problemOr404(req.params.id);
    const names = ports.scenarios.names(problem.slug);
    res.json({
      ...listed(problem),
      statement: await ports.texts.statement(problem.slug),
      scenarios: names.map((name) => ({
        name,
        description: ports.texts.scenarioDescription(problem.slug, name) ?? "",
      })),
    } satisfies ProblemDetailBody);
  });
  router.get("/problems/:id/template/:language", async (req, res) => {
    const problem = problemOr404(req.params.id);
    // A language: the request gate answered 404 to anything else.
    const language = req.params.language as Language;
    const files = await ports.texts.template(problem.slug, language);
    if (!files) {
      throw new ApiError(404, `problem "${problem.slug}" has no ${language} template yet`);
    }
    res.json({ problemId: problem.id, language, files } satisfies TemplateBody);
  });
  return router;
}
