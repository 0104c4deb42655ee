// The access rules of a server bound to an address: which Host names it answers to, and
// whether it takes a token. Loopback only: the names of this machine's loopback, no token
// (unless one is given). Any other address, where other machines can connect: a token,
// given in CLUSTERJUDGE_TOKEN or made now; the server does not start without one.
import { randomBytes } from "node:crypto";
import { isIP } from "node:net";
import { hostname, networkInterfaces } from "node:os";
import type { AccessRules } from "./access.ts";

export const TOKEN_ENV = "CLUSTERJUDGE_TOKEN";

/** A token shorter than this is guessable; one made here has 256 bits. */
const TOKEN_CHARS_MIN = 16;
const TOKEN_BYTES = 32;

export class AccessSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AccessSetupError";
  }
}

export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (bare === "localhost" || bare === "::1") return true;
  return isIP(bare) === 4 && bare.startsWith("127.");
}

function isWildcard(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "");
  return bare === "0.0.0.0" || bare === "::";
}

/** "host:port" as a Host header holds it: IPv6 in brackets, the port left out when 80. */
function hostPort(host: string, port: number): string[] {
  const bare = host.replace(/^\[|\]$/g, "").toLowerCase();
  const name = isIP(bare) === 6 ? `[${bare}]` : bare;
  return port === 80 ? [`${name}:80`, name] : [`${name}:${port}`];
}

export interface AccessSetup {
  /** The address the server is bound to, as given (HOST). */
  host: string;
  /** The port it listens on (the real one, after PORT=0). */
  port: number;
  /** TOKEN_ENV's value, if set. */
  token?: string;
  /** More names it answers to (ALLOWED_HOSTS_ENV, comma separated). */
  extraHosts?: string;
  /** Where a token comes from when none is given (tests may fail it). */
  makeToken?: () => string;
}

export function accessRules(setup: AccessSetup): AccessRules {
  const names = ["localhost", "127.0.0.1", "::1", setup.host];
  if (isWildcard(setup.host)) {
    // Bound to every address: the machine's own addresses and name are its names too.
    names.push(hostname());
    for (const list of Object.values(networkInterfaces())) {
      for (const a of list ?? []) names.push(a.address);
    }
  }
  for (const extra of (setup.extraHosts ?? "").split(",")) {
    if (extra.trim()) names.push(extra.trim());
  }
  const hosts = new Set(names.flatMap((n) => hostPort(n, setup.port)));
  return { hosts, token: tokenFor(setup), cookie: `clusterjudge_token_${setup.port}` };
}

function tokenFor(setup: AccessSetup): string | null {
  if (setup.token !== undefined && setup.token !== "") {
    if (setup.token.length < TOKEN_CHARS_MIN) {
      throw new AccessSetupError(
        `${TOKEN_ENV} must be at least ${TOKEN_CHARS_MIN} characters: a short one can be guessed`,
      );
    }
    return setup.token;
  }
  if (isLoopback(setup.host)) return null;
  try {
    return (setup.makeToken ?? (() => randomBytes(TOKEN_BYTES).toString("base64url")))();
  } catch (err) {
    throw new AccessSetupError(
      `bound to ${setup.host}, beyond this machine, the server needs a token and could not ` +
        `make one (${(err as Error).message}); set ${TOKEN_ENV}, or bind to 127.0.0.1`,
    );
  }
}
