// The reference's logic (limiter.ts, frontdoor.ts), or a mutant's, as the family's simulated
// network drives it (tests/support/rate-limit/simulation.ts): a node is a Limiter for the keys it
// is home to and a Frontdoor that forwards the others, a Forward unanswered meaning deny.
import type { SimProblem } from "../../../tests/support/rate-limit/simulation.ts";
import { configureRequest, type WindowLimit } from "../client.ts";
import { Frontdoor } from "../reference/typescript/frontdoor.ts";
import { Limiter, type LimitConfig } from "../reference/typescript/limiter.ts";

export interface Logic {
  Limiter: typeof Limiter;
  Frontdoor: typeof Frontdoor;
}

export function simulated(logic: Logic = { Limiter, Frontdoor }): SimProblem<WindowLimit> {
  return {
    slug: "sliding-window",
    node(id, nodes, peers, now) {
      const limiter = new logic.Limiter(now);
      const door = new logic.Frontdoor(
        id,
        nodes,
        limiter,
        async (home, req) => {
          const allowed = await peers.forward(home, { ...req, from: id });
          if (allowed === null) throw new Error(`${home} did not answer`);
          return allowed;
        },
        now,
      );
      return {
        configure: (req: LimitConfig) => limiter.configure(req),
        allow: (req) => door.allow(req),
        forwarded: (req) => limiter.decide(req.key, req.request_id),
      };
    },
    configureRequest,
  };
}
