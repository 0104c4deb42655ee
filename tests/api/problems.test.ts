// The problem routes: the catalogue of 19, one problem with its statement and scenarios, and
// the templates, generated from the repository's own protos.
import { afterAll, beforeAll, test } from "vitest";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROBLEMS } from "../../shared/domain/problems.ts";
import { REPO_ROOT } from "../../shared/pipeline/home.ts";
import { raft } from "../../problems/raft/problem.ts";
import { problemTextsFromFolders } from "../../functions/api/texts-from-folders.ts";
import { LANGUAGES } from "../../languages/registry.ts";
import { templateOf } from "../../problems/templates.ts";
import { request, startApi, type ApiHarness } from "./harness.ts";

interface Listed {
  id: number;
  slug: string;
  difficulty: string;
  description: string;
}

let api: ApiHarness;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());

test("GET /problems lists the spec's 19, numbered 1 to 19, with difficulty and a line each", async () => {
  const { status, body } = await request<{ problems: Listed[] }>(`${api.base}/problems`);
  assert.equal(status, 200);
  assert.deepEqual(
    body.problems.map((p) => p.id),
    Array.from({ length: 19 }, (_, i) => i + 1),
  );
  assert.deepEqual(
    body.problems.map((p) => p.slug),
    PROBLEMS.map((p) => p.slug),
  );
  for (const p of body.problems) {
    assert.match(p.difficulty, /^(Medium|Medium-Hard|Hard)$/);
    assert.ok(p.description.length > 10, `${p.slug} has no description`);
  }
});

test("GET /problems/1 has the statement and the scenarios with their descriptions", async () => {
  const { status, body } = await request<{
    title: string;
    statement: string;
    scenarios: { name: string; description: string }[];
  }>(`${api.base}/problems/1`);
  assert.equal(status, 200);
  assert.equal(body.title, "Raft Consensus");
  assert.equal(body.statement, readFileSync(join(REPO_ROOT, "problems/raft/statement.md"), "utf8"));
  assert.deepEqual(
    body.scenarios.map((s) => s.name),
    Object.keys(raft.plans),
  );
  assert.ok(body.scenarios.every((s) => s.description.length > 10));
});

test("a problem is found by slug too; an unknown one is a 404 that says the range", async () => {
  assert.equal((await request(`${api.base}/problems/raft`)).status, 200);
  const missing = await request(`${api.base}/problems/42`);
  assert.equal(missing.status, 404);
  assert.match(String(missing.body.error), /no problem "42"; problems are numbered 1 to 19/);
});

test("GET /problems/1/template/{language} gives the template generated from the proto", async () => {
  for (const language of LANGUAGES) {
    const { status, body } = await request<{ files: Record<string, string> }>(
      `${api.base}/problems/1/template/${language}`,
    );
    assert.equal(status, 200);
    assert.deepEqual(body.files, { ...templateOf(raft, language) });
  }
});

test("templates: an unknown language or a problem without one is a 404 saying why", async () => {
  const cobol = await request(`${api.base}/problems/1/template/cobol`);
  assert.equal(cobol.status, 404);
  assert.ok(
    String(cobol.body.error).includes(`no language "cobol"; languages: ${LANGUAGES.join(", ")}`),
    String(cobol.body.error),
  );
  // A checkout without the problem's proto (an empty folder stands for it).
  const bare = mkdtempSync(join(tmpdir(), "cj-no-templates-"));
  const without = await startApi({ texts: problemTextsFromFolders(bare) });
  try {
    const none = await request(`${without.base}/problems/2/template/python`);
    assert.equal(none.status, 404);
    assert.match(String(none.body.error), /"multi-paxos" has no python template yet/);
  } finally {
    await without.close();
    rmSync(bare, { recursive: true, force: true });
  }
});

test("GET /openapi.json is an OpenAPI 3 document naming every route", async () => {
  const { status, body } = await request<{ openapi: string; paths: Record<string, object> }>(
    `${api.base}/openapi.json`,
  );
  assert.equal(status, 200);
  assert.match(body.openapi, /^3\./);
  for (const path of [
    "/problems",
    "/problems/{id}",
    "/problems/{id}/template/{language}",
    "/submissions",
    "/submissions/{id}",
    "/submissions/{id}/tests",
    "/submissions/{id}/teardown",
    "/submissions/{id}/events",
    "/submissions/{id}/tests/{index}/evidence/{kind}",
    "/submissions/{id}/tests/{index}/evidence/logs/{node}",
  ]) {
    assert.ok(body.paths[path], `${path} is not in the document`);
  }
});

test("an unknown route is a JSON 404 pointing at the document", async () => {
  const { status, body } = await request(`${api.base}/nothing-here`);
  assert.equal(status, 404);
  assert.match(String(body.error), /no route GET \/api\/distributed\/nothing-here; see/);
});
