// The Rust starter: its text for g-counter is reviewed as a snapshot, and it builds as
// generated (the generated rpc crate, its trait and routes, tokio and the DATA_DIR helper).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, expect, test } from "vitest";
import { templateInput } from "../../template-input.ts";
import { rustTemplate } from "../template.ts";
import { buildSubmission } from "../../../shared/toolchains/index.ts";
import { removeSubmissions, submission } from "../../../tests/unit/toolchains/fixtures.ts";

afterAll(removeSubmissions);

const protoPath = fileURLToPath(
  new URL("../../../problems/g-counter/g_counter.proto", import.meta.url),
);

const gCounter = rustTemplate(
  templateInput({
    slug: "g-counter",
    title: "Grow-only Counter",
    protoFile: "g_counter.proto",
    protoText: readFileSync(protoPath, "utf8"),
  }),
);

test("the g-counter template is the reviewed one", () => {
  expect(gCounter).toMatchSnapshot();
});

test("the generated g-counter template builds", async () => {
  const out = await buildSubmission({
    language: "rust",
    problem: "g-counter",
    protoPath,
    ...submission({ ...gCounter }),
  });
  assert.ok(out.ok, JSON.stringify(out));
  assert.deepEqual(out.command.argv, ["./node"]);
});
