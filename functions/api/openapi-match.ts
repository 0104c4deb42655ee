// Which documented route a request is: its method and path matched against the table's
// OpenAPI paths, concrete paths before templated ones (as OpenAPI says), with the path
// parameters decoded. The request gate and the OpenAPI test both ask this.
import { ROUTES, type RouteDoc } from "./openapi-routes.ts";

export interface RouteMatch {
  route: RouteDoc;
  params: Record<string, string>;
}

const PARAM = /\{(\w+)\}/g;

/** "/submissions/{id}" as express writes it: "/submissions/:id". */
export function expressPath(path: string): string {
  return path.replace(PARAM, ":$1");
}

const escaped = (text: string) => text.replace(/[.*+?^$()|[\]\\]/g, "\\$&");

const COMPILED = ROUTES.map((route) => {
  const names = [...route.path.matchAll(PARAM)].map((m) => m[1]!);
  const pattern = route.path
    .split(PARAM)
    .map((part, i) => (i % 2 === 1 ? "([^/]+)" : escaped(part)))
    .join("");
  // Like express: any letter case, and a trailing slash allowed.
  return { route, names, regex: new RegExp(`^${pattern}/?$`, "i") };
}).sort((a, b) => a.names.length - b.names.length);

/** The documented route a request reaches, or undefined; HEAD is answered as GET. */
export function matchRoute(method: string, path: string): RouteMatch | undefined {
  const wanted = method.toLowerCase() === "head" ? "get" : method.toLowerCase();
  for (const { route, names, regex } of COMPILED) {
    if (route.method !== wanted) continue;
    const found = regex.exec(path);
    if (!found) continue;
    try {
      const params = Object.fromEntries(
        names.map((n, i) => [n, decodeURIComponent(found[i + 1]!)]),
      );
      return { route, params };
    } catch {
      return undefined; // A malformed escape: express answers it.
    }
  }
  return undefined;
}
