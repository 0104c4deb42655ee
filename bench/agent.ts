// `npm run bench -- agent`: what a call pays for passing through the chaos agent. A raw
// HTTP/2 gRPC echo server (in this process) is called directly and through one agent (its
// own process, the bundled file the cluster runs); prints added latency (p50, p99) for
// sequential calls and the throughput of one agent under concurrent calls, also per
// second of the agent's CPU (what one core sustains).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http2 from "node:http2";
import { connect as netConnect, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { bundleAgent } from "../shared/agent/bundle.ts";
import { ControlClient } from "../shared/agent/control-client.ts";
import type { AgentConfigInput } from "../shared/agent/config.ts";

const WARMUP_CALLS = 2_000;
const LATENCY_CALLS = 5_000;
const THROUGHPUT_MS = 5_000;
const CONCURRENCY = 64;
const PAYLOAD_BYTES = 64;
const METHOD = "/raft.ConsensusNode/AppendEntries";
const CLOCK_TICKS_PER_S = 100; // Linux's USER_HZ for /proc/PID/stat

function echoServer(): Promise<http2.Http2Server> {
  const server = http2.createServer();
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

/** One unary call; resolves when the trailers have arrived. */
function call(session: http2.ClientHttp2Session, frame: Buffer): Promise<void> {
  return new Promise((resolveCall, reject) => {
    const req = session.request({
      ":method": "POST",
      ":path": METHOD,
      "content-type": "application/grpc",
      te: "trailers",
      "grpc-timeout": "5S",
    });
    req.on("trailers", (t) => (t["grpc-status"] === "0" ? undefined : reject(new Error("status"))));
    req.on("data", () => {});
    req.on("close", () => resolveCall());
    req.on("error", reject);
    req.end(frame);
  });
}

function connect(port: number): http2.ClientHttp2Session {
  return http2.connect(`http://127.0.0.1:${port}`, {
    createConnection: () => netConnect({ host: "127.0.0.1", port, noDelay: true }),
  });
}

async function latencies(port: number, frame: Buffer): Promise<number[]> {
  const session = connect(port);
  for (let i = 0; i < WARMUP_CALLS; i++) await call(session, frame);
  const out: number[] = [];
  for (let i = 0; i < LATENCY_CALLS; i++) {
    const t = process.hrtime.bigint();
    await call(session, frame);
    out.push(Number(process.hrtime.bigint() - t) / 1000);
  }
  session.close();
  return out.sort((a, b) => a - b);
}

function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_S;
}

async function throughput(port: number, frame: Buffer, agentPid: number) {
  const session = connect(port);
  for (let i = 0; i < WARMUP_CALLS; i++) await call(session, frame);
  const cpuBefore = cpuSeconds(agentPid);
  const until = performance.now() + THROUGHPUT_MS;
  let calls = 0;
  const worker = async () => {
    while (performance.now() < until) {
      await call(session, frame);
      calls += 1;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - t0) / 1000;
  const agentCpu = cpuSeconds(agentPid) - cpuBefore;
  session.close();
  return {
    perSecond: calls / seconds,
    perAgentCpuSecond: calls / agentCpu,
    agentCpuShare: agentCpu / seconds,
  };
}

async function startAgent(
  upstreamPort: number,
  dir: string,
): Promise<{ child: ChildProcess; port: number }> {
  const config: AgentConfigInput = {
    nodeId: "node-0",
    clusterSize: 1,
    ingress: { host: "127.0.0.1", port: 0 },
    node: { host: "127.0.0.1", port: upstreamPort },
    peers: [],
    command: { argv: ["/bin/true"], cwd: dir },
    dataDir: join(dir, "data"),
    protoPath: resolve("proto/raft.proto"),
    parentPid: process.pid,
    autoStart: false,
  };
  const child = spawn(
    process.execPath,
    [await bundleAgent(), "--config-json", JSON.stringify(config)],
    {
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  const port = await new Promise<number>((resolvePort, reject) => {
    child.stdout?.once("data", (line: Buffer) =>
      resolvePort(JSON.parse(line.toString()).ingressPort),
    );
    child.once("exit", () => reject(new Error("the agent exited")));
  });
  return { child, port };
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

export default async function (): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "clusterjudge-bench-agent-"));
  const server = await echoServer();
  const upstreamPort = (server.address() as AddressInfo).port;
  const { child, port } = await startAgent(upstreamPort, dir);
  try {
    const message = Buffer.alloc(PAYLOAD_BYTES, 7);
    const frame = Buffer.concat([Buffer.from([0, 0, 0, 0, PAYLOAD_BYTES]), message]);
    const direct = await latencies(upstreamPort, frame);
    const proxied = await latencies(port, frame);
    const rate = await throughput(port, frame, child.pid ?? 0);
    const control = new ControlClient(`127.0.0.1:${port}`);
    const recorded = (await control.counters())[METHOD] ?? 0;
    control.close();
    const us = (n: number) => `${n.toFixed(0)} µs`;
    console.table([
      { measure: "direct call p50", value: us(pct(direct, 0.5)) },
      { measure: "direct call p99", value: us(pct(direct, 0.99)) },
      { measure: "through agent p50", value: us(pct(proxied, 0.5)) },
      { measure: "through agent p99", value: us(pct(proxied, 0.99)) },
      { measure: "added p50 (target ≤ 100 µs)", value: us(pct(proxied, 0.5) - pct(direct, 0.5)) },
      { measure: "added p99", value: us(pct(proxied, 0.99) - pct(direct, 0.99)) },
      {
        measure: `calls/s through the agent (${CONCURRENCY} concurrent)`,
        value: rate.perSecond.toFixed(0),
      },
      { measure: "agent CPU use during that run (cores)", value: rate.agentCpuShare.toFixed(2) },
      {
        measure: "calls per agent CPU-second (target ≥ 20,000)",
        value: rate.perAgentCpuSecond.toFixed(0),
      },
      { measure: "calls the agent recorded", value: String(recorded) },
    ]);
  } finally {
    child.kill("SIGKILL");
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
