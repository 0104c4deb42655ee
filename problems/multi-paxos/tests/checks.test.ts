// The Multi-Paxos traffic checks on histories of the in-process simulation: a correct
// cluster through a leader's death, a recovery and a duel holds on every check; each
// realistic bug is caught by the check meant for it, with the reason named; faults the
// agents applied count as the statement says.
import { describe, test } from "vitest";
import assert from "node:assert/strict";
import fc from "fast-check";
import type { MessageRecord } from "../../../shared/ports/cluster.ts";
import { checkAcceptorBallots } from "../checks/acceptor-ballots.ts";
import { checkAdoptsAccepted, quorumFloor } from "../checks/adopts-accepted.ts";
import { checkLearnedAgreement } from "../checks/learned-agreement.ts";
import { checkLearnsChosen } from "../checks/learns-chosen.ts";
import { checkOneValuePerSlot } from "../checks/one-value.ts";
import { checkProposerBallots } from "../checks/proposer-ballots.ts";
import { checkRedirects } from "../checks/redirects.ts";
import {
  ACCEPT,
  CLOCK_SLACK_MS,
  LEARN,
  NO_BALLOT,
  PREPARE,
  compareBallots,
  type Ballot,
  type PaxosTraffic,
} from "../checks/traffic.ts";
import { PaxosSim, get, put, type Mutants } from "./simulation.ts";

const ALL_CHECKS = {
  checkAcceptorBallots,
  checkProposerBallots,
  checkOneValuePerSlot,
  checkAdoptsAccepted,
  checkLearnsChosen,
  checkLearnedAgreement,
  checkRedirects,
};

/**
 * node-0 leads, its third write is chosen while node-1 hears nothing of it, its fourth
 * reaches node-2 alone; node-0 dies, node-1 takes over and recovers both slots, node-0
 * comes back and is caught up, then node-2 duels node-1 for leadership.
 */
function leaderChange(mutants: Mutants = {}): PaxosSim {
  const sim = new PaxosSim(5, mutants);
  assert.ok(sim.elect("node-0", 1));
  sim.request("node-0", put("c1", 1, "k", "a"));
  sim.request("node-0", get("c1", 2, "k"));
  sim.cut("node-0", ["node-1"]);
  sim.request("node-0", put("c2", 1, "k", "b"));
  sim.cut("node-0", ["node-1", "node-3", "node-4"]);
  sim.request("node-0", put("c2", 2, "k", "c"));
  sim.kill("node-0");
  sim.heal();
  assert.ok(sim.elect("node-1", 2));
  sim.request("node-1", put("c1", 3, "k", "d"));
  sim.heartbeat("node-1");
  sim.restart("node-0");
  for (let slot = 1; slot <= 5; slot++) sim.learn("node-1", "node-0", slot);
  assert.ok(sim.elect("node-2", 3));
  assert.equal(sim.request("node-1", put("c3", 1, "j", "x")).status, "UNAVAILABLE");
  sim.request("node-2", get("c3", 2, "j"));
  assert.equal(sim.request("node-4", get("c3", 3, "j")).status, "NOT_LEADER");
  return sim;
}

describe("a correct cluster", () => {
  const traffic = leaderChange().traffic();
  for (const [name, check] of Object.entries(ALL_CHECKS)) {
    test(`${name} holds through a leader's death, recovery and a duel`, () => {
      const result = check(traffic);
      assert.equal(result.status, "holds", result.message);
    });
  }

  test("with no traffic every check is inconclusive, never holds", () => {
    const empty: PaxosTraffic = { ...traffic, messages: [] };
    for (const check of Object.values(ALL_CHECKS))
      assert.equal(check(empty).status, "inconclusive");
  });

  test("a value a minority accepted may be replaced: no constraint, no evidence", () => {
    const sim = new PaxosSim(5, { ignoreAccepted: true });
    sim.elect("node-0", 1);
    sim.cut("node-0", ["node-1", "node-3", "node-4"]);
    assert.equal(sim.request("node-0", put("c1", 1, "k", "a")).status, "UNAVAILABLE");
    sim.kill("node-0");
    sim.heal();
    sim.elect("node-1", 2);
    sim.request("node-1", put("c2", 1, "k", "b"));
    const t = sim.traffic();
    assert.equal(checkAdoptsAccepted(t).status, "inconclusive");
    assert.equal(checkLearnedAgreement(t).status, "holds");
    assert.equal(checkLearnsChosen(t).status, "holds");
  });
});

/** Promises (2, 1) everywhere, then the old leader node-0 sends an Accept at (1, 0). */
function staleLeader(mutants: Mutants, restartNode2: boolean): PaxosTraffic {
  const sim = new PaxosSim(5, mutants);
  sim.elect("node-0", 1);
  sim.request("node-0", put("c1", 1, "k", "a"));
  sim.elect("node-1", 2);
  if (restartNode2) {
    sim.kill("node-2");
    sim.restart("node-2");
  }
  sim.request("node-0", put("c2", 1, "k", "b"));
  return sim.traffic();
}

describe("acceptor ballot monotonicity", () => {
  test("refusing the old leader after promising a newer one holds, restart or not", () => {
    assert.equal(checkAcceptorBallots(staleLeader({}, false)).status, "holds");
    assert.equal(checkAcceptorBallots(staleLeader({}, true)).status, "holds");
  });

  test("a promise not persisted: the restarted acceptor accepts the old ballot", () => {
    const result = checkAcceptorBallots(staleLeader({ forgetPromise: true }, true));
    assert.equal(result.status, "violated");
    assert.match(
      result.message,
      /node-2 accepted ballot \(1, 0\) from node-0 after it had already answered node-1 with ballot \(2, 1\) promised or accepted/,
    );
    assert.equal(result.excerpt?.length, 2);
  });

  test("accepting a lower ballot is caught without any restart", () => {
    const result = checkAcceptorBallots(staleLeader({ acceptLower: true }, false));
    assert.equal(result.status, "violated");
    assert.match(result.message, /must refuse any ballot below one it promised or accepted/);
  });

  test("a promise whose answer was lost shows nothing; a black-holed Prepare never arrived", () => {
    for (const fault of ["lose-answer", "blackhole"] as const) {
      const sim = new PaxosSim(5, { acceptLower: true });
      sim.elect("node-0", 1);
      sim.cut("node-1", ["node-2"], fault);
      sim.elect("node-1", 2);
      sim.heal();
      sim.request("node-0", put("c1", 1, "k", "a"));
      const result = checkAcceptorBallots(sim.traffic());
      assert.ok(!result.message.startsWith("node-2"), `${fault}: node-2 blamed: ${result.message}`);
    }
  });

  test("a Heartbeat's answer shows the promise as well", () => {
    const sim = new PaxosSim(5, { acceptLower: true });
    sim.elect("node-0", 1);
    sim.cut("node-1", ["node-2"], "lose-answer");
    sim.elect("node-1", 2);
    sim.heal();
    sim.heartbeat("node-1");
    sim.request("node-0", put("c1", 1, "k", "a"));
    const result = checkAcceptorBallots(sim.traffic());
    assert.equal(result.status, "violated");
    assert.match(
      result.message,
      /node-2 accepted ballot \(1, 0\) from node-0 after it had already answered node-1 with ballot \(2, 1\)/,
    );
  });

  test("granting a ballot while reporting a higher promise is caught from the one answer", () => {
    const sim = new PaxosSim();
    sim.elect("node-0", 1);
    sim.request("node-0", put("c1", 1, "k", "a"));
    const accept = sim.messages.find((m) => m.method === ACCEPT) as MessageRecord;
    accept.response = { accepted: true, promised_round: 7, promised_node: 3 };
    const result = checkAcceptorBallots(sim.traffic());
    assert.equal(result.status, "violated");
    assert.match(result.message, /while its own answer reports a promise of ballot \(7, 3\)/);
  });
});

/**
 * node-0's write is accepted by node-2..4 and learnt by them; node-1 then takes over, and
 * node-3 redirects a client to it.
 */
function chosenThenTakeover(mutants: Mutants): PaxosTraffic {
  const sim = new PaxosSim(5, mutants);
  sim.elect("node-0", 1);
  sim.cut("node-0", ["node-1"]);
  sim.request("node-0", put("c1", 1, "k", "a"));
  sim.kill("node-0");
  sim.heal();
  sim.elect("node-1", 2);
  sim.request("node-1", put("c2", 1, "k", "b"));
  sim.request("node-3", get("c3", 1, "k"));
  return sim.traffic();
}

describe("a new leader and the values its promises report", () => {
  test("adopting the chosen value holds on every check", () => {
    const t = chosenThenTakeover({});
    for (const check of Object.values(ALL_CHECKS))
      assert.equal(check(t).status, "holds", check(t).message);
  });

  test("ignoring accepted values is caught by adoption, one value per slot and agreement", () => {
    const t = chosenThenTakeover({ ignoreAccepted: true });
    const adopts = checkAdoptsAccepted(t);
    assert.equal(adopts.status, "violated");
    assert.match(
      adopts.message,
      /node-1 proposed PUT k "b" \(c2 #1\) for slot 1 at ballot \(2, 1\), but whichever majority of its promises it used/,
    );
    const one = checkOneValuePerSlot(t);
    assert.equal(one.status, "violated");
    assert.match(one.message, /slot 1 was chosen with PUT k "a" \(c1 #1\) at ballot \(1, 0\)/);
    const agreement = checkLearnedAgreement(t);
    assert.equal(agreement.status, "violated");
    assert.match(agreement.message, /at slot 1, .* PUT k "a" \(c1 #1\) but .* PUT k "b" \(c2 #1\)/);
  });

  test("with old messages dropped by the agents, a missing justification is not a verdict", () => {
    const t = chosenThenTakeover({ ignoreAccepted: true });
    const result = checkAdoptsAccepted({ ...t, messagesDropped: 3 });
    assert.equal(result.status, "inconclusive");
    assert.match(result.message, /dropped 3 old messages/);
  });

  test("a promise that came back after the Accept left could not have been used", () => {
    const t = chosenThenTakeover({ ignoreAccepted: true });
    const late = [...t.messages].map((m) =>
      m.method === PREPARE && m.from === "node-1" ? { ...m, endMs: 1e9 } : m,
    );
    assert.equal(checkAdoptsAccepted({ ...t, messages: late }).status, "inconclusive");
  });
});

describe("ballots unique to their proposer", () => {
  test("ballots not unique across nodes: a ballot with another node's number", () => {
    const sim = new PaxosSim(5, { sharedBallots: true });
    sim.elect("node-0", 1);
    sim.elect("node-1", 2);
    const result = checkProposerBallots(sim.traffic());
    assert.equal(result.status, "violated");
    assert.match(
      result.message,
      /node-1 sent Prepare with ballot \(2, 0\), whose node part is not its own number 1/,
    );
  });

  test("two commands for one slot at one ballot", () => {
    const sim = new PaxosSim();
    sim.elect("node-0", 1);
    sim.request("node-0", put("c1", 1, "k", "a"));
    const accept = sim.messages.find((m) => m.method === ACCEPT) as MessageRecord;
    sim.messages.push({ ...accept, seq: 999, request: { ...accept.request, value: "z" } });
    const result = checkProposerBallots(sim.traffic());
    assert.equal(result.status, "violated");
    assert.match(result.message, /slot 1 was proposed at ballot \(1, 0\) with both/);
  });
});

describe("acting only on chosen slots", () => {
  test("applying before the value is chosen: Learns and the OK precede a majority", () => {
    const sim = new PaxosSim(5, { applyEarly: true });
    sim.elect("node-0", 1);
    sim.request("node-0", put("c1", 1, "k", "a"));
    const result = checkLearnsChosen(sim.traffic());
    assert.equal(result.status, "violated");
    assert.match(
      result.message,
      /node-0 sent a Learn of slot 1 with PUT k "a" \(c1 #1\) to node-1, but by then no majority had accepted/,
    );
  });

  test("reads answered from local state: an OK GET at slot 0", () => {
    const sim = new PaxosSim(5, { localReads: true });
    sim.elect("node-0", 1);
    sim.request("node-0", put("c1", 1, "k", "a"));
    sim.request("node-0", get("c1", 2, "k"));
    const result = checkLearnsChosen(sim.traffic());
    assert.equal(result.status, "violated");
    assert.match(result.message, /node-0 answered OK to GET k \(c1 #2\) as applied at slot 0/);
  });

  test("an OK naming a slot that holds another command", () => {
    const sim = new PaxosSim();
    sim.elect("node-0", 1);
    sim.request("node-0", put("c1", 1, "k", "a"));
    sim.request("node-0", put("c1", 2, "k", "b"));
    const answer = sim.messages.findLast((m) => m.from === "client") as MessageRecord;
    answer.response = { ...answer.response, slot: 1 };
    assert.equal(checkLearnsChosen(sim.traffic()).status, "violated");
    assert.equal(checkLearnedAgreement(sim.traffic()).status, "violated");
  });

  test("a node told by a Learn may announce and answer the slot itself", () => {
    const sim = new PaxosSim();
    sim.elect("node-0", 1);
    sim.request("node-0", put("c1", 1, "k", "a"));
    sim.learn("node-1", "node-2", 1);
    sim.learn("node-1", "node-3", 1);
    assert.ok(sim.messages.some((m) => m.method === LEARN && m.from === "node-1"));
    assert.equal(checkLearnsChosen(sim.traffic()).status, "holds");
  });
});

describe("redirects", () => {
  /** A cluster led by node-0 whose node-3 answers NOT_LEADER naming `hint`. */
  function redirectTo(hint: string): PaxosTraffic {
    const sim = new PaxosSim();
    sim.elect("node-0", 1);
    sim.heartbeat("node-0");
    sim.request("node-3", put("c1", 1, "k", "a"));
    const answer = sim.messages.findLast((m) => m.from === "client") as MessageRecord;
    assert.equal(answer.response?.["leader_hint"], "node-0");
    answer.response = { ...answer.response, leader_hint: hint };
    return sim.traffic();
  }

  test("naming the leader, or no one, holds; naming no leader yet is inconclusive", () => {
    assert.equal(checkRedirects(redirectTo("node-0")).status, "holds");
    assert.equal(checkRedirects(redirectTo("")).status, "inconclusive");
  });

  test("naming itself, a node that never led, or no node at all is caught", () => {
    assert.match(
      checkRedirects(redirectTo("node-3")).message,
      /node-3 answered NOT_LEADER naming itself/,
    );
    assert.match(
      checkRedirects(redirectTo("node-2")).message,
      /naming node-2, which had not yet led/,
    );
    assert.match(
      checkRedirects(redirectTo("leader")).message,
      /"leader", which is no node of the cluster/,
    );
  });

  test("an OK from a node that never led is caught", () => {
    const sim = new PaxosSim();
    sim.elect("node-0", 1);
    sim.request("node-3", put("c1", 1, "k", "a"));
    const answer = sim.messages.findLast((m) => m.from === "client") as MessageRecord;
    answer.response = { ...answer.response, status: "OK", slot: 1 };
    assert.match(
      checkRedirects(sim.traffic()).message,
      /node-3 answered OK although it had never led/,
    );
  });

  test("a Prepare that got only a minority of promises does not make a leader", () => {
    const sim = new PaxosSim();
    sim.cut("node-2", ["node-0", "node-1", "node-3"]);
    assert.ok(!sim.elect("node-2", 1));
    sim.request("node-4", put("c1", 1, "k", "a"));
    const answer = sim.messages.findLast((m) => m.from === "client") as MessageRecord;
    answer.response = { ...answer.response, leader_hint: "node-2" };
    assert.equal(checkRedirects(sim.traffic()).status, "violated");
  });
});

describe("faults in learning", () => {
  /** A correct run plus a Learn to node-4 carrying another command, with `fault`. */
  function withStrayLearn(fault: MessageRecord["fault"]): PaxosTraffic {
    const sim = new PaxosSim();
    sim.elect("node-0", 1);
    sim.request("node-0", put("c1", 1, "k", "a"));
    sim.request("node-0", put("c1", 2, "k", "b"));
    const learn = sim.messages.find((m) => m.method === LEARN) as MessageRecord;
    const stray: MessageRecord = {
      ...learn,
      seq: 999,
      to: "node-4",
      startMs: 1e6,
      endMs: 1e6 + 500,
      status: 4,
      fault,
      request: { ...learn.request, value: "z" },
    };
    delete stray.response;
    return { ...sim.traffic(), messages: [...sim.messages, stray] };
  }

  test("a Learn whose answer was lost reached its node: a second command is caught", () => {
    const result = checkLearnedAgreement(withStrayLearn("lose-answer"));
    assert.equal(result.status, "violated");
    assert.match(result.message, /node-4 learnt PUT k "z"/);
  });

  test("a black-holed, refused or dropped Learn never arrived, but its sender still claimed it", () => {
    for (const fault of ["blackhole", "refuse", "drop"] as const) {
      const t = withStrayLearn(fault);
      assert.equal(checkLearnedAgreement(t).status, "holds", fault);
      assert.equal(checkLearnsChosen(t).status, "violated", fault);
    }
  });
});

describe("derivations against brute force", () => {
  const ballotArb = fc.record({
    round: fc.integer({ min: 0, max: 3 }),
    node: fc.integer({ min: 0, max: 2 }),
  });

  test("quorumFloor is the least, over majorities, of the highest floor in one", () => {
    const subsets = <T>(xs: readonly T[]): T[][] =>
      xs.reduce<T[][]>((acc, x) => [...acc, ...acc.map((s) => [...s, x])], [[]]);
    const max = (bs: Ballot[]): Ballot =>
      bs.reduce((a, b) => (compareBallots(a, b) >= 0 ? a : b), NO_BALLOT);
    fc.assert(
      fc.property(
        fc.array(ballotArb, { maxLength: 6 }),
        fc.integer({ min: 1, max: 4 }),
        (floors, others) => {
          fc.pre(floors.length >= others);
          const brute = subsets(floors)
            .filter((s) => s.length >= others)
            .map(max)
            .reduce((a, b) => (compareBallots(a, b) <= 0 ? a : b));
          return compareBallots(quorumFloor(floors, others), brute) === 0;
        },
      ),
      { numRuns: 300 },
    );
  });

  const callArb = fc.record({
    prepare: fc.boolean(),
    ballot: ballotArb,
    granted: fc.boolean(),
    reported: ballotArb,
    startMs: fc.integer({ min: 0, max: 20 }).map((t) => t * 100),
    tookMs: fc.integer({ min: 1, max: 6 }).map((t) => t * 100),
  });
  type Call = typeof callArb extends fc.Arbitrary<infer T> ? T : never;

  const record = (c: Call, seq: number): MessageRecord => ({
    seq,
    from: "node-0",
    to: "node-1",
    method: c.prepare ? PREPARE : ACCEPT,
    startMs: c.startMs,
    endMs: c.startMs + c.tookMs,
    requestBytes: 10,
    responseBytes: 5,
    status: 0,
    request: { ballot_round: c.ballot.round, ballot_node: c.ballot.node, slot: 1 },
    response: {
      [c.prepare ? "promised" : "accepted"]: c.granted,
      promised_round: c.reported.round,
      promised_node: c.reported.node,
    },
  });

  /** Every pair: a grant below what the acceptor had shown in an answer back before it. */
  function bruteViolated(calls: Call[]): boolean {
    const floor = (c: Call): Ballot =>
      c.granted && compareBallots(c.ballot, c.reported) > 0 ? c.ballot : c.reported;
    return calls.some(
      (claim) =>
        claim.granted &&
        (compareBallots(claim.reported, claim.ballot) > 0 ||
          calls.some(
            (f) =>
              f.startMs + f.tookMs + CLOCK_SLACK_MS < claim.startMs &&
              compareBallots(floor(f), claim.ballot) > 0,
          )),
    );
  }

  test("acceptor ballot monotonicity agrees with the pairwise definition", () => {
    fc.assert(
      fc.property(fc.array(callArb, { maxLength: 8 }), (calls) => {
        const result = checkAcceptorBallots({ messages: calls.map(record), originMs: 0 });
        return (result.status === "violated") === bruteViolated(calls);
      }),
      { numRuns: 500 },
    );
  });
});
