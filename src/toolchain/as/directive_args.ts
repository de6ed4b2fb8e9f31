/**
 * Argument helpers shared by the directive handlers: splitting at top-level commas,
 * and reading expressions, constants and symbol names with located errors.
 */

import { LineError, type SrcLoc } from "./errors.ts";
import { Cursor, type Expr } from "./expr.ts";
import type { Assembler } from "./assembler.ts";
import type { Token } from "./lexer.ts";
import type { Sym } from "./section.ts";

/** A directive handler: the assembler, the tokens after the name, the name's location. */
export type Handler = (a: Assembler, c: Cursor, loc: SrcLoc) => void;

/** Splits the rest of the statement at top-level commas (empty args allowed). */
export function args(c: Cursor): Cursor[] {
  const out: Cursor[] = [];
  let cur: Token[] = [];
  let depth = 0;
  for (; !c.done; c.i++) {
    const t = c.peek()!;
    if (t.t === "punct" && t.v === "(") depth++;
    if (t.t === "punct" && t.v === ")") depth--;
    if (t.t === "punct" && t.v === "," && depth === 0) {
      out.push(new Cursor(cur, t.loc));
      cur = [];
    } else cur.push(t);
  }
  if (cur.length || out.length) out.push(new Cursor(cur, c.end));
  return out;
}

export function exprArg(a: Assembler, c: Cursor): Expr {
  const e = a.expr(c);
  if (!c.done) throw new LineError(`junk '${c.peek()!.v}' after expression`, c.loc());
  return e;
}

export function constArg(a: Assembler, c: Cursor, what: string): number {
  const loc = c.loc();
  const v = a.early(exprArg(a, c));
  if (v === null) throw new LineError(`${what} must be a constant expression`, loc);
  return v;
}

export function optConst(a: Assembler, c: Cursor | undefined, what: string): number | null {
  return c && !c.done ? constArg(a, c, what) : null;
}

export function symArg(a: Assembler, c: Cursor): Sym {
  const t = c.peek();
  if (!t || t.t !== "ident") throw new LineError("expected symbol name", c.loc());
  c.i++;
  return a.name(t.v);
}
