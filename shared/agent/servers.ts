// The agent's listeners, all plaintext HTTP/2 (h2c): a TCP ingress (clients and peer agents
// told apart by a header, which a control token makes them prove (call-proofs.ts); control
// API by path; Cloud Run), unix sockets whose callers are known by construction (the judge's
// control and client sockets, one per peer agent; local clusters), and one egress listener
// per peer (the node dials it; calls go to that peer's agent, over TCP with the header or to
// the peer's socket kept for this node).
import http2 from "node:http2";
import type { AddressInfo } from "node:net";
import { IngressProofs, PROOF_HEADER, peerProof } from "./call-proofs.ts";
import type { AgentConfig, PeerConfig } from "./config.ts";
import type { ControlApi } from "./control-api.ts";
import { GRPC_STATUS } from "./grpc-wire.ts";
import { SESSION_MEMORY_MB_MAX } from "./limits.ts";
import { CLIENTS_LINK, type LinkTable } from "./links.ts";
import { AGENT_API_PREFIX } from "./protocol.ts";
import { FastListener } from "./h2/fast-listener.ts";
import { headerValue, literalHeader, type HeaderList } from "./h2/hpack.ts";
import { IdTokens } from "./id-tokens.ts";
import { FROM_HEADER, forwardCall, respondStatus, type CallRoute } from "./proxy.ts";
import type { RelayHooks } from "./h2/relay.ts";
import type { Recorder } from "./recorder.ts";
import { CLIENT_PARTY, type CallSite, type Triggers } from "./triggers.ts";
import { HTTP2_SETTINGS, Upstreams, splitAddress, unixPath } from "./upstreams.ts";

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

type StreamHandler = (stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders) => void;

function newServer(onStream: StreamHandler) {
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
  const token = config.controlToken;
  // With a control token, no call on the TCP ingress is taken on its word (call-proofs.ts).
  const proofs = token
    ? new IngressProofs(
        token,
        config.nodeId,
        config.peers.map((p) => p.id),
        CLIENT,
      )
    : null;

  /** A call from the judge's clients: recorded here, with the clients link's faults. */
  const clientCall: StreamHandler = (stream, headers) => {
    const path = String(headers[":path"]);
    const record = recorder.begin(CLIENT, config.nodeId, path);
    const fate = triggers.fate(CLIENTS_LINK, links.fate(CLIENTS_LINK));
    const watch = triggers.watch(
      { direction: "ingress", party: CLIENT, method: path },
      record,
      true,
    );
    forwardCall(
      stream,
      headers,
      { target: node, fate, record, from: null, watch },
      upstreams,
      recorder,
    );
  };
  /**
   * A call a peer's agent already recorded and faulted at its egress; only a trigger's cut
   * or drop here may stop it. `from` names the peer: by its socket, or by the header on TCP.
   */
  const peerCall =
    (from: (headers: http2.IncomingHttpHeaders) => string): StreamHandler =>
    (stream, headers) => {
      const party = from(headers);
      const fate = triggers.fate(party, { kind: "deliver", delayMs: 0 });
      const path = String(headers[":path"]);
      const watch = triggers.watch({ direction: "ingress", party, method: path }, null, true);
      forwardCall(
        stream,
        headers,
        { target: node, fate, record: null, from: null, watch },
        upstreams,
        recorder,
      );
    };
  const withControl =
    (controlAllowed: boolean, calls: StreamHandler): StreamHandler =>
    (stream, headers) => {
      const path = String(headers[":path"]);
      if (path.startsWith(`${AGENT_API_PREFIX}/`) || path === AGENT_API_PREFIX) {
        if (controlAllowed) control.handle(stream, headers);
        else respondStatus(stream, GRPC_STATUS.NOT_FOUND, "no control API on this listener");
        return;
      }
      calls(stream, headers);
    };
  /**
   * The TCP ingress, shared by clients and peers' agents, tells them apart by the header;
   * with a control token only a valid proof makes a call either, and others never go on.
   */
  const byHeader: StreamHandler = (stream, headers) => {
    if (!proofs) {
      if (headers[FROM_HEADER] !== undefined)
        peerCall((h) => String(h[FROM_HEADER]))(stream, headers);
      else clientCall(stream, headers);
      return;
    }
    const caller = proofs.caller(single(headers, FROM_HEADER), single(headers, PROOF_HEADER));
    if ("refused" in caller) {
      stream.on("error", () => {});
      respondStatus(stream, GRPC_STATUS.UNAUTHENTICATED, `clusterjudge: ${caller.refused}`);
      stream.resume(); // its request is read and dropped
    } else if (caller.party === CLIENT) clientCall(stream, headers);
    else peerCall(() => caller.party)(stream, headers);
  };

  const egress = (peer: PeerConfig, viaSocket: boolean, proof: string | undefined) =>
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
        // Over a peer's own socket the caller is known without it (and a node's is removed).
        from: viaSocket ? null : config.nodeId,
        ...(proof ? { proof } : {}),
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
  const nodeUpstream = { host: config.node.host, port: config.node.port };
  let ingressPort = 0;
  if (config.ingress) {
    const tcp = newServer(withControl(config.controlOnTcp, byHeader));
    servers.push(tcp);
    if (config.controlOnTcp || proofs) {
      // Control calls share this port, or each call's proof must be checked and removed
      // (the relay passes header blocks on as they came): the full proxy sees every call.
      ingressPort = await listen(tcp, config.ingress);
    } else {
      const listener = new FastListener(tcp, {
        upstream: nodeUpstream,
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
  }
  if (config.ingressSocket) {
    // The judge's own socket: control, and client calls whatever headers they carry.
    const socketServer = newServer(withControl(true, clientCall));
    servers.push(socketServer);
    await listen(socketServer, config.ingressSocket);
  }
  if (config.clientSocket) {
    const listener = new FastListener(newServer(withControl(false, clientCall)), {
      upstream: nodeUpstream,
      fast: () => !links.has(CLIENTS_LINK) && !triggers.needsProxy("ingress", CLIENT),
      hooks: {
        recorder,
        inject: null,
        begin: (headers) => recorder.begin(CLIENT, config.nodeId, pathOf(headers)),
        watch: relayWatch(triggers, "ingress", () => CLIENT),
      },
    });
    fast.push(listener);
    await listener.listen(config.clientSocket);
  }
  for (const [peer, socket] of Object.entries(config.peerSockets)) {
    if (!config.peers.some((p) => p.id === peer))
      throw new Error(`peer socket for unknown ${peer}`);
    const listener = new FastListener(
      newServer(
        withControl(
          false,
          peerCall(() => peer),
        ),
      ),
      {
        upstream: nodeUpstream,
        fast: () => !triggers.needsProxy("ingress", peer),
        hooks: {
          recorder,
          inject: null,
          begin: () => null,
          watch: relayWatch(triggers, "ingress", () => peer),
        },
      },
    );
    fast.push(listener);
    await listener.listen(socket);
  }
  const egressPorts: Record<string, number> = {};
  for (const peer of config.peers) {
    const socketPath = unixPath(peer.agentAddress);
    // A peer's own socket needs no claim; over TCP, with a token, the claim is proved.
    const proof =
      socketPath === null && token ? peerProof(token, config.nodeId, peer.id) : undefined;
    const server = egress(peer, socketPath !== null, proof);
    servers.push(server);
    server.on("session", (session: http2.ServerHttp2Session) => {
      egressSlow.add(session);
      session.once("close", () => egressSlow.delete(session));
    });
    const at = { host: "127.0.0.1", port: peer.egressPort };
    if (peer.tls || peer.idTokenAudience) {
      egressPorts[peer.id] = await listen(server, at);
      continue;
    }
    const listener = new FastListener(server, {
      upstream: socketPath !== null ? { path: socketPath } : hostPort(peer.agentAddress),
      fast: () => !links.has(peer.id) && !triggers.needsProxy("egress", peer.id),
      hooks: {
        recorder,
        inject:
          socketPath !== null
            ? null
            : Buffer.concat([
                literalHeader(FROM_HEADER, config.nodeId),
                ...(proof ? [literalHeader(PROOF_HEADER, proof)] : []),
              ]),
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

function hostPort(address: string): { host: string; port: number } {
  const [host, port] = splitAddress(address);
  return { host, port };
}

/** A header's value as received (node:http2 joins repeats with ", "), or undefined. */
function single(headers: http2.IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return value === undefined ? undefined : String(value);
}

function fromPeer(headers: HeaderList): boolean {
  return headerValue(headers, FROM_HEADER) !== undefined;
}

function pathOf(headers: HeaderList): string {
  return headerValue(headers, ":path") ?? "";
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

/** Who made a call on the TCP ingress: the peer named by FROM_HEADER, or the judge's clients. */
function partyOf(headers: HeaderList): string {
  return headerValue(headers, FROM_HEADER) ?? CLIENT;
}
