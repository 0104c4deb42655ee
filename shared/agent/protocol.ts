// The control API's wire form, shared by the agent and its client. Version 1: JSON over the
// agent's own HTTP/2 server, every path under AGENT_API_PREFIX. docs/agent.md documents it.
import type { LinkRule } from "../ports/cluster.ts";

export const AGENT_API_VERSION = 1;
export const AGENT_API_PREFIX = `/_agent/v${AGENT_API_VERSION}`;
/**
 * Carries the agent's control token, when it has one: on Cloud Run the control API shares
 * the node's front door, and the node itself must not drive its own agent.
 */
export const CONTROL_TOKEN_HEADER = "x-clusterjudge-control-token";

/** Every route: method and path (after the prefix). */
export const ROUTES = {
  info: { method: "GET", path: "/info" },
  status: { method: "GET", path: "/status" },
  kill: { method: "POST", path: "/kill" },
  start: { method: "POST", path: "/start" },
  wipe: { method: "POST", path: "/wipe" },
  pause: { method: "POST", path: "/pause" },
  resume: { method: "POST", path: "/resume" },
  getLinks: { method: "GET", path: "/links" },
  setLinks: { method: "PUT", path: "/links" },
  messages: { method: "GET", path: "/messages" },
  counters: { method: "GET", path: "/counters" },
  logs: { method: "GET", path: "/logs" },
  clear: { method: "POST", path: "/clear" },
  shutdown: { method: "POST", path: "/shutdown" },
  triggers: { method: "GET", path: "/triggers" },
  setTrigger: { method: "POST", path: "/triggers" },
  clearTriggers: { method: "DELETE", path: "/triggers" },
  firings: { method: "GET", path: "/firings" },
} as const;

export type RouteName = keyof typeof ROUTES;

export interface StartBody {
  skewMs?: number;
}

export interface SetLinksBody {
  rules: LinkRule[];
}

/** GET /info: what this agent is, for adapters and for debugging. */
export interface AgentInfo {
  apiVersion: number;
  nodeId: string;
  pid: number;
  ingressPort: number;
  egressPorts: Record<string, number>;
  decoding: boolean;
  /** Live connections on the fast path (byte relay) and on the full proxy, of the
   *  listeners that have a fast path (the node's egress, the ingress without control). */
  connections: { fast: number; full: number };
}

/** The body of every answer that is not 200. */
export interface ErrorBody {
  error: string;
}
