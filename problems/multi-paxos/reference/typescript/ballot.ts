// Ballots (round, node number), ordered by round then node: the node part makes every
// proposer's ballots its own, and (0, 0) means "none".
export interface Ballot {
  round: number;
  node: number;
}

export const NO_BALLOT: Ballot = { round: 0, node: 0 };

export const compareBallots = (a: Ballot, b: Ballot): number =>
  a.round !== b.round ? a.round - b.round : a.node - b.node;

export const maxBallot = (a: Ballot, b: Ballot): Ballot => (compareBallots(a, b) >= 0 ? a : b);

export const showBallot = (b: Ballot): string => `(${b.round}, ${b.node})`;
