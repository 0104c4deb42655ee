// The ports of a pipeline step's function, from the environment Terraform gives it unless a
// test installs others. Every step gets the store (Firestore) and the bus (Pub/Sub); each
// function names the other adapters it uses (functions/cloud/adapters/), so its bundle
// carries only their clients: the sweep has no Cloud Run, Cloud Build or gRPC in it.
import { mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { StepPorts } from "../ports.ts";
import { storeAndBusFromEnv } from "./adapters/store-and-bus.ts";
import { protoOf } from "./adapters/protos.ts";
import { bundleRoot } from "./bundle-root.ts";
import { portsProvider, type PortsProvider, type StepFunctionPorts } from "./cloud-ports.ts";
import { readCloudEnv, type CloudEnv } from "./env.ts";
import { log } from "./log.ts";
import { pushAuthFromEnv } from "./push-auth.ts";

/** The adapters a step function uses besides the store and the bus, by port. */
export interface StepAdapters {
  builder?: (env: CloudEnv, bundleDir: string) => StepPorts["builder"];
  cluster?: (env: CloudEnv) => StepPorts["cluster"];
  scenarios?: (env: CloudEnv) => StepPorts["scenarios"];
  buildNotification?: (env: CloudEnv) => StepFunctionPorts["buildNotification"];
}

/** A port the function's bundle has no adapter for was used: its entry must name one. */
export class PortNotInBundleError extends Error {
  constructor(readonly port: string) {
    super(`this function's bundle has no adapter for ${port}; name it in its stepPortsFor()`);
    this.name = "PortNotInBundleError";
  }
}

/** The ports of one step function, built on its first request. */
export function stepPortsFor(adapters: StepAdapters): PortsProvider<StepFunctionPorts> {
  return portsProvider(() => stepPortsFromEnv(process.env, bundleRoot(import.meta.url), adapters));
}

export function stepPortsFromEnv(
  vars: NodeJS.ProcessEnv,
  bundleDir: string,
  adapters: StepAdapters,
): StepFunctionPorts {
  const env = readCloudEnv(vars);
  const authenticatePush = pushAuthFromEnv(vars);
  const { store, bus } = storeAndBusFromEnv(env);
  return {
    steps: {
      store,
      builder: adapters.builder?.(env, bundleDir) ?? notInBundle("builder"),
      cluster: adapters.cluster?.(env) ?? notInBundle("cluster"),
      scenarios: adapters.scenarios?.(env) ?? notInBundle("scenarios"),
      evidenceDir: async (id, scenario) => {
        const dir = join(tmpdir(), "clusterjudge", id, scenario);
        await mkdir(dir, { recursive: true });
        return dir;
      },
      protoPath: protoOf,
      nowMs: () => Date.now(),
      warn: (message) => log("WARNING", message),
    },
    bus,
    buildNotification:
      adapters.buildNotification?.(env) ??
      (() => Promise.reject(new PortNotInBundleError("buildNotification"))),
    authenticatePush,
  };
}

/** A port this function never uses: every method fails with PortNotInBundleError. */
function notInBundle<T extends object>(port: string): T {
  return new Proxy({} as T, {
    get: (_target, key) =>
      typeof key === "string" && key !== "then"
        ? () => {
            throw new PortNotInBundleError(`${port}.${key}`);
          }
        : undefined,
  });
}
