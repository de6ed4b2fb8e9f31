/**
 * Evaluation of `#if` controlling expressions (C11 6.10.1): integer constant
 * expressions in intmax_t/uintmax_t (64-bit) arithmetic. The caller has
 * already replaced `defined X` and expanded macros; remaining identifiers
 * count as 0.
 *
 * Example: `1 ? -1 : 0u` is unsigned, so `(1 ? -1 : 0u) > 0` is true.
 * Failure contract: syntax errors and division by zero throw CompileError.
 */
import { fail } from "../diag.ts";
import type { Token } from "../lexer.ts";
import { charValue, parseInt } from "../literals.ts";

interface Val {
  v: bigint;
  u: boolean;
}

const BIN: Record<string, number> = {
  "*": 10,
  "/": 10,
  "%": 10,
  "+": 9,
  "-": 9,
  "<<": 8,
  ">>": 8,
  "<": 7,
  ">": 7,
  "<=": 7,
  ">=": 7,
  "==": 6,
  "!=": 6,
  "&": 5,
  "^": 4,
  "|": 3,
  "&&": 2,
  "||": 1,
};

/** Evaluates a fully expanded `#if` line; `at` locates errors. */
export function evalPPExpr(toks: readonly Token[], at: Token): bigint {
  if (toks.length === 0) fail(at.loc, "#if with no expression");
  let i = 0;
  const peek = () => toks[i];
  const norm = (x: Val): Val => ({
    v: x.u ? BigInt.asUintN(64, x.v) : BigInt.asIntN(64, x.v),
    u: x.u,
  });
  const expect = (s: string) => {
    if (peek()?.text !== s) fail((peek() ?? at).loc, `expected '${s}' in preprocessor expression`);
    i++;
  };
  const primary = (): Val => {
    const t = toks[i++];
    if (!t) fail(at.loc, "unexpected end of preprocessor expression");
    if (t.text === "(") {
      const v = cond();
      expect(")");
      return v;
    }
    if (t.kind === "punct" && ["-", "+", "!", "~"].includes(t.text)) {
      const x = primary();
      if (t.text === "-") return norm({ v: -x.v, u: x.u });
      if (t.text === "!") return { v: x.v === 0n ? 1n : 0n, u: false };
      if (t.text === "~") return norm({ v: ~x.v, u: x.u });
      return x;
    }
    if (t.kind === "num") {
      const n = parseInt(t);
      if (!n) fail(t.loc, "floating constant in preprocessor expression");
      return norm({ v: n.value, u: n.unsigned || n.value > 0x7fffffffffffffffn });
    }
    if (t.kind === "char") return { v: BigInt(charValue(t).value), u: false };
    if (t.kind === "ident") return { v: 0n, u: false };
    fail(t.loc, `token "${t.text}" is not valid in preprocessor expressions`);
  };
  const binary = (minPrec: number): Val => {
    let lhs = primary();
    for (;;) {
      const op = peek();
      const prec = op && op.kind === "punct" ? BIN[op.text] : undefined;
      if (prec === undefined || prec < minPrec) return lhs;
      i++;
      const rhs = binary(prec + 1);
      lhs = apply(op.text, lhs, rhs, op);
    }
  };
  const cond = (): Val => {
    const c = binary(1);
    if (peek()?.text !== "?") return c;
    i++;
    const a = cond();
    expect(":");
    const b = cond();
    const u = a.u || b.u;
    return norm({ v: c.v !== 0n ? a.v : b.v, u });
  };
  const apply = (op: string, a: Val, b: Val, t: Token): Val => {
    const u = a.u || b.u;
    const x = u ? BigInt.asUintN(64, a.v) : a.v, y = u ? BigInt.asUintN(64, b.v) : b.v;
    const bool = (c: boolean): Val => ({ v: c ? 1n : 0n, u: false });
    switch (op) {
      case "*":
        return norm({ v: x * y, u });
      case "/":
      case "%":
        if (y === 0n) fail(t.loc, "division by zero in #if");
        return norm({ v: op === "/" ? x / y : x % y, u });
      case "+":
        return norm({ v: x + y, u });
      case "-":
        return norm({ v: x - y, u });
      case "<<":
        return norm({ v: a.v << b.v, u: a.u });
      case ">>":
        return norm({ v: (a.u ? BigInt.asUintN(64, a.v) : a.v) >> b.v, u: a.u });
      case "<":
        return bool(x < y);
      case ">":
        return bool(x > y);
      case "<=":
        return bool(x <= y);
      case ">=":
        return bool(x >= y);
      case "==":
        return bool(x === y);
      case "!=":
        return bool(x !== y);
      case "&":
        return norm({ v: x & y, u });
      case "^":
        return norm({ v: x ^ y, u });
      case "|":
        return norm({ v: x | y, u });
      case "&&":
        return bool(x !== 0n && y !== 0n);
      default:
        return bool(x !== 0n || y !== 0n);
    }
  };
  const v = cond();
  if (i < toks.length) fail(toks[i].loc, `missing binary operator before token "${toks[i].text}"`);
  return v.v;
}
