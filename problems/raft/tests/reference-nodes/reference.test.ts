// The reference Raft, built by the TypeScript toolchain, as three local processes: it elects,
// serves put/append/get, suppresses a retried APPEND, survives SIGKILL of its leader, and keeps
// every write across a restart of the whole cluster (the state comes back from DATA_DIR).
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, test } from "vitest";
import { fileURLToPath } from "node:url";
import { buildSubmission } from "../../../../shared/toolchains/index.ts";
import { LocalNodes } from "./local-nodes.ts";
import { RaftTestClient, type Reply } from "./raft-client.ts";

const protoPath = fileURLToPath(new URL("../../raft.proto", import.meta.url));
const referenceDir = fileURLToPath(new URL("../../reference/typescript", import.meta.url));

let work: string;
let nodes: LocalNodes;
let client: RaftTestClient;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "raft-reference-"));
  const built = await buildSubmission({
    language: "typescript",
    problem: "raft",
    srcDir: referenceDir,
    outDir: join(work, "build"),
    protoPath,
  });
  assert.ok(built.ok, JSON.stringify(built));
  nodes = await LocalNodes.create(built.command, 3, join(work, "data"));
  for (const id of nodes.ids) nodes.start(id);
  client = new RaftTestClient(protoPath, nodes.addresses, "test-client");
});

afterAll(async () => {
  client?.close();
  await nodes?.killAll();
  rmSync(work, { recursive: true, force: true });
});

const isReply = (r: unknown): r is Reply => typeof r === "object" && r !== null && "status" in r;

function showLogsOnFailure(): void {
  console.log(nodes.output.slice(-40).join("\n"));
}

test("elects a leader and serves put, append and get", async () => {
  try {
    await client.run("PUT", "k", "a");
    await client.run("APPEND", "k", "b");
    assert.deepEqual(pick(await client.run("GET", "k")), { value: "ab", found: true });
    assert.deepEqual(pick(await client.run("GET", "absent")), { value: "", found: false });
  } catch (err) {
    showLogsOnFailure();
    throw err;
  }
});

test("a follower refuses with NOT_LEADER and names the leader", async () => {
  const follower = nodes.ids.find((id) => id !== client.leader) as string;
  const req = { client_id: "probe", sequence: 1, op: "PUT", key: "p", value: "x" };
  const res = await client.send(follower, req);
  assert.ok(isReply(res));
  assert.equal(res.status, "NOT_LEADER");
  assert.equal(res.leader_hint, client.leader);
});

test("an empty client_id or no operation is INVALID_ARGUMENT", async () => {
  const noClient = await client.send(client.leader, { client_id: "", sequence: 1, op: "GET" });
  assert.ok(!isReply(noClient) && noClient.code === 3, String(noClient));
  const noOp = await client.send(client.leader, { client_id: "c", sequence: 1, key: "k" });
  assert.ok(!isReply(noOp) && noOp.code === 3, String(noOp));
});

test("a retried APPEND is applied once", async () => {
  const req = { client_id: "retrier", sequence: 1, op: "APPEND", key: "k", value: "!" };
  for (let attempt = 0; attempt < 2; attempt++) {
    const res = await client.send(client.leader, req);
    assert.ok(isReply(res) && res.status === "OK", JSON.stringify(res));
  }
  assert.equal((await client.run("GET", "k")).value, "ab!");
});

test("after SIGKILL of the leader a new one serves every write, and the old one rejoins", async () => {
  try {
    const first = client.leader;
    await nodes.kill(first);
    await client.run("APPEND", "k", "c");
    assert.notEqual(client.leader, first);
    assert.equal((await client.run("GET", "k")).value, "ab!c");
    nodes.start(first);
    // With the second leader down, progress needs the restarted node: it must have recovered
    // its log from DATA_DIR or caught up from the leader.
    const second = client.leader;
    await client.run("PUT", "after", "restart");
    await nodes.kill(second);
    assert.equal((await client.run("GET", "k")).value, "ab!c");
    assert.equal((await client.run("GET", "after")).value, "restart");
    nodes.start(second);
  } catch (err) {
    showLogsOnFailure();
    throw err;
  }
});

test("every write survives SIGKILL of the whole cluster", async () => {
  try {
    await client.run("APPEND", "k", "d");
    await nodes.killAll();
    for (const id of nodes.ids) nodes.start(id);
    client.leader = "";
    assert.equal((await client.run("GET", "k")).value, "ab!cd");
    assert.equal((await client.run("GET", "after")).value, "restart");
  } catch (err) {
    showLogsOnFailure();
    throw err;
  }
});

function pick(r: Reply): { value: string; found: boolean } {
  return { value: r.value, found: r.found };
}
