// Every registered language's generator makes a starter for every registered problem from its
// proto, holding the language's entry file and naming every RPC of every service.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "vitest";
import { LANGUAGE_LIST } from "../registry.ts";
import { templateInput } from "../template-proto.ts";
import { REGISTRY } from "../../problems/registry.ts";
import { protoPathOf } from "../../problems/paths.ts";

for (const language of LANGUAGE_LIST) {
  test(`${language.name}: a template for each of the ${REGISTRY.length} problems, naming every RPC`, () => {
    assert.ok(REGISTRY.length >= 19, `${REGISTRY.length} problems`);
    for (const problem of REGISTRY) {
      const input = templateInput({
        slug: problem.slug,
        title: problem.title,
        protoFile: problem.protoFile,
        protoText: readFileSync(protoPathOf(problem), "utf8"),
      });
      const files = language.template(input);
      const entry = files[language.entryFile];
      assert.ok(entry, `${problem.slug}: no ${language.entryFile}`);
      // Each language spells an RPC its own way (requestVote, request_vote): compared folded.
      const text = fold(Object.values(files).join("\n"));
      for (const service of input.services) {
        assert.ok(text.includes(fold(service.name)), `${problem.slug}: ${service.name}`);
        for (const method of service.methods)
          assert.ok(text.includes(fold(method.name)), `${problem.slug}: ${method.name}`);
      }
      assert.ok(
        Object.values(files).join("\n").includes(`problems/${problem.slug}/statement.md`),
        problem.slug,
      );
      assert.deepEqual(language.template(input), files, `${problem.slug}: same input, same files`);
    }
  });
}

test("a problem's hints go under the proto's comments; a hint for no RPC is refused", () => {
  const protoText = [
    'syntax = "proto3";',
    "package demo;",
    "service DemoNode {",
    "  // Client RPC: the answer.",
    "  rpc Ask(Question) returns (Answer);",
    "  rpc Tell(Question) returns (Answer);",
    "}",
    "message Question {}",
    "message Answer {}",
  ].join("\n");
  const base = { slug: "demo", title: "Demo", protoFile: "demo.proto", protoText };
  const long = "listen to every word the asker says, however long the question runs on.";
  const input = templateInput({ ...base, hints: { Ask: "answer 42.", Tell: `${long} ${long}` } });
  assert.deepEqual(
    input.services[0]?.methods.map((m) => m.comment),
    [
      "Client RPC: the answer.\nTODO: answer 42.",
      `TODO: ${long} listen to\nevery word the asker says, however long the question runs on.`,
    ],
  );
  assert.throws(
    () => templateInput({ ...base, hints: { Shout: "no." } }),
    /hints for RPCs demo.proto lacks: Shout/,
  );
});

/** Lower case without underscores: RequestVote, requestVote and request_vote are one. */
const fold = (text: string): string => text.toLowerCase().replaceAll("_", "");
