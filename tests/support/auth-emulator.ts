// The Firebase Auth emulator, from the firebase-tools CLI that `npm run setup:cloud-ui`
// installs into tests/browser/auth-emulator/ (pinned and locked there): it is no dependency of
// clusterjudge, 600 packages for one browser test. It is started by the CLI's public command,
// `firebase emulators:start --only auth`, with a firebase.json of its own on free loopback
// ports. CI=1 keeps the CLI from fetching its news and update notices from the web.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "../../shared/pipeline/home.ts";

export const AUTH_EMULATOR_SETUP = "npm run setup:cloud-ui";
const INSTALL_DIR = join(REPO_ROOT, "tests", "browser", "auth-emulator");
const FIREBASE_CLI = join(INSTALL_DIR, "node_modules", ".bin", "firebase");

/** Why the Auth emulator cannot run here, naming the step that installs it, or undefined. */
export function authEmulatorMissing(): string | undefined {
  if (existsSync(FIREBASE_CLI)) return undefined;
  return `auth emulator not installed: run \`${AUTH_EMULATOR_SETUP}\` (firebase-tools into tests/browser/auth-emulator/)`;
}

export interface AuthEmulatorPorts {
  auth: number;
  /** The CLI's own hub and log stream, which it starts beside any emulator. */
  hub: number;
  logging: number;
}

export interface AuthEmulatorCommand {
  bin: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Removes the emulator's folder (its firebase.json and debug log). */
  cleanup(): void;
}

export function authEmulatorCommand(
  ports: AuthEmulatorPorts,
  projectId: string,
): AuthEmulatorCommand {
  const dir = mkdtempSync(join(tmpdir(), "cj-auth-emulator-"));
  const at = (port: number) => ({ host: "127.0.0.1", port });
  const config = join(dir, "firebase.json");
  const emulators = {
    auth: at(ports.auth),
    hub: at(ports.hub),
    logging: at(ports.logging),
    ui: { enabled: false },
  };
  writeFileSync(config, JSON.stringify({ emulators }));
  return {
    bin: FIREBASE_CLI,
    args: ["emulators:start", "--only", "auth", "--project", projectId, "--config", config],
    cwd: dir,
    env: { ...process.env, CI: "1" },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
