// The files every Cloud Build archive carries besides the submission: the bundled agent and
// toolchain step, the Dockerfiles. A function has neither the sources nor esbuild to make
// them, so `npm run build` writes them into the submit bundle's support/ folder, with a
// manifest of their paths and modes, and the builder reads them from there.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { TarEntry } from "../../shared/adapters/gcp/builder/index.ts";

export const SUPPORT_DIR = "support";
const MANIFEST = "manifest.json";

interface ManifestEntry {
  path: string;
  mode?: number;
}

export async function writeSupportFiles(bundleDir: string, entries: TarEntry[]): Promise<void> {
  const root = join(bundleDir, SUPPORT_DIR);
  for (const e of entries) {
    await mkdir(dirname(join(root, e.path)), { recursive: true });
    await writeFile(join(root, e.path), e.data);
  }
  const manifest: ManifestEntry[] = entries.map((e) => ({
    path: e.path,
    ...(e.mode !== undefined ? { mode: e.mode } : {}),
  }));
  await writeFile(join(root, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
}

export async function readSupportFiles(bundleDir: string): Promise<TarEntry[]> {
  const root = join(bundleDir, SUPPORT_DIR);
  const manifest = JSON.parse(await readFile(join(root, MANIFEST), "utf8")) as ManifestEntry[];
  return Promise.all(
    manifest.map(async (m) => ({
      path: m.path,
      data: await readFile(join(root, m.path)),
      ...(m.mode !== undefined ? { mode: m.mode } : {}),
    })),
  );
}
