// The HTTP API as an express app: the seed's routes under /api/distributed, over the ports it
// is given. `npm start` serves it locally; the cloud "api" function wraps the same app. Every
// route is in the table of openapi-routes.ts, which checks its parameters and documents it.
import express, { type Express } from "express";
import { documentedRouter } from "./documented-router.ts";
import { ApiError, errorHandler } from "./errors.ts";
import { API_LIMITS } from "./limits.ts";
import { openApiDocument } from "./openapi.ts";
import type { ApiPorts } from "./ports.ts";
import { problemsRouter } from "./problems-routes.ts";
import { API_BASE } from "./public-view.ts";
import { requestGate } from "./request-gate.ts";
import { submissionsRouter } from "./submissions-routes.ts";

export function createApiApp(ports: ApiPorts): Express {
  const app = express();
  app.disable("x-powered-by");
  app.use(API_BASE, express.json({ limit: API_LIMITS.bodyBytesMax, strict: false }));
  app.use(API_BASE, requestGate);
  const document = documentedRouter();
  document.get("/openapi.json", (_req, res) => {
    res.json(openApiDocument());
  });
  app.use(API_BASE, document);
  app.use(API_BASE, problemsRouter(ports));
  app.use(API_BASE, submissionsRouter(ports));
  app.use(API_BASE, (req) => {
    throw new ApiError(
      404,
      `no route ${req.method} ${API_BASE}${req.path}; see ${API_BASE}/openapi.json`,
    );
  });
  app.use(errorHandler);
  return app;
}
