// A listener that gives each connection the fast path (a byte relay to the upstream) when
// its link has no fault rules, and the full proxy (a node:http2 server) otherwise, or when
// the upstream cannot be reached (the full proxy then answers each call UNAVAILABLE at
// once). `reconsider` moves live connections whose path no longer fits: a relay gets a
// GOAWAY, a full-proxy session a graceful close; either way the caller reconnects.
import type http2 from "node:http2";
import net, { type AddressInfo } from "node:net";
import type { HeaderList } from "./hpack.ts";
import { RawRelay, type RelayHooks } from "./relay.ts";

/** A TCP address or a unix socket path. */
export type Endpoint = { host: string; port: number } | { path: string };

export interface FastRoute {
  upstream: Endpoint;
  /**
   * Whether a connection may take the fast path now, given the headers of its first call
   * (null before it made one, or when it is on the full proxy).
   */
  fast(first: HeaderList | null): boolean;
  hooks: RelayHooks;
}

export class FastListener {
  readonly server: net.Server;
  private readonly relays = new Set<RawRelay>();
  private readonly sessions = new Set<http2.ServerHttp2Session>();

  constructor(
    private readonly full: http2.Http2Server,
    private readonly route: FastRoute,
  ) {
    this.server = net.createServer({ noDelay: true }, (socket) => this.accept(socket));
    full.on("session", (session: http2.ServerHttp2Session) => {
      this.sessions.add(session);
      session.once("close", () => this.sessions.delete(session));
    });
  }

  /** Listens on host and port (resolves with the port), or on a unix socket path (resolves 0). */
  listen(hostOrPath: string, port?: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      const done = () => {
        this.server.off("error", reject);
        const address = this.server.address();
        resolve(typeof address === "object" && address ? (address as AddressInfo).port : 0);
      };
      if (port === undefined) this.server.listen(hostOrPath, done);
      else this.server.listen(port, hostOrPath, done);
    });
  }

  get fastCount(): number {
    return this.relays.size;
  }

  get fullCount(): number {
    return this.sessions.size;
  }

  /** Moves every connection whose path no longer fits its link's rules. */
  reconsider(): void {
    for (const relay of this.relays) if (!this.route.fast(relay.firstHeaders)) relay.drain();
    if (this.route.fast(null)) for (const session of this.sessions) session.close();
  }

  /**
   * Passes on no call that starts from now on, on either path; calls already started go
   * on. For a node just killed: what it began in its last moment does not leave.
   */
  drainAll(): void {
    for (const relay of this.relays) relay.drain();
    for (const session of this.sessions) session.close();
  }

  close(): void {
    this.server.close();
    for (const relay of this.relays) relay.close(false);
  }

  private accept(socket: net.Socket): void {
    socket.on("error", () => {}); // the owner (relay or full proxy) handles it from here
    if (!this.route.fast(null)) return void this.full.emit("connection", socket);
    // Nothing is read from the socket until the upstream answers: on failure the full
    // proxy gets the connection whole.
    const upstream = net.connect({ ...this.route.upstream, noDelay: true });
    upstream.once("error", () => {
      upstream.destroy();
      if (!socket.destroyed) this.full.emit("connection", socket);
    });
    upstream.once("connect", () => {
      upstream.removeAllListeners("error");
      if (socket.destroyed) return void upstream.destroy();
      const relay = new RawRelay(socket, upstream, this.route.hooks, () =>
        this.relays.delete(relay),
      );
      this.relays.add(relay);
    });
  }
}
