/**
 * Parse-time constant folding exactly as weak as GNU as's, so that size choices
 * (imm8 vs imm32, disp8 vs disp32, `83` vs `81`) match GNU byte for byte.
 *
 * GNU as folds, while parsing: constants with any operator; `sym ± constant`;
 * `constant + sym`; `sym - sym` (same symbol, even undefined); and `sym1 - sym2` when
 * both are labels whose distance is already fixed (same fragment). Anything else becomes an "expression symbol" whose value is
 * only known after layout — even if, mathematically, it cancels (`(a-.) - (a-.)`).
 * Equates count as constants only if they were constant when defined; an equate that
 * was a defined label + constant behaves like that label; any other equate is opaque.
 *
 * Example: with labels a, b in one fragment, `b - a + 4` folds to a constant;
 * `(b - .) - (a - .)` does not (GNU makes it an expression symbol).
 */

import type { Expr } from "./expr.ts";
import type { Sym } from "./section.ts";

/** GNU-style partial value: a constant, a symbol plus constant, or unknown. */
type Early =
  | { readonly kind: "const"; readonly k: number }
  | { readonly kind: "sym"; readonly sym: Sym; readonly k: number }
  | { readonly kind: "complex" };

const COMPLEX: Early = { kind: "complex" };

/** The parse-time constant value of `e` as GNU as would know it, else null. */
export function earlyConstant(e: Expr): number | null {
  try {
    const v = fold(e, 0);
    return v.kind === "const" ? v.k : null;
  } catch {
    return null;
  }
}

function fold(e: Expr, depth: number): Early {
  if (depth > 100) return COMPLEX;
  switch (e.op) {
    case "num":
      return { kind: "const", k: e.v };
    case "sym":
      return e.reloc ? COMPLEX : symbol(e.sym, depth);
    case "un": {
      const a = fold(e.a, depth + 1);
      if (a.kind !== "const") return e.f === "+" ? a : COMPLEX;
      const k = e.f === "-" ? -a.k : e.f === "~" ? ~a.k : e.f === "!" ? (a.k ? 0 : 1) : a.k;
      return { kind: "const", k };
    }
    case "bin":
      return binary(e.f, fold(e.a, depth + 1), fold(e.b, depth + 1));
  }
}

function symbol(sym: Sym, depth: number): Early {
  if (!sym.expr || sym.opaqueEarly) return { kind: "sym", sym, k: 0 };
  return fold(sym.expr, depth + 1);
}

function binary(f: string, a: Early, b: Early): Early {
  if (a.kind === "const" && b.kind === "const") return constBinary(f, a.k, b.k);
  if (f === "+") {
    if (a.kind === "sym" && b.kind === "const") return { ...a, k: a.k + b.k };
    if (a.kind === "const" && b.kind === "sym") return { ...b, k: a.k + b.k };
    return COMPLEX;
  }
  if (f === "-") {
    if (a.kind === "sym" && b.kind === "const") return { ...a, k: a.k - b.k };
    if (a.kind === "sym" && b.kind === "sym" && a.sym === b.sym) {
      return { kind: "const", k: a.k - b.k };
    }
    if (a.kind === "sym" && b.kind === "sym" && a.sym.frag && a.sym.frag === b.sym.frag) {
      return { kind: "const", k: a.k - b.k + a.sym.offset - b.sym.offset };
    }
  }
  return COMPLEX;
}

/** Constant arithmetic with GNU semantics (64-bit, comparisons give -1 for true). */
function constBinary(f: string, x: number, y: number): Early {
  if ((f === "/" || f === "%") && y === 0) throw new Error("division by zero");
  return { kind: "const", k: CONST_OPS[f](x, y) };
}

const big = (fn: (a: bigint, b: bigint) => bigint) => (x: number, y: number) =>
  Number(BigInt.asIntN(64, fn(BigInt(x), BigInt(y))));

const CONST_OPS: Readonly<Record<string, (x: number, y: number) => number>> = {
  "+": (x, y) => x + y,
  "-": (x, y) => x - y,
  "*": big((a, b) => a * b),
  "/": (x, y) => Math.trunc(x / y),
  "%": (x, y) => x % y,
  "<<": big((a, b) => a << (b & 63n)),
  ">>": big((a, b) => a >> (b & 63n)),
  "&": big((a, b) => a & b),
  "|": big((a, b) => a | b),
  "^": big((a, b) => a ^ b),
  "!": big((a, b) => a | ~b),
  "&&": (x, y) => (x && y ? 1 : 0),
  "||": (x, y) => (x || y ? 1 : 0),
  "==": (x, y) => (x === y ? -1 : 0),
  "!=": (x, y) => (x !== y ? -1 : 0),
  "<": (x, y) => (x < y ? -1 : 0),
  ">": (x, y) => (x > y ? -1 : 0),
  "<=": (x, y) => (x <= y ? -1 : 0),
  ">=": (x, y) => (x >= y ? -1 : 0),
};
