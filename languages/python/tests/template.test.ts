// The generated python starters of two problems, as files a reviewer reads: a change to the
// generator shows here as a diff (`npx vitest run -u` rewrites them after a deliberate one).
import { expect, test } from "vitest";
import { REGISTRY } from "../../../problems/registry.ts";
import { templateOf } from "../../../problems/templates.ts";

for (const slug of ["raft", "g-counter"]) {
  test(`the ${slug} template`, async () => {
    const problem = REGISTRY.find((p) => p.slug === slug)!;
    const files = templateOf(problem, "python");
    expect(Object.keys(files)).toEqual(["main.py"]);
    await expect(files["main.py"]).toMatchFileSnapshot(`__snapshots__/${slug}.main.py.snap`);
  });
}
