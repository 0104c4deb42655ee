// Building the function bundles for a test file, loading them in this process, and serving
// one with the functions framework's own test server on a loopback port. The bundles go to
// a fresh folder under node_modules/.cache, where their external packages still resolve.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { getTestServer } from "@google-cloud/functions-framework/testing";
import { CLOUD_FUNCTIONS } from "../../functions/cloud/catalog.ts";
import { buildFunctions, type BuiltFunction } from "../../scripts/build-functions.ts";
import type { HttpShape } from "./pubsub-shapes.ts";

const CACHE = new URL("../../node_modules/.cache/clusterjudge/", import.meta.url).pathname;

export interface TestBundles {
  dir: string;
  built: BuiltFunction[];
  dispose(): void;
}

export async function buildTestBundles(names?: string[]): Promise<TestBundles> {
  mkdirSync(CACHE, { recursive: true });
  const dir = mkdtempSync(join(CACHE, "functions-test-"));
  const built = await buildFunctions(dir, names);
  return { dir, built, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Imports a bundle (registering its function) and returns its exports. */
export async function loadBundle<M>(dir: string, name: string): Promise<M> {
  return (await import(pathToFileURL(join(dir, name, "index.js")).href)) as M;
}

export function targetOf(name: string): string {
  const spec = CLOUD_FUNCTIONS.find((f) => f.name === name);
  if (!spec) throw new Error(`no function ${name}`);
  return spec.target;
}

export interface Served {
  url: string;
  post(shape: HttpShape): Promise<{ status: number; text: string }>;
  close(): Promise<void>;
}

/** The registered function behind the framework's test server, on 127.0.0.1. */
export async function serve(target: string): Promise<Served> {
  const server: Server = getTestServer(target);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url,
    post: async (shape) => {
      const res = await fetch(url, { method: "POST", headers: shape.headers, body: shape.body });
      return { status: res.status, text: await res.text() };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
