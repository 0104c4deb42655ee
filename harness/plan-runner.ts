// Carries out a scenario's steps in time: faults through the nemesis, the client gate, the
// plan's own client requests, and rounds that repeat while their time lasts, each given up
// (and repaired) when a wait for a role's holder gives up.
import { nowMs, sleep } from "./clock.ts";
import type { ClientGate } from "./client-gate.ts";
import { AwaitGaveUp, type Nemesis } from "./nemesis.ts";
import type { Operation } from "./operation.ts";
import type { FaultAction, FaultStep, RoundStep } from "./plan.ts";
import type { PlanRequests } from "./problem.ts";

export interface PlanRunnerDeps {
  nemesis: Nemesis;
  gate: ClientGate;
  /** The problem's requests, when its session sends them; a "request" step needs them. */
  requests: PlanRequests<Operation> | null;
  originMs: number;
  /** Called after every step, for progress. */
  onStep(): void;
}

export class PlanRunner {
  /** The round running now ("round 3"), or null outside rounds. */
  round: string | null = null;
  /** Rounds begun, and how many of them ran to their end. */
  roundsBegun = 0;
  roundsWhole = 0;

  constructor(private readonly deps: PlanRunnerDeps) {}

  /** Runs each step at its time from the origin, in order. */
  async run(steps: readonly FaultStep[]): Promise<void> {
    for (const step of steps) {
      await sleep(this.deps.originMs + step.atMs - nowMs());
      await this.step(step.action, false);
    }
  }

  private async step(action: FaultAction, inRound: boolean): Promise<void> {
    const { nemesis, gate } = this.deps;
    switch (action.kind) {
      case "hold-clients": {
        gate.hold();
        const settled = await gate.settled(action.settleMs);
        nemesis.note(
          settled
            ? "clients held: no operation in flight"
            : `clients held; some operations still in flight after ${action.settleMs / 1000} s`,
        );
        break;
      }
      case "note":
        nemesis.note(action.text);
        break;
      case "release-clients":
        gate.release();
        nemesis.note("clients released");
        break;
      case "request":
        await this.request(action);
        break;
      case "rounds":
        if (inRound) throw new Error("rounds do not nest");
        await this.rounds(action);
        break;
      case "await":
        try {
          await nemesis.apply(action);
        } catch (err) {
          // Outside a round a wait that gave up is only noted; the plan goes on.
          if (inRound || !(err instanceof AwaitGaveUp)) throw err;
        }
        break;
      default:
        await nemesis.apply(action);
    }
    this.deps.onStep();
  }

  private async request(action: Extract<FaultAction, { kind: "request" }>): Promise<void> {
    const { requests, nemesis } = this.deps;
    if (!requests) throw new Error("a request step needs a problem whose session sends requests");
    const node = await nemesis.resolveNode(action.node);
    const at = nowMs();
    const answer = await requests.send(action.label, node, action.request, action.budgetMs);
    const verb = action.request === undefined ? "retried" : "sent";
    const took = ((nowMs() - at) / 1000).toFixed(1);
    nemesis.note(`${verb} request ${action.label} to ${node}: ${answer} (${took} s)`, at);
  }

  private async rounds(action: Extract<FaultAction, { kind: "rounds" }>): Promise<void> {
    const { nemesis, originMs } = this.deps;
    for (let n = 1; nowMs() < originMs + action.untilMs; n++) {
      this.round = `round ${n}`;
      this.roundsBegun++;
      nemesis.note(`round ${n} begins`);
      let gaveUp: string | null = null;
      try {
        await this.steps(action.steps, true);
        this.roundsWhole++;
      } catch (err) {
        if (!(err instanceof AwaitGaveUp)) throw err;
        gaveUp = err.message;
      }
      nemesis.note(gaveUp ? `round ${n} given up: ${gaveUp}` : `round ${n} ran to its end`);
      await this.steps(action.finally, false);
    }
    this.round = null;
  }

  private async steps(steps: readonly RoundStep[], inRound: boolean): Promise<void> {
    for (const step of steps) {
      await sleep(step.afterMs);
      await this.step(step.action, inRound);
    }
  }
}
