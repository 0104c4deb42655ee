// The starter templates build with their toolchain, and a started node answers over gRPC
// honestly: NOT_LEADER without a hint, no vote, INVALID_ARGUMENT for a bad request. The Python
// run proves Debian's python3 serves gRPC end to end with the generated stubs.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, test } from "vitest";
import { fileURLToPath } from "node:url";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { LANGUAGES } from "../../../languages/registry.ts";
import { templateDirOf } from "../../../problems/paths.ts";
import { buildSubmission } from "../../../shared/toolchains/index.ts";
import { protoPath } from "./fixtures.ts";
import { freePort } from "../../../shared/adapters/local/cluster/ports.ts";

const work = mkdtempSync(join(tmpdir(), "templates-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

type Unary = (
  req: object,
  options: grpc.CallOptions,
  cb: (err: grpc.ServiceError | null, res?: Record<string, unknown>) => void,
) => void;

function call(client: grpc.Client, method: string, req: object) {
  const fn = (client as unknown as Record<string, Unary>)[method] as Unary;
  const options = { deadline: Date.now() + 5_000 };
  return new Promise<{ err: grpc.ServiceError | null; res?: Record<string, unknown> }>((resolve) =>
    fn.call(client, req, options, (err, res) => resolve({ err, res })),
  );
}

// Raft's starters are written by hand; a language may have none yet (its generated starter
// is tested in its own folder).
const withRaftTemplate = LANGUAGES.filter((l) => existsSync(templateDirOf("raft", l)));

for (const language of withRaftTemplate) {
  test(`the ${language} template builds, starts and answers honestly`, async () => {
    const srcDir = fileURLToPath(
      new URL(`../../../problems/raft/templates/${language}`, import.meta.url),
    );
    const outDir = join(work, language, "build");
    const built = await buildSubmission({ language, problem: "raft", srcDir, outDir, protoPath });
    assert.ok(built.ok, JSON.stringify(built));

    const address = `127.0.0.1:${await freePort()}`;
    const [program, ...args] = built.command.argv as [string, ...string[]];
    const node = spawn(program, args, {
      cwd: built.command.cwd,
      stdio: "ignore",
      env: {
        ...process.env,
        NODE_ID: "node-0",
        CLUSTER_SIZE: "3",
        LISTEN_ADDR: address,
        PEERS: "node-1=127.0.0.1:1,node-2=127.0.0.1:2",
        DATA_DIR: join(work, language, "data"),
      },
    });
    const definition = protoLoader.loadSync(protoPath, {
      keepCase: true,
      enums: String,
      defaults: true,
    });
    const pkg = grpc.loadPackageDefinition(definition) as unknown as {
      raft: { ConsensusNode: grpc.ServiceClientConstructor };
    };
    const client = new pkg.raft.ConsensusNode(address, grpc.credentials.createInsecure(), {
      "grpc.initial_reconnect_backoff_ms": 100,
      "grpc.max_reconnect_backoff_ms": 200,
    });
    try {
      // The node may still be starting: wait until its port accepts a connection.
      await new Promise<void>((resolve, reject) =>
        client.waitForReady(Date.now() + 15_000, (err) => (err ? reject(err) : resolve())),
      );
      const put = { client_id: "c1", sequence: 1, op: "PUT", key: "k", value: "v" };
      const answer = await call(client, "ClientRequest", put);
      assert.equal(answer.err, null);
      assert.equal(answer.res?.status, "NOT_LEADER");
      assert.equal(answer.res?.leader_hint, "");

      const vote = await call(client, "RequestVote", { term: 1, candidate_id: "node-1" });
      assert.equal(vote.res?.vote_granted, false);

      const invalid = await call(client, "ClientRequest", {
        client_id: "",
        sequence: 1,
        op: "GET",
      });
      assert.equal(invalid.err?.code, grpc.status.INVALID_ARGUMENT);
    } finally {
      client.close();
      node.kill("SIGKILL");
    }
  });
}
