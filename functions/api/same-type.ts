// A compile-time check that a zod schema describes exactly the type the code sends: the same
// keys at every depth, each as optional and of the same type. A field added to a domain type
// but not to its schema (or the reverse) fails `tsc` at the check, naming both types.

/** T with intersections flattened and `readonly` dropped, at every depth. */
type Plain<T> = T extends readonly (infer U)[]
  ? Plain<U>[]
  : T extends object
    ? { -readonly [K in keyof T]: Plain<T[K]> }
    : T;

/** True when A and B are the same type (not merely assignable one to the other). */
type Identical<A, B> =
  (<X>() => X extends A ? 1 : 2) extends <X>() => X extends B ? 1 : 2 ? true : false;

/** `true` when the types match; otherwise both, so the compiler's message shows the difference. */
export type SameType<Sent, Schema> =
  Identical<Plain<Sent>, Plain<Schema>> extends true
    ? true
    : { sent: Plain<Sent>; schema: Plain<Schema> };
