// Serving the web UI: its built files by URL path, and /config.json. The local server builds
// the files in memory at start (server/web-bundle.ts); the api function reads the copy
// `npm run build` put in its bundle (WEB_UI_FOLDER). Either way this handler serves them.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { RequestHandler } from "express";

/** The folder of the api bundle holding the UI's built files, laid out by URL path. */
export const WEB_UI_FOLDER = "web-ui";

export interface WebAsset {
  contentType: string;
  body: Buffer;
}

/** The page "/" answers with. */
const INDEX_FILE = "/index.html";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
};

export function contentTypeOf(name: string): string {
  return TYPES[name.slice(name.lastIndexOf("."))] ?? "application/octet-stream";
}

/** The UI's files under a folder, by URL path ("/index.html", "/assets/main.js"). */
export function readWebAssets(dir: string): Map<string, WebAsset> {
  const assets = new Map<string, WebAsset>();
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else {
        const url = `/${relative(dir, path).split("\\").join("/")}`;
        assets.set(url, { contentType: contentTypeOf(name), body: readFileSync(path) });
      }
    }
  };
  walk(dir);
  return assets;
}

/**
 * Serves the assets (the index at "/" too) and /config.json, which tells the UI where the
 * live state comes from and how to sign in (web/config.ts). `config` is called on each
 * request for it, so a deployment's missing settings fail that request with their names.
 */
export function serveWebUi(
  assets: ReadonlyMap<string, WebAsset>,
  config: () => object,
): RequestHandler {
  return (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    if (req.path === "/config.json") {
      let body: object;
      try {
        body = config();
      } catch (err) {
        return void res.status(500).json({ error: (err as Error).message });
      }
      return void res.set("cache-control", "no-store").json(body);
    }
    const asset = assets.get(req.path === "/" ? INDEX_FILE : req.path);
    if (!asset) return next();
    res.type(asset.contentType).send(asset.body);
  };
}
