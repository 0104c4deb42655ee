// One HTTP/2 connection per upstream (the node, or a peer's agent), made again after it
// breaks. A dead upstream fails calls fast, as a refused connection would.
import http2 from "node:http2";
import { connect } from "node:net";
import { SESSION_MEMORY_MB_MAX, STREAM_WINDOW_BYTES } from "./limits.ts";

export const HTTP2_SETTINGS: http2.Settings = { initialWindowSize: STREAM_WINDOW_BYTES };

export class Upstreams {
  private readonly sessions = new Map<string, http2.ClientHttp2Session>();

  /** The live session to `address` ("host:port" or "unix:/path"), connecting when there is none. */
  get(address: string, tls = false): http2.ClientHttp2Session {
    const key = `${tls ? "https" : "http"}://${address}`;
    const known = this.sessions.get(key);
    if (known && !known.closed && !known.destroyed) return known;
    const common = { settings: HTTP2_SETTINGS, maxSessionMemory: SESSION_MEMORY_MB_MAX };
    const path = unixPath(address);
    const [host, port] = path === null ? splitAddress(address) : ["localhost", 0];
    const session =
      path !== null
        ? http2.connect("http://localhost", {
            ...common,
            createConnection: () => connect({ path }),
          })
        : tls
          ? http2.connect(key, { ...common, servername: host })
          : http2.connect(key, {
              ...common,
              createConnection: () => connect({ host, port, noDelay: true }),
            });
    const forget = () => {
      if (this.sessions.get(key) === session) this.sessions.delete(key);
    };
    // Errors reach the streams on the session; the session itself is just forgotten.
    session.on("error", forget);
    session.on("goaway", forget);
    session.on("close", forget);
    session.once("connect", () => session.setLocalWindowSize(STREAM_WINDOW_BYTES));
    this.sessions.set(key, session);
    return session;
  }

  /** Drops every connection, e.g. after the node was killed. */
  closeAll(): void {
    for (const session of this.sessions.values()) session.destroy();
    this.sessions.clear();
  }
}

/** The socket path of a "unix:/path" address, or null for "host:port". */
export function unixPath(address: string): string | null {
  return address.startsWith("unix:") ? address.slice("unix:".length) : null;
}

export function splitAddress(address: string): [string, number] {
  const at = address.lastIndexOf(":");
  return [address.slice(0, at).replace(/^\[|\]$/g, ""), Number(address.slice(at + 1))];
}
