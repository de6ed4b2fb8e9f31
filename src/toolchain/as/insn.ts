/**
 * The encoder's interface types: one instruction in (mnemonic, AT&T operands,
 * explicit prefixes), and what comes out (bytes with fields still to patch, or a
 * relaxable branch).
 */

import type { SrcLoc } from "./errors.ts";
import type { Expr } from "./expr.ts";
import type { Field } from "./modrm.ts";
import type { Operand } from "./operand.ts";

/** A field placed at `offset` in the encoded bytes. */
export interface PlacedField extends Field {
  readonly offset: number;
}

/** Result of encoding one instruction. */
export type Encoded =
  | { readonly kind: "fixed"; readonly bytes: number[]; readonly fields: PlacedField[] }
  | {
    readonly kind: "branch";
    readonly short: number[];
    readonly near: number[];
    readonly target: Expr;
  };

/** One instruction to encode. */
export interface InsnInput {
  readonly mnemonic: string;
  /** Operands in AT&T (source first) order. */
  readonly ops: readonly Operand[];
  /** Explicit prefix bytes (lock, rep, data16, ...). */
  readonly prefixes: readonly number[];
  /** Receives warnings (e.g. a constant truncated to its field, as GNU as warns). */
  readonly warn: (message: string) => void;
  readonly loc: SrcLoc;
}
