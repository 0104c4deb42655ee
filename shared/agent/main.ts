// The chaos agent's entry point: one per node, the same program locally (a process beside
// the node) and on Cloud Run (the container's entrypoint). Reads its config, listens,
// starts the node, and goes away with its node when its parent (the judge) does.
import { fstatSync, rmSync } from "node:fs";
import { agentConfigFromArgs, type AgentConfig } from "./config.ts";
import { ControlApi } from "./control-api.ts";
import { MessageDecoder } from "./decoder.ts";
import { PARENT_CHECK_INTERVAL_MS } from "./limits.ts";
import { CLIENTS_LINK, LinkTable } from "./links.ts";
import { NodeLog } from "./node-log.ts";
import { AGENT_API_VERSION } from "./protocol.ts";
import { Recorder } from "./recorder.ts";
import { startServers } from "./servers.ts";
import { Supervisor } from "./supervisor.ts";
import { Triggers } from "./triggers.ts";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Ends the agent when the judge is gone: its pid disappears, the agent is re-parented, or
 * (when stdin is a pipe from the judge) that pipe closes, which happens at once.
 */
function watchParent(config: AgentConfig, exit: (why: string) => void): void {
  const parent = config.parentPid;
  if (parent === undefined) return;
  const firstPpid = process.ppid;
  const timer = setInterval(() => {
    if (!alive(parent) || process.ppid !== firstPpid) exit(`parent ${parent} is gone`);
  }, PARENT_CHECK_INTERVAL_MS);
  timer.unref();
  if (fstatSync(0).isFIFO()) {
    process.stdin.on("error", () => exit("stdin broke"));
    process.stdin.on("end", () => exit("stdin closed (the parent is gone)"));
    process.stdin.resume();
  }
}

async function main(): Promise<void> {
  const config = agentConfigFromArgs(process.argv.slice(2), process.env);
  const log = new NodeLog();
  const decoder = config.protoPath ? new MessageDecoder(config.protoPath) : null;
  const recorder = new Recorder(decoder);
  const links = new LinkTable(new Set([CLIENTS_LINK, ...config.peers.map((p) => p.id)]));
  const supervisor = new Supervisor(config, log);
  let listening: Awaited<ReturnType<typeof startServers>> | null = null;
  const triggers = new Triggers({
    nodeId: config.nodeId,
    peers: config.peers.map((p) => p.id),
    decoder,
    note: (line) => log.agent(line),
    effects: {
      kill: () => {
        if (supervisor.status().pid === null) return false;
        void supervisor.kill();
        listening?.drainEgress();
        return true;
      },
      pause: () => {
        if (supervisor.status().pid === null) return false;
        supervisor.pause();
        return true;
      },
      resume: () => supervisor.resume(),
    },
  });

  const exit = (why: string, code = 0) => {
    supervisor.killNow();
    listening?.close();
    process.stderr.write(`agent ${config.nodeId}: exiting: ${why}\n`);
    process.exit(code);
  };
  process.on("exit", () => supervisor.killNow());
  process.on("SIGTERM", () => exit("SIGTERM"));
  process.on("SIGINT", () => exit("SIGINT"));
  process.on("SIGHUP", () => exit("SIGHUP"));
  watchParent(config, exit);

  // A socket file left by an earlier agent would make listen fail with EADDRINUSE.
  const sockets = [config.ingressSocket, config.clientSocket, ...Object.values(config.peerSockets)];
  for (const socket of sockets) if (socket) rmSync(socket, { force: true });
  const control = new ControlApi({
    ...(config.controlToken ? { token: config.controlToken } : {}),
    supervisor,
    links,
    recorder,
    triggers,
    log,
    info: () => ({
      apiVersion: AGENT_API_VERSION,
      nodeId: config.nodeId,
      pid: process.pid,
      ingressPort: listening?.ingressPort ?? 0,
      egressPorts: listening?.egressPorts ?? {},
      decoding: decoder !== null,
      connections: listening?.connections() ?? { fast: 0, full: 0 },
    }),
    // Asked by the judge: wait until every process of the node is gone, then leave.
    shutdown: () => void supervisor.kill().finally(() => exit("asked to shut down")),
  });
  listening = await startServers({ config, control, links, recorder, triggers });
  const { reconsider } = listening;
  links.onChange(reconsider);
  triggers.onChange(reconsider);
  supervisor.onReady(reconsider);
  // Listeners asked for port 0 got one now: the node's PEERS must name the real ports.
  for (const peer of config.peers) peer.egressPort = listening.egressPorts[peer.id] ?? 0;
  const { ingressPort, egressPorts } = listening;
  const ready = {
    event: "listening",
    nodeId: config.nodeId,
    pid: process.pid,
    ingressPort,
    egressPorts,
  };
  process.stdout.write(`${JSON.stringify(ready)}\n`);
  if (config.autoStart) await supervisor.start();
}

main().catch((err: unknown) => {
  process.stderr.write(`agent: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(2);
});
