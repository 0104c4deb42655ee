import { test } from "vitest";
import assert from "node:assert/strict";
import { NodeLog } from "../../../shared/agent/node-log.ts";
import { LOG_LINE_CHARS_MAX } from "../../../shared/agent/limits.ts";

test("output becomes time-stamped lines per stream, partial lines wait for their end", () => {
  const log = new NodeLog();
  log.write("stdout", "first\nsec");
  log.write("stderr", "oops\r\n");
  log.write("stdout", "ond\n");
  log.agent("started");
  log.write("stdout", "no newline");
  log.flush("stdout");
  const page = log.read(0);
  assert.deepEqual(
    page.items.map((l) => [l.stream, l.line]),
    [
      ["stdout", "first"],
      ["stderr", "oops"],
      ["stdout", "second"],
      ["agent", "started"],
      ["stdout", "no newline"],
    ],
  );
  assert.ok(page.items.every((l) => l.atMs > 1.7e12));
  assert.match(log.tail(2), /\[agent\] started\n\[stdout\] no newline/);
});

test("output without newlines is kept in pieces of the bound; a long line is cut", () => {
  const log = new NodeLog();
  log.write("stdout", "x".repeat(LOG_LINE_CHARS_MAX * 2 + 10));
  assert.deepEqual(
    log.read(0).items.map((l) => l.line.length),
    [LOG_LINE_CHARS_MAX, LOG_LINE_CHARS_MAX],
  );
  log.flush("stdout");
  assert.equal(log.read(2).items[0]?.line.length, 10);
  log.write("stderr", `${"y".repeat(LOG_LINE_CHARS_MAX - 1)}\n`);
  assert.equal(log.read(3).items[0]?.line.length, LOG_LINE_CHARS_MAX - 1);
});
