// The ports of this instance's pipeline step, from the environment unless a test installs
// others.
import { portsProvider, type StepFunctionPorts } from "./cloud-ports.ts";
import { bundleRoot, stepPortsFromEnv } from "./ports-from-env.ts";

export const stepPorts = portsProvider<StepFunctionPorts>(() =>
  stepPortsFromEnv(process.env, bundleRoot(import.meta.url)),
);
