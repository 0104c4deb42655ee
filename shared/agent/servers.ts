// The agent's listeners, all plaintext HTTP/2 (h2c): the ingress (clients and peer agents
// in, control API by path), an optional unix-socket ingress for the judge, and one egress
// listener per peer (the node dials it; calls go to that peer's agent).
import http2 from "node:http2";
import type { AddressInfo } from "node:net";
import type { AgentConfig, PeerConfig } from "./config.ts";
import type { ControlApi } from "./control-api.ts";
import { GRPC_STATUS } from "./grpc-wire.ts";
import { SESSION_MEMORY_MB_MAX } from "./limits.ts";
import { CLIENTS_LINK, type LinkTable } from "./links.ts";
import { AGENT_API_PREFIX } from "./protocol.ts";
import { IdTokens } from "./id-tokens.ts";
import { FROM_HEADER, forwardCall, respondStatus, type CallRoute } from "./proxy.ts";
import type { Recorder } from "./recorder.ts";
import { HTTP2_SETTINGS, Upstreams } from "./upstreams.ts";

export interface ServerDeps {
  config: AgentConfig;
  control: ControlApi;
  links: LinkTable;
  recorder: Recorder;
}

export interface Listening {
  ingressPort: number;
  egressPorts: Record<string, number>;
  close(): void;
}

const CLIENT = "client";

function newServer(onStream: (s: http2.ServerHttp2Stream, h: http2.IncomingHttpHeaders) => void) {
  const server = http2.createServer({
    settings: HTTP2_SETTINGS,
    maxSessionMemory: SESSION_MEMORY_MB_MAX,
  });
  server.on("connection", (socket: { setNoDelay(on: boolean): void }) => socket.setNoDelay(true));
  server.on("sessionError", () => {});
  server.on("stream", onStream);
  return server;
}

function listen(
  server: http2.Http2Server,
  at: { host: string; port: number } | string,
): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    const done = () => {
      server.off("error", reject);
      const address = server.address();
      resolve(typeof address === "object" && address ? (address as AddressInfo).port : 0);
    };
    if (typeof at === "string") server.listen(at, done);
    else server.listen(at.port, at.host, done);
  });
}

export async function startServers(deps: ServerDeps): Promise<Listening> {
  const { config, control, links, recorder } = deps;
  const node = `${config.node.host}:${config.node.port}`;
  const upstreams = new Upstreams();
  const idTokens = new IdTokens(process.env);

  const ingress = (controlAllowed: boolean) =>
    newServer((stream, headers) => {
      const path = String(headers[":path"]);
      if (path.startsWith(`${AGENT_API_PREFIX}/`) || path === AGENT_API_PREFIX) {
        if (controlAllowed) control.handle(stream, headers);
        else respondStatus(stream, GRPC_STATUS.NOT_FOUND, "no control API on this listener");
        return;
      }
      if (headers[FROM_HEADER] !== undefined) {
        // A peer's agent already recorded this call and applied its link's faults.
        const fate = { kind: "deliver", delayMs: 0 } as const;
        forwardCall(
          stream,
          headers,
          { target: node, fate, record: null, from: null },
          upstreams,
          recorder,
        );
        return;
      }
      const record = recorder.begin(CLIENT, config.nodeId, path);
      const fate = links.fate(CLIENTS_LINK);
      forwardCall(stream, headers, { target: node, fate, record, from: null }, upstreams, recorder);
    });

  const egress = (peer: PeerConfig) =>
    newServer((stream, headers) => {
      const path = String(headers[":path"]);
      if (path.startsWith("/_agent/")) {
        respondStatus(stream, GRPC_STATUS.NOT_FOUND, "nodes may not drive agents");
        return;
      }
      const record = recorder.begin(config.nodeId, peer.id, path);
      const audience = peer.idTokenAudience;
      const route: CallRoute = {
        target: peer.agentAddress,
        fate: links.fate(peer.id),
        record,
        from: config.nodeId,
        tls: peer.tls,
        ...(audience
          ? { authorization: () => idTokens.get(audience).then((t) => `Bearer ${t}`) }
          : {}),
      };
      forwardCall(stream, headers, route, upstreams, recorder);
    });

  const servers: http2.Http2Server[] = [];
  const tcp = ingress(config.controlOnTcp);
  servers.push(tcp);
  const ingressPort = await listen(tcp, config.ingress);
  if (config.ingressSocket) {
    const socketServer = ingress(true);
    servers.push(socketServer);
    await listen(socketServer, config.ingressSocket);
  }
  const egressPorts: Record<string, number> = {};
  for (const peer of config.peers) {
    const server = egress(peer);
    servers.push(server);
    egressPorts[peer.id] = await listen(server, { host: "127.0.0.1", port: peer.egressPort });
  }
  return {
    ingressPort,
    egressPorts,
    close: () => {
      for (const server of servers) server.close();
      upstreams.closeAll();
    },
  };
}
