// Who may talk to the local server. Every request must name the server in its Host header
// (a page on another site whose name was pointed at this address, DNS rebinding, names its
// own); a request that changes state must not come from a page of another origin (Origin);
// and when the server takes a token (bound beyond loopback, or given one), every request
// must carry it. Browsers get the token once from the printed URL and keep it in a cookie.
import { createHash, timingSafeEqual } from "node:crypto";
import type { Request, RequestHandler, Response } from "express";

export interface AccessRules {
  /** "host:port" values the Host header may hold, lower case. */
  hosts: ReadonlySet<string>;
  /** The token every request must carry, or null where none is needed. */
  token: string | null;
  /** Cookie holding the token in a browser; per port, as cookies ignore ports. */
  cookie: string;
}

/** The query parameter the printed URL carries the token in, once. */
export const TOKEN_PARAM = "token";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function accessGuard(rules: AccessRules): RequestHandler {
  return (req, res, next) => {
    const host = (req.headers.host ?? "").toLowerCase();
    if (!rules.hosts.has(host)) {
      refuse(
        req,
        res,
        403,
        `this server answers only to ${[...rules.hosts].join(", ")}, not to Host ` +
          `${JSON.stringify(host.slice(0, 100))}: a page on another site may be trying to reach ` +
          `it through its own name (DNS rebinding). Another name of this machine can be allowed ` +
          `with ${ALLOWED_HOSTS_ENV}`,
      );
      return;
    }
    if (!SAFE_METHODS.has(req.method)) {
      const origin = req.headers.origin;
      const crossSite = req.headers["sec-fetch-site"] === "cross-site";
      if (crossSite || (origin !== undefined && !rules.hosts.has(originHost(origin)))) {
        refuse(
          req,
          res,
          403,
          `a page of another origin (${origin ?? "cross-site"}) may not change anything here`,
        );
        return;
      }
    }
    if (rules.token === null) return next();
    const given = tokenOf(req, rules.cookie);
    if (given !== null && sameToken(given, rules.token)) return next();
    const fromUrl = req.query[TOKEN_PARAM];
    if (SAFE_METHODS.has(req.method) && typeof fromUrl === "string") {
      if (sameToken(fromUrl, rules.token)) return keepInCookie(req, res, rules);
    }
    refuse(
      req,
      res,
      401,
      "this server needs its token: open the address it printed when it started " +
        `(it ends in ?${TOKEN_PARAM}=…), or send Authorization: Bearer <token>`,
    );
  };
}

/** The token from Authorization: Bearer, or else from the cookie. */
function tokenOf(req: Request, cookie: string): string | null {
  const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? "")?.[1];
  if (bearer) return bearer;
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === cookie) return decodeURIComponent(value.join("="));
  }
  return null;
}

/** Compared by hash, in constant time: the comparison says nothing of how close a guess was. */
function sameToken(given: string, expected: string): boolean {
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** Sets the cookie and sends the browser on to the same page without the token in its URL. */
function keepInCookie(req: Request, res: Response, rules: AccessRules): void {
  const url = new URL(req.originalUrl, "http://server");
  url.searchParams.delete(TOKEN_PARAM);
  res.setHeader(
    "Set-Cookie",
    `${rules.cookie}=${encodeURIComponent(rules.token ?? "")}; Path=/; HttpOnly; SameSite=Strict`,
  );
  // One leading slash: "//host/..." would send the browser to another site.
  res.redirect(303, `/${url.pathname.replace(/^\/+/, "")}${url.search}`);
}

/** "host:port" of an Origin ("http://127.0.0.1:8080"), or "" when it is none ("null"). */
function originHost(origin: string): string {
  try {
    const url = new URL(origin);
    return url.protocol === "http:" ? url.host.toLowerCase() : "";
  } catch {
    return "";
  }
}

function refuse(req: Request, res: Response, status: number, message: string): void {
  if (req.path.startsWith("/api/")) {
    res.status(status).json({ error: message });
  } else {
    res.status(status).type("text/plain").send(`${message}\n`);
  }
}

/** Extra names the server answers to, comma separated ("judge.lan,192.168.1.20"). */
export const ALLOWED_HOSTS_ENV = "CLUSTERJUDGE_ALLOWED_HOSTS";
