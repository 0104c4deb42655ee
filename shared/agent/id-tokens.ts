// ID tokens for calls to peers behind Cloud Run's front end, which admits only callers
// holding the run.invoker role: fetched from the metadata server of the instance the agent
// runs on, one per audience (the peer's service URL), and reused until shortly before they
// expire. GCE_METADATA_HOST moves the metadata server, as Google's own libraries allow.
import { ID_TOKEN_REFRESH_BEFORE_MS, ID_TOKEN_FETCH_TIMEOUT_MS } from "./limits.ts";

const DEFAULT_METADATA_HOST = "metadata.google.internal";

export class IdTokenError extends Error {
  constructor(
    readonly audience: string,
    message: string,
  ) {
    super(`ID token for ${audience}: ${message}`);
    this.name = "IdTokenError";
  }
}

interface Cached {
  token: string;
  /** When it is to be fetched again, ms since the epoch. */
  refreshAtMs: number;
}

export class IdTokens {
  private readonly cache = new Map<string, Cached>();
  private readonly pending = new Map<string, Promise<string>>();
  private readonly metadataHost: string;

  constructor(env: NodeJS.ProcessEnv) {
    this.metadataHost = env["GCE_METADATA_HOST"] || DEFAULT_METADATA_HOST;
  }

  /** A token for `audience`, from the cache while it is fresh. */
  get(audience: string): Promise<string> {
    const cached = this.cache.get(audience);
    if (cached && Date.now() < cached.refreshAtMs) return Promise.resolve(cached.token);
    const pending = this.pending.get(audience);
    if (pending) return pending;
    const fetching = this.fetch(audience).finally(() => this.pending.delete(audience));
    this.pending.set(audience, fetching);
    return fetching;
  }

  private async fetch(audience: string): Promise<string> {
    const url = `http://${this.metadataHost}/computeMetadata/v1/instance/service-accounts/default/identity?audience=${encodeURIComponent(audience)}&format=full`;
    let res: Response;
    try {
      res = await fetch(url, {
        headers: { "Metadata-Flavor": "Google" },
        signal: AbortSignal.timeout(ID_TOKEN_FETCH_TIMEOUT_MS),
      });
    } catch (err) {
      throw new IdTokenError(audience, `metadata server unreachable: ${(err as Error).message}`);
    }
    const token = (await res.text()).trim();
    if (!res.ok) throw new IdTokenError(audience, `metadata server answered ${res.status}`);
    this.cache.set(audience, {
      token,
      refreshAtMs: expiresAtMs(token) - ID_TOKEN_REFRESH_BEFORE_MS,
    });
    return token;
  }
}

/** The token's `exp` claim; a token that does not say is fetched again at once. */
function expiresAtMs(token: string): number {
  try {
    const payload = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString());
    return typeof payload.exp === "number" ? payload.exp * 1000 : 0;
  } catch {
    return 0;
  }
}
