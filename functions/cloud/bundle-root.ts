// Where the running bundle is: `npm run build` copies the folders a function reads there.
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";

/** The folder of the running bundle (index.js), given its module URL. */
export function bundleRoot(moduleUrl: string): string {
  return dirname(fileURLToPath(moduleUrl));
}
