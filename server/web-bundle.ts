// The web UI, bundled by esbuild when the server starts and kept in memory: nothing is
// written to the repository, and a fresh clone serves the UI with no build step.
import { readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import * as esbuild from "esbuild";
import type { RequestHandler } from "express";
import { REPO_ROOT } from "../shared/pipeline/home.ts";

export const WEB_DIR = join(REPO_ROOT, "web");

interface WebAsset {
  contentType: string;
  body: Buffer | string;
}

const STATIC_FILES: Record<string, string> = {
  "/": "index.html",
  "/index.html": "index.html",
  "/style.css": "style.css",
};

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
};

function typeOf(name: string): string {
  return TYPES[name.slice(name.lastIndexOf("."))] ?? "application/octet-stream";
}

/** Every asset by URL path: the static files and the bundle's chunks under /assets/. */
async function buildWebAssets(): Promise<Map<string, WebAsset>> {
  const result = await esbuild.build({
    entryPoints: [join(WEB_DIR, "main.ts")],
    bundle: true,
    splitting: true,
    format: "esm",
    target: "es2022",
    minify: true,
    sourcemap: false,
    outdir: "/assets",
    write: false,
    logLevel: "silent",
  });
  const assets = new Map<string, WebAsset>();
  for (const file of result.outputFiles) {
    assets.set(`/assets/${basename(file.path)}`, {
      contentType: typeOf(file.path),
      body: Buffer.from(file.contents),
    });
  }
  for (const [url, name] of Object.entries(STATIC_FILES)) {
    assets.set(url, { contentType: typeOf(name), body: await readFile(join(WEB_DIR, name)) });
  }
  return assets;
}

/**
 * Serves the UI's assets and its /config.json, which tells the UI where the live state comes
 * from: {"dataSource": "sse"} locally, or Firestore's settings (web/data/choose-source.ts).
 */
export async function webUiHandler(config: object): Promise<RequestHandler> {
  const assets = await buildWebAssets();
  return (req, res, next) => {
    if (req.method !== "GET") return next();
    if (req.path === "/config.json") return void res.json(config);
    const asset = assets.get(req.path);
    if (!asset) return next();
    res.type(asset.contentType).send(asset.body);
  };
}
