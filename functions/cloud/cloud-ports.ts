// What a Cloud Function is given, built once per instance on its first request (so a bundle
// loads without touching the network). By default from the function's environment
// (ports-from-env.ts); another factory may be installed before the first request
// (`usePorts`, exported by every bundle): the bundle tests install local adapters that way.
import type { CloudBuildMessage } from "../../shared/adapters/gcp/builder/index.ts";
import type { BuildCompleteEvent } from "../../shared/domain/events.ts";
import type { Bus } from "../../shared/ports/bus.ts";
import type { StepPorts } from "../ports.ts";
import type { PushAuth } from "./push-auth.ts";

/** What a pipeline step's function needs. */
export interface StepFunctionPorts {
  steps: StepPorts;
  /** Where steps publish their next events. */
  bus: Pick<Bus, "publish">;
  /**
   * A Cloud Build notification as a build-complete event, or null when it needs nothing: a
   * status that is not final, a build that is not a judge's.
   */
  buildNotification(message: CloudBuildMessage): Promise<BuildCompleteEvent | null>;
  /** Rejects with PushRefusedError unless the request is the push subscription's. */
  authenticatePush: PushAuth;
}

export type PortsFactory<P> = () => P | Promise<P>;

export interface PortsProvider<P> {
  /** The instance's ports, built on first use; a failed build is tried again next time. */
  get(): Promise<P>;
  /** Installs the factory; the next request builds its ports with it. */
  use(factory: PortsFactory<P>): void;
}

export function portsProvider<P>(initial: PortsFactory<P>): PortsProvider<P> {
  let factory = initial;
  let made: Promise<P> | undefined;
  return {
    get() {
      if (!made) {
        const pending = Promise.resolve().then(factory);
        pending.catch(() => {
          if (made === pending) made = undefined;
        });
        made = pending;
      }
      return made;
    },
    use(next) {
      factory = next;
      made = undefined;
    },
  };
}
