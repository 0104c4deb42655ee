// `npm start` is not an open door: started as a user starts it (tsx server/main.ts), it
// answers only to its own names (no DNS rebinding), refuses state changes from pages of other
// origins, and with a token (given, or made because it is bound beyond loopback) refuses
// every request without it, while the UI still works from the printed URL in Chromium.
// The non-loopback case binds 0.0.0.0 inside a network namespace of its own: nothing
// outside this test can reach it.
import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, test } from "vitest";
import { REPO_ROOT } from "../../shared/pipeline/home.ts";
import { launchChromium } from "../browser/chromium.ts";
import { skipIf } from "../support/skip.ts";

const TOKEN = "a-token-for-this-test-only-0123456789";
const API = "/api/distributed";
/** A broken Python build fails in seconds; a loaded shared machine may take a minute. */
const BUILD_WAIT_MS = 120_000;

interface Server {
  /** The URL it printed to open (with the token when it takes one). */
  url: string;
  port: number;
  child: ChildProcess;
  /** What it printed so far (for a failure's message). */
  log(): string;
  stop(): Promise<void>;
}

const homes: string[] = [];
afterAll(() => {
  for (const home of homes) rmSync(home, { recursive: true, force: true });
});

/** `npm start` with this environment; `prefix` runs it under another command (unshare). */
async function startServer(env: Record<string, string>, prefix: string[] = []): Promise<Server> {
  const home = mkdtempSync(join(tmpdir(), "cj-access-"));
  homes.push(home);
  const argv = [...prefix, process.execPath, "--import", "tsx", join(REPO_ROOT, "server/main.ts")];
  const child = spawn(argv[0]!, argv.slice(1), {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", CLUSTERJUDGE_HOME: home, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr?.on("data", (d: Buffer) => {
      output += d.toString();
      const found = /serving the web UI on (\S+)/.exec(output);
      if (found?.[1]) resolve(found[1]);
    });
    child.once("exit", (code) => reject(new Error(`the server exited (${code}):\n${output}`)));
  });
  return {
    url,
    port: Number(new URL(url).port),
    child,
    log: () => output,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request to 127.0.0.1:port with exactly these headers (Host included). */
function call(
  port: number,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: "127.0.0.1",
        port,
        path,
        method: opts.method ?? "GET",
        setHost: false,
        headers: { host: `127.0.0.1:${port}`, ...opts.headers },
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8").on("data", (c: string) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    req.end(opts.body);
  });
}

const submission = JSON.stringify({ problemId: 1, language: "python", code: "def broken(:\n" });
const json = { "content-type": "application/json" };

describe("the local server on loopback, without a token", () => {
  let server: Server;
  afterAll(() => server?.stop());

  test("answers to its own names, and refuses any other Host with 403", async () => {
    server = await startServer({});
    const { port } = server;
    assert.equal(server.url, `http://127.0.0.1:${port}/`, "no token in the URL");
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`]) {
      const ok = await call(port, `${API}/problems`, { headers: { host } });
      assert.equal(ok.status, 200, host);
    }
    for (const host of [`evil.example:${port}`, "127.0.0.1:1", `127.0.0.1:${port}.evil.example`]) {
      const refused = await call(port, `${API}/problems`, { headers: { host } });
      assert.equal(refused.status, 403, host);
      assert.match(JSON.parse(refused.body).error, /answers only to .*DNS rebinding/);
    }
    const page = await call(port, "/", { headers: { host: `rebound.example:${port}` } });
    assert.equal(page.status, 403, "the UI's page too");
    assert.match(page.body, /DNS rebinding/);
  });

  test("a state change from another origin is 403; from its own, or no browser, it goes on", async () => {
    const { port } = server;
    const post = (headers: Record<string, string>) =>
      call(port, `${API}/submissions`, {
        method: "POST",
        headers: { ...json, ...headers },
        body: submission,
      });
    const foreign = await post({ origin: "http://evil.example" });
    assert.equal(foreign.status, 403);
    assert.match(JSON.parse(foreign.body).error, /another origin \(http:\/\/evil\.example\)/);
    assert.equal((await post({ origin: "null" })).status, 403, "a sandboxed page");
    assert.equal((await post({ "sec-fetch-site": "cross-site" })).status, 403);
    // A form on another site asking to tear a cluster down (no JSON needed for that route).
    const teardown = await call(port, `${API}/submissions/x/teardown`, {
      method: "POST",
      headers: { origin: "https://evil.example", "content-type": "text/plain" },
    });
    assert.equal(teardown.status, 403);
    assert.equal((await post({ origin: `http://127.0.0.1:${port}` })).status, 202);
    assert.equal((await post({ origin: `http://localhost:${port}` })).status, 202);
    assert.equal((await post({})).status, 202, "curl sends no Origin");
    const read = await call(port, `${API}/submissions`, {
      headers: { origin: "http://x.example" },
    });
    assert.equal(read.status, 200, "a read is not a change (and no CORS lets the page see it)");
  });
});

describe("the local server with a token", () => {
  let server: Server;
  afterAll(() => server?.stop());

  test("every request without the token is 401; the printed URL carries it once", async () => {
    server = await startServer({ CLUSTERJUDGE_TOKEN: TOKEN });
    const { port } = server;
    assert.equal(server.url, `http://127.0.0.1:${port}/?token=${TOKEN}`);
    for (const path of ["/", `${API}/problems`, "/config.json"]) {
      const refused = await call(port, path);
      assert.equal(refused.status, 401, path);
      assert.match(refused.body, /needs its token/);
    }
    const wrong = { authorization: `Bearer ${TOKEN}x` };
    assert.equal((await call(port, `${API}/problems`, { headers: wrong })).status, 401);
    assert.equal((await call(port, "/?token=nope")).status, 401);
    const bearer = { authorization: `Bearer ${TOKEN}` };
    assert.equal((await call(port, `${API}/problems`, { headers: bearer })).status, 200);
    const posted = await call(port, `${API}/submissions`, {
      method: "POST",
      headers: { ...json, ...bearer },
      body: submission,
    });
    assert.equal(posted.status, 202);
    // The token in the URL becomes a cookie, and the browser is sent on without it.
    const opened = await call(port, `/?token=${TOKEN}#/problems`);
    assert.equal(opened.status, 303);
    assert.equal(opened.headers.location, "/");
    const cookie = String(opened.headers["set-cookie"]).split(";")[0]!;
    assert.match(String(opened.headers["set-cookie"]), /HttpOnly; SameSite=Strict/);
    assert.equal((await call(port, `${API}/problems`, { headers: { cookie } })).status, 200);
    const sneaky = await call(port, `/.//evil.example/x?token=${TOKEN}`);
    assert.equal(sneaky.headers.location, "/evil.example/x", "never to another site");
    const foreign = await call(port, `${API}/submissions`, {
      method: "POST",
      headers: { ...json, cookie, origin: "http://evil.example" },
      body: submission,
    });
    assert.equal(foreign.status, 403, "the token does not let another origin in");
  });

  test("the UI works from the printed URL: problems, a submission, its run live", async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      await page.goto(server.url);
      assert.equal(new URL(page.url()).search, "", "the token left the address bar");
      await page.locator("[data-testid=problems]").getByText("Raft").first().waitFor();
      await page.goto(`http://127.0.0.1:${server.port}/#/problems/1`);
      await page.waitForSelector("[data-testid=submit-form]");
      await page.selectOption("#language", "python");
      // The Python template, not the first language's still on show while it loads.
      await page.waitForSelector("[data-testid=file-tabs] button:text-is('main.py')");
      await page.fill("#editor", "def broken(:\n");
      await page.click("#submit");
      await page.waitForURL(/#\/submissions\//);
      // The run view follows the server-sent events, which carry the cookie too.
      await page
        .locator("[data-testid=status]", { hasText: "build_failed" })
        .waitFor({ timeout: BUILD_WAIT_MS })
        .catch(async (err: Error) => {
          const id = new URL(page.url()).hash.split("/").pop() ?? "";
          const bearer = { authorization: `Bearer ${TOKEN}` };
          const stored = await call(server.port, `${API}/submissions/${id}`, { headers: bearer });
          const shown = await page.locator("[data-testid=status]").allTextContents();
          throw new Error(
            `${err.message}\nthe page shows ${JSON.stringify(shown)}; the API has ` +
              `${stored.status} ${stored.body.slice(0, 2000)}\nthe server printed:\n${server.log()}`,
          );
        });
    } finally {
      await browser.close();
    }
  });
});

describe("the local server bound beyond loopback", () => {
  const netns = spawnSync("unshare", ["--net", "true"]).status === 0;
  let server: Server;
  afterAll(() => server?.stop());

  /** A GET from inside the server's network namespace: the status it answered. */
  function statusInside(url: string, headers: Record<string, string> = {}): number {
    const script =
      "fetch(process.argv[1], { headers: JSON.parse(process.argv[2]), redirect: 'manual' })" +
      ".then((r) => console.log(r.status), (e) => { console.error(e); process.exit(1); })";
    const run = spawnSync(
      "nsenter",
      [
        ...["--net=/proc/" + server.child.pid + "/ns/net", "--"],
        ...[process.execPath, "-e", script, url, JSON.stringify(headers)],
      ],
      { encoding: "utf8" },
    );
    assert.equal(run.status, 0, run.stderr);
    return Number(run.stdout.trim());
  }

  test(
    "makes a token, prints it in the URL, and refuses requests without it",
    skipIf(netns ? false : "cannot make a network namespace (unshare --net)"),
    async () => {
      server = await startServer({ HOST: "0.0.0.0" }, [
        ...["unshare", "--net", "--", "sh", "-c"],
        'ip link set lo up && exec "$@"',
        "sh",
      ]);
      const url = new URL(server.url);
      const token = url.searchParams.get("token") ?? "";
      assert.equal(url.hostname, "0.0.0.0");
      assert.ok(token.length >= 40, `a generated token: ${server.url}`);
      const base = `http://127.0.0.1:${server.port}`;
      assert.equal(statusInside(`${base}${API}/problems`), 401);
      assert.equal(statusInside(`${base}/`), 401);
      const bearer = { authorization: `Bearer ${token}` };
      assert.equal(statusInside(`${base}${API}/problems`, bearer), 200);
      assert.equal(statusInside(`http://0.0.0.0:${server.port}${API}/problems`, bearer), 200);
      assert.equal(statusInside(`${base}/?token=${token}`), 303);
    },
  );
});
