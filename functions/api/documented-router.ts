// An express Router that registers only the routes the table documents (openapi-routes.ts):
// a route missing from it, or a method the table has no place for, throws as the app is
// built, so no route can answer without its schemas in the OpenAPI document.
import { Router } from "express";
import { expressPath } from "./openapi-match.ts";
import { ROUTES, type Method } from "./openapi-routes.ts";

export class UndocumentedRouteError extends Error {
  constructor(method: string, path: unknown) {
    super(
      `${method.toUpperCase()} ${String(path)} is not in the API's route table: add it, with its ` +
        `parameters and every response, to functions/api/openapi-routes.ts`,
    );
    this.name = "UndocumentedRouteError";
  }
}

const METHODS: readonly Method[] = ["get", "post"];
const UNDOCUMENTABLE = ["put", "patch", "delete", "options", "all"] as const;

/** "GET /problems/{id}": the routes registered so far in this process, by their table path. */
const registered = new Set<string>();

export const routeKey = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

export function registeredRoutes(): ReadonlySet<string> {
  return new Set(registered);
}

export function documentedRouter(): Router {
  const router = Router();
  for (const method of METHODS) {
    const register = router[method].bind(router) as (path: string, ...rest: unknown[]) => Router;
    const checked = (path: unknown, ...handlers: unknown[]) => {
      const route = ROUTES.find((r) => r.method === method && expressPath(r.path) === path);
      if (!route || typeof path !== "string") throw new UndocumentedRouteError(method, path);
      registered.add(routeKey(method, route.path));
      return register(path, ...handlers);
    };
    Object.assign(router, { [method]: checked });
  }
  // get and post register through route(path); called directly, it must name a documented path.
  const route = router.route.bind(router);
  Object.assign(router, {
    route: (path: unknown) => {
      if (!ROUTES.some((r) => expressPath(r.path) === path)) {
        throw new UndocumentedRouteError("route", path);
      }
      return route(path as string);
    },
  });
  for (const method of UNDOCUMENTABLE) {
    Object.assign(router, {
      [method]: (path: unknown) => {
        throw new UndocumentedRouteError(method, path);
      },
    });
  }
  return router;
}
