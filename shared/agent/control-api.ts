// Serves the control API (protocol.ts) on an HTTP/2 stream: parses the route and the JSON
// body, acts on the supervisor, the link table, the recorder or the log, answers JSON.
import http2 from "node:http2";
import type { LinkRule } from "../ports/cluster.ts";
import { sameSecret } from "./call-proofs.ts";
import { AgentActionError } from "./errors.ts";
import { CONTROL_BODY_BYTES_MAX } from "./limits.ts";
import type { LinkTable } from "./links.ts";
import type { NodeLog } from "./node-log.ts";
import {
  AGENT_API_PREFIX,
  CONTROL_TOKEN_HEADER,
  ROUTES,
  type AgentInfo,
  type RouteName,
} from "./protocol.ts";
import type { Recorder } from "./recorder.ts";
import type { Supervisor } from "./supervisor.ts";
import type { Triggers } from "./triggers.ts";

export interface ControlDeps {
  supervisor: Supervisor;
  links: LinkTable;
  recorder: Recorder;
  triggers: Triggers;
  log: NodeLog;
  info(): AgentInfo;
  /** Kill the node and end the agent, after the answer is sent. */
  shutdown(): void;
  /** Required in CONTROL_TOKEN_HEADER of every call, when set. */
  token?: string;
}

type Handler = (body: unknown, query: URLSearchParams) => unknown | Promise<unknown>;

export class ControlApi {
  private readonly handlers: Record<RouteName, Handler>;

  constructor(private readonly deps: ControlDeps) {
    const { supervisor, links, recorder, triggers, log } = deps;
    this.handlers = {
      info: () => deps.info(),
      status: () => supervisor.status(),
      kill: () => supervisor.kill(),
      start: (body) => supervisor.start(skewFrom(body)),
      wipe: () => supervisor.wipe(),
      pause: () => supervisor.pause(),
      resume: () => supervisor.resume(),
      getLinks: () => ({ rules: links.list() }),
      setLinks: (body) => {
        const rules = rulesFrom(body);
        links.set(rules);
        log.agent(`links set: ${rules.length ? JSON.stringify(rules) : "none (healed)"}`);
      },
      messages: (_, query) => recorder.messages(sinceFrom(query)),
      counters: () => recorder.counters(),
      logs: (_, query) => log.read(sinceFrom(query)),
      clear: () => {
        recorder.clear();
        triggers.clearFirings();
      },
      shutdown: () => setImmediate(() => deps.shutdown()),
      triggers: () => triggers.state(),
      setTrigger: (body) => log.agent(`trigger set: ${JSON.stringify(triggers.set(body))}`),
      clearTriggers: () => {
        triggers.clear();
        log.agent("triggers cleared");
      },
      firings: (_, query) => triggers.firings(sinceFrom(query)),
    };
  }

  handle(stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders): void {
    stream.on("error", () => {});
    const url = new URL(String(headers[":path"]), "http://agent");
    const method = String(headers[":method"]);
    const token = this.deps.token;
    const given = headers[CONTROL_TOKEN_HEADER];
    if (token !== undefined && !sameSecret(typeof given === "string" ? given : undefined, token)) {
      reply(stream, 401, { error: `control calls need this agent's ${CONTROL_TOKEN_HEADER}` });
      return;
    }
    const route = routeOf(method, url.pathname);
    if (!route) {
      const known = Object.values(ROUTES).map((r) => `${r.method} ${AGENT_API_PREFIX}${r.path}`);
      reply(stream, 404, {
        error: `no route ${method} ${url.pathname}; routes: ${known.join(", ")}`,
      });
      return;
    }
    readBody(stream)
      .then(async (body) => {
        const result = await this.handlers[route](body, url.searchParams);
        reply(stream, 200, result ?? {});
      })
      .catch((err: unknown) => {
        const status = err instanceof AgentActionError ? err.status : 500;
        reply(stream, status, { error: (err as Error).message });
      });
  }
}

function routeOf(method: string, pathname: string): RouteName | null {
  for (const [name, route] of Object.entries(ROUTES)) {
    if (route.method === method && AGENT_API_PREFIX + route.path === pathname)
      return name as RouteName;
  }
  return null;
}

function readBody(stream: http2.ServerHttp2Stream): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    stream.on("data", (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes <= CONTROL_BODY_BYTES_MAX) chunks.push(chunk);
    });
    stream.once("end", () => {
      if (bytes > CONTROL_BODY_BYTES_MAX) {
        reject(new AgentActionError(`body over ${CONTROL_BODY_BYTES_MAX} bytes`, 400));
      } else if (bytes === 0) {
        resolve(undefined);
      } else {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")));
        } catch {
          reject(new AgentActionError("body is not JSON", 400));
        }
      }
    });
  });
}

function reply(stream: http2.ServerHttp2Stream, status: number, body: unknown): void {
  if (stream.destroyed || stream.closed || stream.headersSent) return;
  stream.respond({ ":status": status, "content-type": "application/json" });
  stream.end(JSON.stringify(body));
}

function sinceFrom(query: URLSearchParams): number {
  const raw = query.get("since");
  if (raw === null) return 0;
  const since = Number(raw);
  if (!Number.isInteger(since) || since < 0) {
    throw new AgentActionError("since must be a whole number ≥ 0", 400);
  }
  return since;
}

function skewFrom(body: unknown): number {
  const skew = (body as { skewMs?: unknown } | undefined)?.skewMs;
  if (skew === undefined) return 0;
  if (typeof skew !== "number" || !Number.isFinite(skew)) {
    throw new AgentActionError("skewMs must be a number", 400);
  }
  return skew;
}

function rulesFrom(body: unknown): LinkRule[] {
  const rules = (body as { rules?: unknown } | undefined)?.rules;
  if (!Array.isArray(rules)) throw new AgentActionError("body must be { rules: LinkRule[] }", 400);
  for (const rule of rules) {
    if (typeof rule !== "object" || rule === null || typeof rule.link !== "string") {
      throw new AgentActionError('every rule needs a link (a peer id or "clients")', 400);
    }
  }
  return rules as LinkRule[];
}
