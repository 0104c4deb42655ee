// The NodeControl of one agent, over its control API (protocol.ts): JSON on HTTP/2. Used by
// the test runner locally (over a unix socket or loopback) and from the cloud, where
// `headers` adds the identity token each request needs.
import http2 from "node:http2";
import { connect } from "node:net";
import type {
  LinkRule,
  LogLine,
  MessageRecord,
  NodeControl,
  NodeStatus,
  Page,
  TriggerFiring,
  TriggerRule,
  TriggerState,
} from "../ports/cluster.ts";
import { AGENT_API_PREFIX, ROUTES, type AgentInfo, type RouteName } from "./protocol.ts";

export interface ControlClientOptions {
  /** Headers added to every request (e.g. `authorization` on Cloud Run). */
  headers?: () => Record<string, string> | Promise<Record<string, string>>;
  /** How long one request may take; kill waits for the node to be reaped. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 15_000;

export class AgentControlError extends Error {
  constructor(
    message: string,
    readonly address: string,
    readonly route: string,
    /** The API's HTTP status, or null when the agent could not be reached. */
    readonly status: number | null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "AgentControlError";
  }
}

export class ControlClient implements NodeControl {
  private session: http2.ClientHttp2Session | null = null;
  private inFlight = 0;

  /**
   * @param address "host:port", "unix:/path/to/socket", or an http(s):// origin.
   */
  constructor(
    readonly address: string,
    private readonly options: ControlClientOptions = {},
  ) {}

  info(): Promise<AgentInfo> {
    return this.call("info");
  }
  status(): Promise<NodeStatus> {
    return this.call("status");
  }
  async kill(): Promise<void> {
    await this.call("kill");
  }
  async start(opts: { skewMs?: number } = {}): Promise<void> {
    await this.call("start", opts);
  }
  async wipe(): Promise<void> {
    await this.call("wipe");
  }
  async pause(): Promise<void> {
    await this.call("pause");
  }
  async resume(): Promise<void> {
    await this.call("resume");
  }
  async setLinks(rules: LinkRule[]): Promise<void> {
    await this.call("setLinks", { rules });
  }
  async links(): Promise<LinkRule[]> {
    return (await this.call<{ rules: LinkRule[] }>("getLinks")).rules;
  }
  messages(opts: { since?: number } = {}): Promise<Page<MessageRecord>> {
    return this.call("messages", undefined, opts.since);
  }
  counters(): Promise<Record<string, number>> {
    return this.call("counters");
  }
  logs(opts: { since?: number } = {}): Promise<Page<LogLine>> {
    return this.call("logs", undefined, opts.since);
  }
  async clear(): Promise<void> {
    await this.call("clear");
  }
  async setTrigger(rule: TriggerRule): Promise<void> {
    await this.call("setTrigger", rule);
  }
  async clearTriggers(): Promise<void> {
    await this.call("clearTriggers");
  }
  triggers(): Promise<TriggerState> {
    return this.call("triggers");
  }
  firings(opts: { since?: number } = {}): Promise<Page<TriggerFiring>> {
    return this.call("firings", undefined, opts.since);
  }
  /** Kills the node and ends the agent. */
  async shutdown(): Promise<void> {
    await this.call("shutdown");
  }

  close(): void {
    this.session?.close();
    this.session = null;
  }

  private connection(): http2.ClientHttp2Session {
    if (this.session && !this.session.closed && !this.session.destroyed) return this.session;
    const address = this.address;
    let session: http2.ClientHttp2Session;
    if (address.startsWith("unix:")) {
      const path = address.slice("unix:".length);
      session = http2.connect("http://agent", { createConnection: () => connect({ path }) });
    } else if (/^https?:\/\//.test(address)) {
      session = http2.connect(address);
    } else {
      session = http2.connect(`http://${address}`);
    }
    session.on("error", () => {}); // each request sees the failure on its own stream
    session.unref(); // an idle control connection must not keep the judge alive
    this.session = session;
    return session;
  }

  private async call<T = unknown>(name: RouteName, body?: unknown, since?: number): Promise<T> {
    const route = ROUTES[name];
    const query = since === undefined ? "" : `?since=${since}`;
    const path = `${AGENT_API_PREFIX}${route.path}${query}`;
    const extra = (await this.options.headers?.()) ?? {};
    const label = `${route.method} ${route.path}`;
    const fail = (message: string, status: number | null, cause?: unknown) =>
      new AgentControlError(
        `agent ${this.address}: ${label}: ${message}`,
        this.address,
        label,
        status,
        { cause },
      );
    return new Promise<T>((resolve, reject) => {
      const session = this.connection();
      this.inFlight += 1;
      session.ref();
      const done = () => {
        this.inFlight -= 1;
        if (this.inFlight === 0 && !session.destroyed) session.unref();
      };
      const hasBody = body !== undefined;
      const req = session.request(
        { ":method": route.method, ":path": path, "content-type": "application/json", ...extra },
        { endStream: !hasBody },
      );
      req.setTimeout(this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS, () => {
        req.close(http2.constants.NGHTTP2_CANCEL);
        reject(fail("timed out", null));
      });
      let status = 0;
      const chunks: Buffer[] = [];
      req.on("response", (headers) => (status = Number(headers[":status"])));
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("error", (err) => {
        done();
        reject(fail(err.message, null, err));
      });
      req.on("end", () => {
        done();
        const text = Buffer.concat(chunks).toString("utf8");
        let parsed: unknown;
        try {
          parsed = text ? JSON.parse(text) : {};
        } catch {
          return reject(fail(`answer is not JSON (HTTP ${status}): ${text.slice(0, 200)}`, status));
        }
        if (status === 200) return resolve(parsed as T);
        const message = (parsed as { error?: string }).error ?? `HTTP ${status}`;
        reject(fail(message, status));
      });
      if (hasBody) req.end(JSON.stringify(body));
    });
  }
}
