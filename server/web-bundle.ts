// The web UI, bundled by esbuild. `npm start` bundles it in memory when the server starts:
// nothing is written to the repository, and a fresh clone serves the UI with no build step.
// `npm run build` writes the same files into the api function's bundle (writeWebAssets),
// which serves them with the same handler (functions/cloud/web-ui.ts).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import * as esbuild from "esbuild";
import type { RequestHandler } from "express";
import { contentTypeOf, serveWebUi, type WebAsset } from "../functions/cloud/web-ui.ts";
import { REPO_ROOT } from "../shared/pipeline/home.ts";

export const WEB_DIR = join(REPO_ROOT, "web");

/** Files served as they are, by URL path. */
const STATIC_FILES: Record<string, string> = {
  "/index.html": "index.html",
  "/style.css": "style.css",
};

/** Every asset by URL path: the static files and the bundle's chunks under /assets/. */
export async function buildWebAssets(): Promise<Map<string, WebAsset>> {
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
      contentType: contentTypeOf(file.path),
      body: Buffer.from(file.contents),
    });
  }
  for (const [url, name] of Object.entries(STATIC_FILES)) {
    assets.set(url, { contentType: contentTypeOf(name), body: readFileSync(join(WEB_DIR, name)) });
  }
  return assets;
}

/** Writes the assets under `dir` by URL path, for the api bundle (readWebAssets reads them). */
export async function writeWebAssets(dir: string): Promise<string[]> {
  const assets = await buildWebAssets();
  for (const [url, asset] of assets) {
    const file = join(dir, url);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, asset.body);
  }
  return [...assets.keys()].sort();
}

/** The local server's UI: bundled now, with the settings it is given (web/config.ts). */
export async function webUiHandler(config: object): Promise<RequestHandler> {
  return serveWebUi(await buildWebAssets(), () => config);
}
