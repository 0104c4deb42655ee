// The function bundles for the tests, loading them in this process, and serving one with the
// functions framework's own test server on a loopback port (or reaching one served elsewhere). `npm run build`'s output is made
// once per content of its inputs, under node_modules/.cache (where the bundles' external
// packages still resolve), and shared by the test files and later runs.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { getTestServer } from "@google-cloud/functions-framework/testing";
import { CLOUD_FUNCTIONS } from "../../functions/cloud/catalog.ts";
import { buildFunctions, type BuiltFunction } from "../../scripts/build-functions.ts";
import type { HttpShape } from "./pubsub-shapes.ts";

const REPO = new URL("../../", import.meta.url).pathname;
const CACHE = join(REPO, "node_modules", ".cache", "clusterjudge");
/** Everything a bundle is made from: sources, copied folders, the build script, packages. */
const INPUTS = [
  "functions",
  "shared",
  "harness",
  "problems",
  "languages",
  "scripts/build-functions.ts",
  "web",
  "server/web-bundle.ts",
  "package.json",
  "package-lock.json",
];
const MANIFEST = "built.json";
/** Bundles of older inputs are removed once this old. */
const STALE_MS = 60 * 60_000;

export interface TestBundles {
  dir: string;
  built: BuiltFunction[];
}

/** Every bundle, built unless bundles of the same inputs are in the cache. */
export async function buildTestBundles(): Promise<TestBundles> {
  mkdirSync(CACHE, { recursive: true });
  const dir = join(CACHE, `functions-${inputsHash()}`);
  if (!existsSync(join(dir, MANIFEST))) {
    const building = mkdtempSync(join(CACHE, "functions-building-"));
    const built = await buildFunctions(building);
    const names = built.map(({ name, dependencies, sources }) => ({ name, dependencies, sources }));
    writeFileSync(join(building, MANIFEST), JSON.stringify(names));
    try {
      renameSync(building, dir);
    } catch {
      rmSync(building, { recursive: true, force: true }); // another test file was first
    }
    removeStale(dir);
  }
  const names = JSON.parse(readFileSync(join(dir, MANIFEST), "utf8")) as Omit<
    BuiltFunction,
    "dir"
  >[];
  return { dir, built: names.map((b) => ({ ...b, dir: join(dir, b.name) })) };
}

function removeStale(keep: string): void {
  for (const name of readdirSync(CACHE)) {
    const path = join(CACHE, name);
    if (!name.startsWith("functions-") || path === keep) continue;
    if (Date.now() - statSync(path).mtimeMs > STALE_MS)
      rmSync(path, { recursive: true, force: true });
  }
}

function inputsHash(): string {
  const hash = createHash("sha256");
  const add = (path: string) => {
    const full = join(REPO, path);
    if (!existsSync(full)) return;
    if (statSync(full).isDirectory()) {
      for (const name of readdirSync(full).sort()) add(join(path, name));
      return;
    }
    hash.update(path).update("\0").update(readFileSync(full)).update("\0");
  };
  for (const input of INPUTS) add(input);
  return hash.digest("hex").slice(0, 16);
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
    ...httpEndpoint(url),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A function served at `url`, in this process or another. */
export function httpEndpoint(url: string): Omit<Served, "close"> {
  return {
    url,
    post: async (shape) => {
      const res = await fetch(url, { method: "POST", headers: shape.headers, body: shape.body });
      return { status: res.status, text: await res.text() };
    },
  };
}
