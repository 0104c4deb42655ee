// A build tool runs confined as a node is (shared/toolchains/build-sandbox.ts): it writes only
// its writable folders, reads nothing of the machine beyond the runtime and its readable
// folders, reaches no network, and is stopped at a node's memory and task bounds and, with
// every process it started, at its time. Each confinement is shown against a tool that
// tries; where the attempt could fail for other reasons, runTool shows it succeeds unconfined.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, test } from "vitest";
import { NODE_TASKS_MAX } from "../../../shared/adapters/local/cluster/limits.ts";
import { runBuildTool } from "../../../shared/toolchains/build-sandbox.ts";
import { runTool } from "../../../shared/toolchains/run-tool.ts";

const python = "/usr/bin/python3";
const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** A judge's folder: out/ (writable), in/ (readable), and a world-readable secret beside them. */
function folders() {
  const root = mkdtempSync(join(tmpdir(), "cj-build-sandbox-"));
  roots.push(root);
  const out = join(root, "out");
  const input = join(root, "in");
  mkdirSync(out);
  mkdirSync(input);
  writeFileSync(join(input, "source.txt"), "source\n");
  const marker = `judge-secret-${Math.random().toString(36).slice(2)}`;
  const secret = join(root, "secret.txt");
  writeFileSync(secret, `${marker}\n`, { mode: 0o644 });
  return { root, out, input, secret, marker };
}

test("a build tool writes its writable folder only, and what it wrote comes back to the judge", async () => {
  const f = folders();
  const script = [
    "set -e",
    "echo built > result.txt",
    `cat ${f.input}/source.txt`,
    `(echo no > ${f.input}/planted.txt) 2>/dev/null || echo refused-in`,
    `(echo no > ${f.root}/planted.txt) 2>/dev/null || echo refused-root`,
    "(echo no > /usr/planted.txt) 2>/dev/null || echo refused-usr",
  ].join("\n");
  const result = await runBuildTool(["/bin/sh", "-c", script], f.out, {
    writable: [f.out],
    readable: [f.input],
  });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(readFileSync(join(f.out, "result.txt"), "utf8"), "built\n");
  assert.match(result.stdout, /^source\nrefused-in\nrefused-root\nrefused-usr\n$/);
  assert.deepEqual(readdirSync(f.input), ["source.txt"]);
  assert.ok(!existsSync(join(f.root, "planted.txt")));
  assert.equal(statSync(join(f.out, "result.txt")).uid, process.getuid?.());
});

test("a build tool cannot read /root or a judge's file it was not given, nor see the judge", async () => {
  const f = folders();
  const script = `cat ${f.secret}; ls /root; ls /work; ps -e -o comm=; id -u`;
  const confined = await runBuildTool(["/bin/sh", "-c", script], f.out, { writable: [f.out] });
  assert.doesNotMatch(confined.stdout, new RegExp(f.marker));
  assert.match(confined.stderr, /secret\.txt: No such file/);
  assert.match(confined.stderr, /\/root.*No such file/);
  assert.match(confined.stderr, /\/work.*No such file/);
  assert.doesNotMatch(confined.stdout, /node|vitest/, "the judge is in another pid namespace");
  assert.notEqual(confined.stdout.trim().split("\n").at(-1), "0", "not root");
  const open = await runTool(["/bin/cat", f.secret], f.out);
  assert.match(open.stdout, new RegExp(f.marker), "unconfined, the same file is readable");
});

test("a build tool cannot connect to a listener on the judge's 127.0.0.1", async () => {
  const f = folders();
  let connections = 0;
  const server: Server = createServer((socket) => {
    connections++;
    socket.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const port = (server.address() as { port: number }).port;
    const connect = `import socket\nsocket.create_connection(("127.0.0.1", ${port}), timeout=5).close()\nprint("connected")`;
    const confined = await runBuildTool([python, "-c", connect], f.out, { writable: [f.out] });
    assert.notEqual(confined.code, 0);
    assert.match(confined.stderr, /ConnectionRefusedError|Network is unreachable/);
    assert.equal(connections, 0);
    const open = await runTool([python, "-c", connect], f.out);
    assert.equal(open.stdout, "connected\n", "unconfined, the listener is there");
    assert.equal(connections, 1);
  } finally {
    server.close();
  }
});

test("a build tool is stopped at its memory bound", async () => {
  const f = folders();
  // Touches every page, so the bytes are memory, not only address space.
  const allocate = (mib: number) => `b = bytearray(${mib} << 20)\nprint(len(b) >> 20)`;
  const opts = { writable: [f.out], memoryMiB: 64 };
  const small = await runBuildTool([python, "-c", allocate(16)], f.out, opts);
  assert.equal(small.stdout, "16\n", small.stderr);
  const large = await runBuildTool([python, "-c", allocate(256)], f.out, opts);
  assert.equal(large.stdout, "");
  assert.equal(large.timedOut, false);
  assert.ok(large.signal === "SIGKILL" || /MemoryError/.test(large.stderr), large.stderr);
});

test("a fork loop stops at a node's task bound", async () => {
  const f = folders();
  const forkLoop = [
    "import os, time",
    "n = 0",
    "try:",
    "    while True:",
    "        if os.fork() == 0:",
    "            time.sleep(60)",
    "            os._exit(0)",
    "        n += 1",
    "except OSError:",
    "    print(n)",
  ].join("\n");
  const result = await runBuildTool([python, "-c", forkLoop], f.out, { writable: [f.out] });
  assert.equal(result.code, 0, result.stderr);
  const forked = Number(result.stdout.trim());
  assert.ok(forked > 0 && forked < NODE_TASKS_MAX, `forked ${forked}`);
});

test("a build tool and every process it started are killed at its time bound", async () => {
  const f = folders();
  // A duration no other process on the machine sleeps: its processes are found by it.
  const duration = `300.${Date.now()}`;
  const script = `sleep ${duration} & (sleep ${duration} &) ; setsid sleep ${duration} & sleep ${duration}`;
  const result = await runBuildTool(["/bin/sh", "-c", script], f.out, {
    writable: [f.out],
    timeoutMs: 1_000,
  });
  assert.equal(result.timedOut, true);
  const left = readdirSync("/proc")
    .filter((pid) => /^\d+$/.test(pid))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(duration);
      } catch {
        return false;
      }
    });
  assert.deepEqual(left, []);
});

test("without bubblewrap a build tool is refused, naming the step, unless the caller opts out", () => {
  const module = fileURLToPath(
    new URL("../../../shared/toolchains/build-sandbox.ts", import.meta.url),
  );
  const script = `import { runBuildTool } from ${JSON.stringify(module)};
runBuildTool(["/usr/bin/true"], "/tmp", { writable: [] }).then(
  (r) => console.log("ran", r.code),
  (e) => console.log(String(e)),
);`;
  // No PATH: the sandbox's tools (bwrap, setpriv) are looked up there and not found.
  const run = (env: Record<string, string>) =>
    spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      cwd: fileURLToPath(new URL("../../..", import.meta.url)),
      env: { PATH: "/nonexistent", ...env },
      encoding: "utf8",
    });
  const refused = run({});
  assert.match(refused.stdout, /^ToolchainError: \/usr\/bin\/true: sandbox step not applied/);
  assert.match(refused.stdout, /bwrap is not installed/);
  assert.match(refused.stdout, /set CLUSTERJUDGE_UNSAFE_NO_SANDBOX=1/);
  const unsafe = run({ CLUSTERJUDGE_UNSAFE_NO_SANDBOX: "1" });
  assert.equal(unsafe.stdout, "ran 0\n", unsafe.stderr);
  assert.match(unsafe.stderr, /build tools run UNCONFINED/);
});
