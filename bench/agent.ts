// `npm run bench -- agent`: what a call pays for passing through the chaos agent. A raw
// HTTP/2 gRPC echo server (in this process) is called directly, through one agent (the
// bundled file the cluster runs, decoding the problem's messages) on its fast path (the link has no
// rules: a byte relay that reads HTTP/2) and on its full proxy (the link has a rule),
// through a bare node:http2 forwarder that does nothing else (the floor of any node:http2
// proxy here), and through a byte pipe (the floor of any relay written in Node). Prints the
// latency added at p50/p99 for sequential calls, and calls per second under concurrent
// calls, also per second of the proxy's own CPU (what one core sustains). One table per
// problem (`--problem SLUG`, or every registered one): the call is its richest peer request.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http2 from "node:http2";
import { connect as netConnect, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bundleAgent } from "../shared/agent/bundle.ts";
import type { AgentConfigInput } from "../shared/agent/config.ts";
import { ControlClient } from "../shared/agent/control-client.ts";
import { protoPathOf } from "../problems/paths.ts";
import type { BenchOptions } from "./options.ts";
import { sampleCall, type SampleCall } from "./sample-call.ts";

const WARMUP_CALLS = 1_000;
const LATENCY_CALLS = 3_000;
const THROUGHPUT_MS = 4_000;
const CONCURRENCY = 64;
const CLOCK_TICKS_PER_S = 100; // Linux's USER_HZ for /proc/PID/stat

/** The reference: forwards streams and nothing else (no faults, records or decoding). */
const BARE_FORWARDER = `
const http2 = require("node:http2"), net = require("node:net");
const [port, upstreamPort] = process.argv.slice(1).map(Number);
const up = http2.connect("http://127.0.0.1:" + upstreamPort,
  { createConnection: () => net.connect({ host: "127.0.0.1", port: upstreamPort, noDelay: true }) });
const server = http2.createServer();
server.on("connection", (s) => s.setNoDelay(true));
server.on("stream", (stream, headers) => {
  const h = { ...headers }; delete h[":scheme"];
  const u = up.request(h);
  let trailers;
  stream.on("data", (c) => u.write(c)); stream.on("end", () => u.end());
  u.on("response", (r) => { const o = {}; for (const k in r) if (k[0] !== ":" || k === ":status") o[k] = r[k];
    stream.respond(o, { waitForTrailers: true }); });
  u.on("data", (c) => stream.write(c)); u.on("trailers", (t) => (trailers = t)); u.on("end", () => stream.end());
  stream.on("wantTrailers", () => stream.sendTrailers(trailers));
});
server.listen(port, "127.0.0.1", () => console.log("listening"));
`;

/** The floor of any relay in Node: bytes from one socket to the other, nothing read. */
const BYTE_PIPE = `
const net = require("node:net");
const [port, upstreamPort] = process.argv.slice(1).map(Number);
net.createServer({ noDelay: true }, (c) => {
  const u = net.connect({ host: "127.0.0.1", port: upstreamPort, noDelay: true });
  c.pipe(u); u.pipe(c);
  c.on("error", () => u.destroy()); u.on("error", () => c.destroy());
}).listen(port, "127.0.0.1", () => console.log("listening"));
`;

function echoServer(): Promise<http2.Http2Server> {
  const server = http2.createServer();
  server.on("connection", (s: { setNoDelay(on: boolean): void }) => s.setNoDelay(true));
  server.on("stream", (stream) => {
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => {
      stream.respond(
        { ":status": 200, "content-type": "application/grpc" },
        { waitForTrailers: true },
      );
      stream.on("wantTrailers", () => stream.sendTrailers({ "grpc-status": "0" }));
      stream.end(Buffer.concat(chunks));
    });
  });
  return new Promise((r) => server.listen(0, "127.0.0.1", () => r(server)));
}

function call(session: http2.ClientHttp2Session, sample: SampleCall): Promise<void> {
  return new Promise((done, fail) => {
    const req = session.request({
      ":method": "POST",
      ":path": sample.path,
      "content-type": "application/grpc",
      te: "trailers",
      "grpc-timeout": "5S",
    });
    req.on("trailers", (t) => {
      if (t["grpc-status"] !== "0") fail(new Error(`grpc-status ${t["grpc-status"]}`));
    });
    req.on("data", () => {});
    req.on("close", () => done());
    req.on("error", fail);
    req.end(sample.frame);
  });
}

function connect(port: number): http2.ClientHttp2Session {
  return http2.connect(`http://127.0.0.1:${port}`, {
    createConnection: () => netConnect({ host: "127.0.0.1", port, noDelay: true }),
  });
}

async function latencies(port: number, sample: SampleCall): Promise<number[]> {
  const session = connect(port);
  for (let i = 0; i < WARMUP_CALLS; i++) await call(session, sample);
  const out: number[] = [];
  for (let i = 0; i < LATENCY_CALLS; i++) {
    const t = process.hrtime.bigint();
    await call(session, sample);
    out.push(Number(process.hrtime.bigint() - t) / 1000);
  }
  session.close();
  return out.sort((a, b) => a - b);
}

function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_S;
}

async function throughput(port: number, sample: SampleCall, proxyPid: number) {
  const session = connect(port);
  for (let i = 0; i < WARMUP_CALLS; i++) await call(session, sample);
  const cpuBefore = cpuSeconds(proxyPid);
  const until = performance.now() + THROUGHPUT_MS;
  let calls = 0;
  const worker = async () => {
    while (performance.now() < until) {
      await call(session, sample);
      calls += 1;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - t0) / 1000;
  const cpu = cpuSeconds(proxyPid) - cpuBefore;
  session.close();
  return { perSecond: calls / seconds, perCpuSecond: calls / cpu, cpuShare: cpu / seconds };
}

/** Spawns a proxy and resolves once it printed its first line (it listens then). */
function spawnProxy(argv: string[]): Promise<{ child: ChildProcess; firstLine: string }> {
  const child = spawn(process.execPath, argv, { stdio: ["pipe", "pipe", "inherit"] });
  return new Promise((done, fail) => {
    child.stdout?.once("data", (line: Buffer) => done({ child, firstLine: line.toString() }));
    child.once("exit", () => fail(new Error(`${argv[0]} exited`)));
  });
}

async function startAgent(upstreamPort: number, dir: string, protoPath: string) {
  const config: AgentConfigInput = {
    nodeId: "node-0",
    clusterSize: 1,
    ingress: { host: "127.0.0.1", port: 0 },
    ingressSocket: join(dir, "agent.sock"),
    controlOnTcp: false,
    node: { host: "127.0.0.1", port: upstreamPort },
    peers: [],
    command: { argv: ["/bin/true"], cwd: dir },
    dataDir: join(dir, "data"),
    protoPath,
    parentPid: process.pid,
    autoStart: false,
  };
  const { child, firstLine } = await spawnProxy([
    await bundleAgent(),
    "--config-json",
    JSON.stringify(config),
  ]);
  const port = (JSON.parse(firstLine) as { ingressPort: number }).ingressPort;
  return { child, port, control: new ControlClient(`unix:${join(dir, "agent.sock")}`) };
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
const us = (n: number) => `${n.toFixed(0)} µs`;

export default async function (opts: BenchOptions): Promise<void> {
  for (const problem of opts.problems) {
    console.log(`\n${problem.slug}:`);
    await benchProblem(protoPathOf(problem));
  }
}

async function benchProblem(protoPath: string): Promise<void> {
  const sample = sampleCall(protoPath);
  const dir = mkdtempSync(join(tmpdir(), "clusterjudge-bench-agent-"));
  const server = await echoServer();
  const upstreamPort = (server.address() as AddressInfo).port;
  const agent = await startAgent(upstreamPort, dir, protoPath);
  const barePort = (server.address() as AddressInfo).port + 1;
  const bareProxy = await spawnProxy([
    "-e",
    BARE_FORWARDER,
    String(barePort),
    String(upstreamPort),
  ]);
  const pipePort = barePort + 1;
  const pipeProxy = await spawnProxy(["-e", BYTE_PIPE, String(pipePort), String(upstreamPort)]);
  try {
    const pid = agent.child.pid ?? 0;
    const direct = await latencies(upstreamPort, sample);
    const fast = { latency: await latencies(agent.port, sample) };
    const fastRate = await throughput(agent.port, sample, pid);
    // Any rule on the clients link sends new connections through the full proxy.
    await agent.control.setLinks([{ link: "clients", delayMs: 0 }]);
    const full = { latency: await latencies(agent.port, sample) };
    const fullRate = await throughput(agent.port, sample, pid);
    const bare = { latency: await latencies(barePort, sample) };
    const bareRate = await throughput(barePort, sample, bareProxy.child.pid ?? 0);
    const recorded = (await agent.control.counters())[sample.path] ?? 0;
    const decoded = (await agent.control.messages()).items.at(-1)?.request;
    const pipe = { latency: await latencies(pipePort, sample) };
    const pipeRate = await throughput(pipePort, sample, pipeProxy.child.pid ?? 0);
    const paths = {
      "agent, fast path": fast,
      "agent, full proxy": full,
      "bare node:http2": bare,
      "byte pipe": pipe,
    };
    const rates = [fastRate, fullRate, bareRate, pipeRate];
    const row = (measure: string, cell: (p: { latency: number[] }, i: number) => string) => ({
      measure,
      ...Object.fromEntries(Object.entries(paths).map(([name, p], i) => [name, cell(p, i)])),
    });
    const at = (p: number) => (x: { latency: number[] }) => pct(x.latency, p);
    console.table([
      row("direct call p50 / p99", () => `${us(pct(direct, 0.5))} / ${us(pct(direct, 0.99))}`),
      row("through the proxy p50 / p99", (x) => `${us(at(0.5)(x))} / ${us(at(0.99)(x))}`),
      row("added p50 (target ≤ 100 µs)", (x) => us(at(0.5)(x) - pct(direct, 0.5))),
      row("added p99", (x) => us(at(0.99)(x) - pct(direct, 0.99))),
      row(`calls/s, ${CONCURRENCY} concurrent`, (_, i) => (rates[i]?.perSecond ?? 0).toFixed(0)),
      row("proxy CPU used (cores)", (_, i) => (rates[i]?.cpuShare ?? 0).toFixed(2)),
      row("calls per proxy CPU-s (target ≥ 20,000)", (_, i) =>
        (rates[i]?.perCpuSecond ?? 0).toFixed(0),
      ),
    ]);
    console.log(
      `the agent recorded ${recorded} calls of ${sample.path}; the last one decoded as ${JSON.stringify(decoded)}`,
    );
  } finally {
    agent.control.close();
    agent.child.kill("SIGKILL");
    bareProxy.child.kill("SIGKILL");
    pipeProxy.child.kill("SIGKILL");
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
