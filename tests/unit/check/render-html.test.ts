// The HTML picture of a failing partition: self-contained, one bar per operation, the
// unplaceable operation marked, text escaped.
import assert from "node:assert/strict";
import { test } from "vitest";
import { checkOperations, kvModel } from "../../../shared/check/index.ts";
import { renderFailureHtml } from "../../../shared/check/linearizability/render-html.ts";
import { kvHistory } from "./support/build.ts";

test("renders lanes, bars, the longest order and the point no linearization gets past", () => {
  const h = kvHistory().put("c1", "k", "<b>", 0, 10).put("c2", "k", "2", 20, 30);
  h.get("c1", "k", "<b>", 40, 50).append("c3", "k", "x", 5, null, "info");
  const failure = checkOperations(kvModel, h.ops).failure!;
  const html = renderFailureHtml(failure, { title: "t & <u>", describeTime: (ms) => `${ms} ms` });
  assert.match(html, /^<!doctype html>/);
  assert.doesNotMatch(html, /<script|<link|src=|href=/);
  assert.equal((html.match(/<rect class="(placed|stuck|blocked|other)/g) ?? []).length, 4);
  assert.equal((html.match(/<rect class="stuck/g) ?? []).length, 1);
  assert.match(html, /class="other open"|class="placed open"/);
  assert.match(html, /client c1[\s\S]*client c2[\s\S]*client c3/);
  assert.match(html, /no linearization gets past here/);
  assert.match(html, /<title>t &#38; &#60;u&#62;<\/title>/);
  assert.match(html, /put k &#34;&#60;b&#62;&#34;/);
  assert.doesNotMatch(html, /"<b>"/);
  assert.match(html, /The longest legal order[\s\S]*<td>1<\/td>/);
});
