// Bad input never gets a 5xx: fast-check sends every documented route (ROUTES, the API's own
// list) arbitrary path parameters, query strings, headers (the ones the API reads and any
// other), content types and bodies, then checks the answer is below 500, the server still
// serves others, and a refused submission stored and published nothing. Event-stream clients
// open and drop at random too.
import assert from "node:assert/strict";
import fc from "fast-check";
import { afterAll, beforeAll, test } from "vitest";
// The harness (the app) first: openapi-routes.ts is part of an import cycle entered from there.
import { startApi, type ApiHarness } from "./harness.ts";
import { ROUTES, type RouteDoc } from "../../functions/api/openapi-routes.ts";
import { LANGUAGES } from "../../languages/registry.ts";

let api: ApiHarness;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api?.close());

/** A path segment as a client may send it: encoded text, raw bytes, traversal, bad escapes. */
const segment = fc.oneof(
  fc.string({ maxLength: 40 }).map(encodeURIComponent),
  fc.constantFrom("1", "0", "-1", "1e3", "999999999999999999999", "..", "%", "%zz", "%00", "%2F"),
  fc.constantFrom(...LANGUAGES, "python%00", "PYTHON"),
  fc.string({ unit: "binary", maxLength: 20 }).map(encodeURIComponent),
  fc.constant("a".repeat(5_000)),
);

const query = fc.dictionary(
  fc.string({ maxLength: 12 }),
  fc.oneof(fc.string({ maxLength: 30 }), fc.constant("a".repeat(3_000))),
  { maxKeys: 4 },
);

const files = fc.dictionary(
  fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.constantFrom("main.py", "a/b.py", "../x", "/etc/passwd", "a", "a/", "", "main.ts"),
  ),
  fc.oneof(fc.string({ maxLength: 50 }), fc.integer(), fc.constant(null)),
  { maxKeys: 4 },
);

const body = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc
    .record(
      {
        problemId: fc.oneof(fc.integer(), fc.string({ maxLength: 5 }), fc.constant(1)),
        problem: fc.oneof(fc.string({ maxLength: 12 }), fc.constant("raft")),
        language: fc.oneof(fc.constantFrom(...LANGUAGES), fc.string({ maxLength: 8 })),
        code: fc.string({ maxLength: 60 }),
        files,
      },
      { requiredKeys: [] },
    )
    .map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 80 }),
  fc.constant("{".repeat(10_000)),
  fc.constant(`[${"[".repeat(100_000)}`),
);

const contentType = fc.constantFrom(
  "application/json",
  "application/json; charset=utf-16",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/json; charset=nope",
  "",
);

/** Headers a client may add: the ones the API reads, and any other. */
const printable = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  maxLength: 60,
});
const extraHeaders = fc.dictionary(
  fc.oneof(
    fc.constantFrom(
      "Authorization",
      "Origin",
      "Accept",
      "Last-Event-ID",
      "Range",
      "Cookie",
      "X-Test-Owner",
      "Accept-Encoding",
      "If-None-Match",
    ),
    fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/),
  ),
  fc.oneof(printable, fc.constant("Bearer " + "x".repeat(4_000))),
  { maxKeys: 3 },
);

function pathOf(route: RouteDoc, values: string[]): string {
  let i = 0;
  return route.path.replace(/\{[^}]+\}/g, () => values[i++] ?? "x");
}

async function send(
  route: RouteDoc,
  path: string,
  q: Record<string, string>,
  type: string,
  data: string,
  extra: Record<string, string>,
) {
  const url = `${api.base}${path}?${new URLSearchParams(q).toString()}`;
  const headers: Record<string, string> = { ...extra, ...(type ? { "Content-Type": type } : {}) };
  const abort = new AbortController();
  // An event stream stays open: read what comes first, then drop it as a client would.
  const timer = setTimeout(() => abort.abort(), 300);
  try {
    const res = await fetch(url, {
      method: route.method.toUpperCase(),
      headers,
      ...(route.method === "post" ? { body: data } : {}),
      signal: abort.signal,
    });
    await res.arrayBuffer().catch(() => undefined);
    return res.status;
  } catch (err) {
    if (abort.signal.aborted) return 200; // an open stream, dropped by the client
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

for (const route of ROUTES) {
  test(`${route.method.toUpperCase()} ${route.path}: no 5xx, nothing stored on refusal`, async () => {
    const params = (route.path.match(/\{[^}]+\}/g) ?? []).length;
    await fc.assert(
      fc.asyncProperty(
        fc.array(segment, { minLength: params, maxLength: params }),
        query,
        contentType,
        body,
        extraHeaders,
        async (values, q, type, data, extra) => {
          const before = [(await api.store.list()).length, api.queue.counts().ready];
          const status = await send(route, pathOf(route, values), q, type, data, extra);
          assert.ok(status < 500, `${status} for ${pathOf(route, values).slice(0, 200)}`);
          if (status >= 400) {
            assert.deepEqual([(await api.store.list()).length, api.queue.counts().ready], before);
          }
        },
      ),
      { numRuns: 150 },
    );
    // The server still answers others.
    assert.equal((await fetch(`${api.base}/problems`)).status, 200);
  });
}
