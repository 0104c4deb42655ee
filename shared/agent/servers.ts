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
import { FastListener } from "./h2/fast-listener.ts";
import type { RelayHooks } from "./h2/relay.ts";
import { headerValue, literalHeader, type HeaderList } from "./h2/hpack.ts";
import { IdTokens } from "./id-tokens.ts";
import { FROM_HEADER, forwardCall, respondStatus, type CallRoute } from "./proxy.ts";
import type { Recorder } from "./recorder.ts";
import { CLIENT_PARTY, type CallSite, type Triggers } from "./triggers.ts";
import { HTTP2_SETTINGS, Upstreams, splitAddress } from "./upstreams.ts";

export interface ServerDeps {
  config: AgentConfig;
  control: ControlApi;
  links: LinkTable;
  recorder: Recorder;
  triggers: Triggers;
}

export interface Listening {
  ingressPort: number;
  egressPorts: Record<string, number>;
  /** Moves connections between the fast path and the full proxy (rules changed, node up). */
  reconsider(): void;
  /** Live connections of the listeners that have a fast path, by path. */
  connections(): { fast: number; full: number };
  /** The node was just killed: no call it starts from now on leaves (triggers.ts). */
  drainEgress(): void;
  close(): void;
}

const CLIENT = CLIENT_PARTY;

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
  const { config, control, links, recorder, triggers } = deps;
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
      const peer = headers[FROM_HEADER];
      if (peer !== undefined) {
        // A peer's agent already recorded this call and applied its link's faults; only a
        // trigger's cut or drop here may stop it.
        const from = String(peer);
        const fate = triggers.fate(from, { kind: "deliver", delayMs: 0 });
        const watch = triggers.watch(
          { direction: "ingress", party: from, method: path },
          null,
          true,
        );
        const route = { target: node, fate, record: null, from: null, watch };
        forwardCall(stream, headers, route, upstreams, recorder);
        return;
      }
      const record = recorder.begin(CLIENT, config.nodeId, path);
      const fate = triggers.fate(CLIENTS_LINK, links.fate(CLIENTS_LINK));
      const watch = triggers.watch(
        { direction: "ingress", party: CLIENT, method: path },
        record,
        true,
      );
      const route = { target: node, fate, record, from: null, watch };
      forwardCall(stream, headers, route, upstreams, recorder);
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
        fate: triggers.fate(peer.id, links.fate(peer.id)),
        watch: triggers.watch({ direction: "egress", party: peer.id, method: path }, record, true),
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
  const fast: FastListener[] = [];
  const egressFast: FastListener[] = [];
  const egressSlow = new Set<http2.ServerHttp2Session>();
  const tcp = ingress(config.controlOnTcp);
  servers.push(tcp);
  let ingressPort: number;
  if (config.controlOnTcp) {
    // Control calls share this port: every call must be seen by the full proxy.
    ingressPort = await listen(tcp, config.ingress);
  } else {
    const listener = new FastListener(tcp, {
      upstream: config.node,
      // Calls from peers' agents never meet this link's faults (their own link did).
      fast: (first) =>
        first !== null && fromPeer(first)
          ? !triggers.needsProxy("ingress", partyOf(first))
          : !links.has(CLIENTS_LINK) &&
            !triggers.needsProxy("ingress", first === null ? null : CLIENT),
      hooks: {
        recorder,
        inject: null,
        begin: (headers) =>
          fromPeer(headers) ? null : recorder.begin(CLIENT, config.nodeId, pathOf(headers)),
        watch: relayWatch(triggers, "ingress", partyOf),
      },
    });
    fast.push(listener);
    ingressPort = await listener.listen(config.ingress.host, config.ingress.port);
  }
  if (config.ingressSocket) {
    const socketServer = ingress(true);
    servers.push(socketServer);
    await listen(socketServer, config.ingressSocket);
  }
  const egressPorts: Record<string, number> = {};
  for (const peer of config.peers) {
    const server = egress(peer);
    servers.push(server);
    const at = { host: "127.0.0.1", port: peer.egressPort };
    if (peer.tls || peer.idTokenAudience) {
      server.on("session", (session: http2.ServerHttp2Session) => {
        egressSlow.add(session);
        session.once("close", () => egressSlow.delete(session));
      });
      egressPorts[peer.id] = await listen(server, at);
      continue;
    }
    const [host, port] = splitAddress(peer.agentAddress);
    const listener = new FastListener(server, {
      upstream: { host, port },
      fast: () => !links.has(peer.id) && !triggers.needsProxy("egress", peer.id),
      hooks: {
        recorder,
        inject: literalHeader(FROM_HEADER, config.nodeId),
        begin: (headers) => recorder.begin(config.nodeId, peer.id, pathOf(headers)),
        watch: relayWatch(triggers, "egress", () => peer.id),
      },
    });
    fast.push(listener);
    egressFast.push(listener);
    egressPorts[peer.id] = await listener.listen(at.host, at.port);
  }
  return {
    ingressPort,
    egressPorts,
    reconsider: () => {
      for (const listener of fast) listener.reconsider();
    },
    connections: () => {
      const counts = { fast: 0, full: 0 };
      for (const listener of fast) {
        counts.fast += listener.fastCount;
        counts.full += listener.fullCount;
      }
      return counts;
    },
    drainEgress: () => {
      for (const listener of egressFast) listener.drainAll();
      for (const session of egressSlow) session.close();
    },
    close: () => {
      for (const listener of fast) listener.close();
      for (const server of servers) server.close();
      upstreams.closeAll();
    },
  };
}

function fromPeer(headers: HeaderList): boolean {
  return headerValue(headers, FROM_HEADER) !== undefined;
}

/** The relay's trigger hook: nothing to do (one check) unless a rule can fire. */
function relayWatch(
  triggers: Triggers,
  direction: CallSite["direction"],
  party: (headers: HeaderList) => string,
): NonNullable<RelayHooks["watch"]> {
  return (headers, record) =>
    triggers.armed
      ? triggers.watch({ direction, party: party(headers), method: pathOf(headers) }, record, false)
      : null;
}

/** Who made a call: the peer named by FROM_HEADER, or the judge's clients. */
function partyOf(headers: HeaderList): string {
  return headerValue(headers, FROM_HEADER) ?? CLIENT;
}

function pathOf(headers: HeaderList): string {
  return headerValue(headers, ":path") ?? "";
}
