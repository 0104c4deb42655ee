// The checkers' public API.
export * from "./linearizability/index.ts";
