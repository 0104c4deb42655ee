import assert from "node:assert/strict";
import { test } from "vitest";
import { PIPELINE_LIMITS } from "../../../shared/domain/limits.ts";
import { boundOutcome, formatDiagnostic } from "../../../shared/domain/build.ts";

test("a diagnostic reads file:line:column: message, leaving out what is unknown", () => {
  const d = { file: "raft/node.py", line: 12, column: 5, message: "invalid syntax" };
  assert.equal(formatDiagnostic(d), "raft/node.py:12:5: invalid syntax");
  assert.equal(formatDiagnostic({ ...d, column: null }), "raft/node.py:12: invalid syntax");
  assert.equal(formatDiagnostic({ ...d, line: null }), "raft/node.py: invalid syntax");
});

test("a build outcome is cut to the limits, keeping the log's tail", () => {
  const { logLinesMax, logLineCharsMax, diagnosticsMax } = PIPELINE_LIMITS;
  const log = Array.from({ length: logLinesMax + 10 }, (_, i) => `line ${i}`);
  log[log.length - 1] = "x".repeat(logLineCharsMax + 50);
  const diagnostics = Array.from({ length: diagnosticsMax + 3 }, (_, i) => ({
    file: "a.ts",
    line: i,
    column: null,
    message: "m",
  }));
  const bounded = boundOutcome({ ok: false, diagnostics, log });
  assert.equal(bounded.log.length, logLinesMax);
  assert.equal(bounded.log[0], "line 10");
  assert.equal(bounded.log.at(-1)?.length, logLineCharsMax + 1);
  assert.ok(!bounded.ok && bounded.diagnostics.length === diagnosticsMax);
});
