// The HTTP API as the UI calls it. Evidence URLs are built here from the submission id and
// the scenario's index, so they are the same whether the live state came from the event
// stream or from Firestore.
import type { PublicListing, PublicResult } from "../functions/api/public-view.ts";
import type { Problem } from "../shared/domain/problems.ts";
import type { MessageRecord } from "../shared/ports/cluster.ts";

export const API = "/api/distributed";

export type ProblemSummary = Problem;
export interface ProblemDetail extends ProblemSummary {
  statement: string | null;
  scenarios: { name: string; description: string }[];
}
export interface SubmissionRequest {
  problemId: number;
  language: string;
  files: Record<string, string>;
  scenarios?: string[];
  seed?: number;
}
export interface SubmissionsFilter {
  problem?: string;
  verdict?: string;
  status?: string;
  limit?: string;
  cursor?: string;
}
export interface SubmissionsPage {
  submissions: PublicListing[];
  /** The cursor of the page after this one; null on the last page. */
  nextCursor: string | null;
}
export interface MessageWindow {
  total: number;
  truncated: boolean;
  messages: MessageRecord[];
}

/** A refusal or failure of the API, with its sentence and the issues it listed. */
export class ApiCallError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues: string[],
  ) {
    super(message);
    this.name = "ApiCallError";
  }

  /** The API wants to know who calls (401): the user must sign in (again). */
  get needsSignIn(): boolean {
    return this.status === 401;
  }
}

let idToken: () => Promise<string | null> = async () => null;

/** Where each call's ID token comes from: the cloud session. Locally calls carry none. */
export function useIdTokens(source: () => Promise<string | null>): void {
  idToken = source;
}

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  const token = await idToken();
  if (token) headers.set("Authorization", `Bearer ${token}`);
  const res = await fetch(path.startsWith("/") ? path : `${API}/${path}`, { ...init, headers });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { error?: string; issues?: string[] };
    throw new ApiCallError(res.status, body.error ?? res.statusText, body.issues ?? []);
  }
  const type = res.headers.get("content-type") ?? "";
  return (type.includes("json") ? await res.json() : await res.text()) as T;
}

export const api = {
  problems: () => call<{ problems: ProblemSummary[] }>("problems").then((r) => r.problems),
  problem: (id: number | string) => call<ProblemDetail>(`problems/${id}`),
  template: (id: number, language: string) =>
    call<{ files: Record<string, string> }>(`problems/${id}/template/${language}`),
  submit: (req: SubmissionRequest) =>
    call<{ id: string }>("submissions", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(req),
    }),
  /** A page of runs, newest first, filtered (docs/api.md, "Listing submissions"). */
  submissions: (query: SubmissionsFilter = {}) => {
    const params = new URLSearchParams(
      Object.entries(query).filter((e): e is [string, string] => Boolean(e[1])),
    ).toString();
    return call<SubmissionsPage>(`submissions${params ? `?${params}` : ""}`);
  },
  tests: (id: string) => call<{ tests: PublicResult[] }>(`submissions/${id}/tests`),
  teardown: (id: string) => call<unknown>(`submissions/${id}/teardown`, { method: "POST" }),
  evidenceUrl: (id: string, index: number, kind: string) =>
    `${API}/submissions/${encodeURIComponent(id)}/tests/${index}/evidence/${kind}`,
  evidenceText: (id: string, index: number, kind: string) =>
    call<string>(api.evidenceUrl(id, index, kind)),
  evidenceJson: <T>(id: string, index: number, kind: string) =>
    call<T | string>(api.evidenceUrl(id, index, kind)).then((v) =>
      typeof v === "string" ? (JSON.parse(v) as T) : v,
    ),
  messages: (id: string, index: number, fromMs: number, toMs: number) =>
    call<MessageWindow>(`${api.evidenceUrl(id, index, "messages")}?fromMs=${fromMs}&toMs=${toMs}`),
};
