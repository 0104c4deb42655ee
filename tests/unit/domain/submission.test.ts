import assert from "node:assert/strict";
import { test } from "vitest";
import { SUBMISSION_LIMITS } from "../../../shared/domain/limits.ts";
import {
  SubmissionInputError,
  checkPath,
  pathClashes,
  newSubmission,
  validateSubmissionInput,
} from "../../../shared/domain/submission.ts";

const RAFT_SCENARIOS = ["leader_election", "log_replication", "client_redirect"];
const names = (problem: string) => (problem === "raft" ? RAFT_SCENARIOS : []);

function valid(overrides: Record<string, unknown> = {}) {
  return {
    problem: "raft",
    language: "python",
    files: { "server.py": "import grpc\n", "raft/log.py": "x = 1\n" },
    ...overrides,
  };
}

/** The issues a refused input produces (fails the test if it was accepted). */
function issues(input: unknown): string[] {
  try {
    validateSubmissionInput(input, names);
  } catch (err) {
    assert.ok(err instanceof SubmissionInputError);
    assert.ok(err.issues.every((i) => err.message.includes(i)));
    return err.issues;
  }
  assert.fail("the input was accepted");
}

test("a valid input resolves its problem and every scenario", () => {
  const v = validateSubmissionInput(valid({ seed: 42 }), names);
  assert.equal(v.problemId, 1);
  assert.equal(v.problem, "raft");
  assert.deepEqual(v.scenarios, RAFT_SCENARIOS);
  const s = newSubmission(v, { id: "s-9", nowMs: 500, seed: 3 });
  assert.equal(s.status, "queued");
  assert.equal(s.seed, 42, "the input's seed wins over the default");
  assert.deepEqual(s.stageTimes, { queued: 500 });
});

test("a subset of scenarios is kept in the user's order", () => {
  const v = validateSubmissionInput(
    valid({ scenarios: ["client_redirect", "leader_election"] }),
    names,
  );
  assert.deepEqual(v.scenarios, ["client_redirect", "leader_election"]);
  assert.equal(newSubmission(v, { id: "s", nowMs: 1, seed: 3 }).seed, 3);
});

test("unknown and malformed problems are refused with what to do", () => {
  assert.match(
    issues(valid({ problem: "paxos" })).join(),
    /unknown problem "paxos"; known: raft, /,
  );
  assert.match(
    issues(valid({ language: "cobol" })).join(),
    /language must be one of: cpp, go, java, python, rust, typescript/,
  );
  assert.match(issues(valid({ files: { "a.py": 3 } })).join(), /files\.a\.py/);
});

test("unknown or repeated scenarios are named, with the known ones", () => {
  const found = issues(valid({ scenarios: ["leader_election", "split_brain", "leader_election"] }));
  assert.deepEqual(found, [
    `unknown scenario "split_brain"; known: ${RAFT_SCENARIOS.join(", ")}`,
    'scenario "leader_election" is named twice',
  ]);
  assert.match(issues(valid({ scenarios: [] })).join(), /at least one scenario/);
});

test("paths must be plain, relative and portable", () => {
  for (const ok of ["main.py", "raft/node.ts", "a-b_c.d/e"]) assert.equal(checkPath(ok), null, ok);
  const refused: [string, RegExp][] = [
    ["/etc/passwd", /absolute/],
    ["C:/x.py", /absolute/],
    ["../up.py", /'\.\.'/],
    ["a/../../b", /'\.\.'/],
    ["a//b", /empty/],
    ["./a", /'\.'/],
    ["a\\b", /use \//],
    ["sp ace.py", /letters, digits/],
    ["", /empty/],
    ["a/".repeat(SUBMISSION_LIMITS.pathSegmentsMax) + "b", /deeper/],
    ["x".repeat(SUBMISSION_LIMITS.pathCharsMax + 1), /longer/],
  ];
  for (const [path, why] of refused) assert.match(checkPath(path) ?? "accepted", why, path);
});

test("paths that clash are named together: one file twice, a file that is also a folder", () => {
  const clash = (files: Record<string, string>) => pathClashes(Object.keys(files));
  assert.deepEqual(clash({ a: "", "a/b.py": "" }), ['"a" is a file, and a folder of "a/b.py"']);
  assert.deepEqual(clash({ "a/b": "", "a/b/c/d.py": "" }), [
    '"a/b" is a file, and a folder of "a/b/c/d.py"',
  ]);
  assert.deepEqual(clash({ "a/": "", a: "" }), ['"a/" and "a" name the same file']);
  assert.deepEqual(clash({ "./x.py": "", "x.py": "" }), ['"./x.py" and "x.py" name the same file']);
  assert.deepEqual(clash({ "x//y.py": "", "x/y.py": "", "x/./y.py": "" }), [
    '"x//y.py" and "x/y.py" and "x/./y.py" name the same file',
  ]);
  assert.deepEqual(clash({ "/abs.py": "", "abs.py": "" }), [
    '"/abs.py" and "abs.py" name the same file',
  ]);
  assert.deepEqual(clash({ "a/../b.py": "", "b.py": "" }), [
    '"a/../b.py" and "b.py" name the same file',
  ]);
  assert.deepEqual(clash({ "../b.py": "", "b.py": "" }), [], "above the folder is another file");
  assert.deepEqual(clash({ "ab.py": "", "a/b.py": "", "a.py": "" }), [], "no clash");
  // Each clashing path is still refused on its own when it breaks a path rule.
  assert.ok(issues(valid({ files: { "./x.py": "", "x.py": "" } })).some((i) => /'\.'/.test(i)));
});

test("control characters and NUL in names are refused, shown escaped and cut when long", () => {
  const found = issues(valid({ files: { "a\u0000b.py": "", "c\u001b[2J.py": "", "d\n.py": "" } }));
  assert.ok(
    found.includes("\"a\\u0000b.py\": use letters, digits, '.', '_' and '-' only"),
    found.join(),
  );
  assert.ok(
    found.some((i) => i.startsWith('"c\\u001b[2J.py"')),
    found.join(),
  );
  assert.ok(
    // eslint-disable-next-line no-control-regex -- looking for raw control characters
    found.every((i) => !/[\u0000-\u001f]/.test(i)),
    "no raw control character",
  );
  const long = "y".repeat(SUBMISSION_LIMITS.pathCharsMax + 50);
  const [line] = issues(valid({ files: { [long]: "" } }));
  assert.ok(line!.length < SUBMISSION_LIMITS.pathCharsShownMax + 60, line);
});

test("a flood of bad paths lists the first issues and counts the rest", () => {
  const files = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`bad ${i}.py`, ""]));
  const found = issues(valid({ files }));
  assert.equal(found.length, SUBMISSION_LIMITS.issuesShownMax + 1);
  assert.match(found.at(-1)!, /^… and \d+ more$/);
});

test('a "__proto__" file, which JSON keeps and parsing would drop, is refused', () => {
  const files = JSON.parse('{"__proto__": "x", "main.py": ""}');
  assert.match(issues(valid({ files })).join(), /"__proto__" is not accepted as a file name/);
});

test("limits on file count, file size, total size and text are enforced", () => {
  const many = Object.fromEntries(
    Array.from({ length: SUBMISSION_LIMITS.filesMax + 1 }, (_, i) => [`f${i}.py`, ""]),
  );
  assert.match(issues(valid({ files: many })).join(), /at most 64 are accepted/);
  const big = "x".repeat(SUBMISSION_LIMITS.fileBytesMax + 1);
  assert.match(
    issues(valid({ files: { "big.py": big } })).join(),
    /big\.py: \d+ bytes; a file may/,
  );
  const quarter = "é".repeat(SUBMISSION_LIMITS.fileBytesMax / 2 - 1); // 2 bytes each
  const total = Object.fromEntries([1, 2, 3].map((i) => [`q${i}.py`, quarter]));
  assert.match(issues(valid({ files: total })).join(), /bytes in all; at most/);
  assert.match(issues(valid({ files: { "bin.py": "ab\u0000c" } })).join(), /not text/);
  assert.match(issues(valid({ files: {} })).join(), /no files/);
});

test("every issue is reported at once and nothing is half-accepted", () => {
  const found = issues(valid({ problem: "nope", files: { "/abs.py": "", "../x": "" } }));
  assert.equal(found.length, 3);
});
