/**
 * Expressions: parsing (tokens → Expr) and evaluation (Expr → Value).
 *
 * Operator precedence follows GNU as, loosest first:
 *   ||   &&   == != < > <= >=   + -   | & ^ !   * / % << >>   unary - ~ ! +
 * Names are resolved while parsing through `NameScope` (so `.` and `1b`/`1f` bind to
 * the right place), giving `sym` nodes.
 *
 * A Value is `k + Σ coef·sym`. Evaluation cancels `a - b` for labels whose distance is
 * known (same fragment while parsing; same section after layout), so
 * `.L3 - .L2` becomes a constant. Example: with `a` at 4 and `b` at 12 in one
 * fragment, `(b - a) * 2 + x` with x undefined gives { k: 16, terms: [x·1] }.
 * Errors (non-constant operands to * / etc., division by zero) throw LineError.
 */

import { LineError, type SrcLoc } from "./errors.ts";
import type { Token } from "./lexer.ts";
import type { Sym } from "./section.ts";

/** Expression tree. */
export type Expr =
  | { readonly op: "num"; readonly v: number }
  | { readonly op: "sym"; readonly sym: Sym; readonly reloc?: RelocSuffix }
  | { readonly op: "un"; readonly f: string; readonly a: Expr; readonly loc: SrcLoc }
  | {
    readonly op: "bin";
    readonly f: string;
    readonly a: Expr;
    readonly b: Expr;
    /** Where the left operand starts (for diagnostics). */
    readonly loc: SrcLoc;
  };

/** Resolves names while parsing. */
export interface NameScope {
  /** The symbol called `name` (created undefined on first use). */
  name(name: string): Sym;
  /** A fresh temporary label at the current location (`.`). */
  dot(): Sym;
  /** Numeric local label reference `n` + "b" | "f". */
  local(n: number, dir: string, loc: SrcLoc): Sym;
}

/** One symbolic term. */
export interface Term {
  readonly sym: Sym;
  readonly coef: number;
  /** Reached through a local alias (`.set x.localalias, x`): binds locally. */
  readonly viaLocal?: boolean;
}

/** An evaluated expression: constant part plus symbolic terms. */
export interface Value {
  readonly k: number;
  readonly terms: readonly Term[];
  /** A `sym@SUFFIX` relocation operator applied to the (single) symbol. */
  readonly reloc?: RelocSuffix;
}

/** Relocation operators written `sym@SUFFIX` (PIC and TLS). */
export const RELOC_SUFFIXES = [
  "GOT",
  "GOTOFF",
  "PLT",
  "GOTPC",
  "NTPOFF",
  "TPOFF",
  "GOTNTPOFF",
  "INDNTPOFF",
  "GOTTPOFF",
  "TLSGD",
  "TLSLDM",
  "DTPOFF",
] as const;

/** One relocation operator. */
export type RelocSuffix = (typeof RELOC_SUFFIXES)[number];

/** How distances between labels are known. */
export type Distance = (a: Sym, b: Sym) => number | null;

const LEVELS: readonly (readonly string[])[] = [
  ["||"],
  ["&&"],
  ["==", "!=", "<", ">", "<=", ">="],
  ["+", "-"],
  ["|", "&", "^", "!"],
  ["*", "/", "%", "<<", ">>"],
];

/** Token cursor used by all parsers. */
export class Cursor {
  i = 0;
  constructor(readonly toks: readonly Token[], readonly end: SrcLoc) {}

  peek(k = 0): Token | undefined {
    return this.toks[this.i + k];
  }

  /** True (and consumes) if the next token is punct `p`. */
  eat(p: string): boolean {
    const t = this.peek();
    if (t && t.t === "punct" && t.v === p) return this.i++, true;
    return false;
  }

  expect(p: string): void {
    if (!this.eat(p)) throw new LineError(`expected '${p}'`, this.loc());
  }

  /** Location of the next token (or end of statement). */
  loc(): SrcLoc {
    return this.peek()?.loc ?? this.end;
  }

  get done(): boolean {
    return this.i >= this.toks.length;
  }
}

/** Parses one expression at the cursor. */
export function parseExpr(c: Cursor, scope: NameScope): Expr {
  return parseLevel(c, scope, 0);
}

function parseLevel(c: Cursor, scope: NameScope, level: number): Expr {
  if (level === LEVELS.length) return parseUnary(c, scope);
  const loc = c.loc();
  let a = parseLevel(c, scope, level + 1);
  for (;;) {
    const t = c.peek();
    if (!t || t.t !== "punct" || !LEVELS[level].includes(t.v)) return a;
    c.i++;
    const b = parseLevel(c, scope, level + 1);
    a = { op: "bin", f: t.v, a, b, loc };
  }
}

function parseUnary(c: Cursor, scope: NameScope): Expr {
  const t = c.peek();
  if (!t) throw new LineError("expected expression", c.loc());
  c.i++;
  if (t.t === "punct" && ["-", "~", "!", "+"].includes(t.v)) {
    return { op: "un", f: t.v, a: parseUnary(c, scope), loc: t.loc };
  }
  if (t.t === "punct" && t.v === "(") {
    const e = parseExpr(c, scope);
    c.expect(")");
    return e;
  }
  if (t.t === "num") return { op: "num", v: t.num };
  if (t.t === "local") return { op: "sym", sym: scope.local(t.num, t.v, t.loc) };
  if (t.t === "ident") {
    const at = t.v.indexOf("@");
    if (at > 0) return suffixed(t.v.slice(0, at), t.v.slice(at + 1), scope, t.loc);
    return { op: "sym", sym: t.v === "." ? scope.dot() : scope.name(t.v) };
  }
  throw new LineError(`unexpected '${t.t === "reg" ? "%" : ""}${t.v}' in expression`, t.loc);
}

function suffixed(name: string, suffix: string, scope: NameScope, loc: SrcLoc): Expr {
  const reloc = RELOC_SUFFIXES.find((r) => r === suffix.toUpperCase());
  if (!reloc) throw new LineError(`unknown relocation operator '@${suffix}'`, loc);
  scope.name("_GLOBAL_OFFSET_TABLE_"); // GNU as references the GOT for any @ operator
  return { op: "sym", sym: scope.name(name), reloc };
}

/** Evaluates `e`; `dist` says which label distances are known. */
export function evaluate(e: Expr, dist: Distance, loc: SrcLoc, depth = 0): Value {
  if (depth > 100) throw new LineError("symbol definition loop", loc);
  switch (e.op) {
    case "num":
      return { k: e.v, terms: [] };
    case "sym": {
      const v = e.sym.expr && !e.reloc
        ? viaAlias(e.sym, evaluate(e.sym.expr, dist, loc, depth + 1))
        : { k: 0, terms: [{ sym: e.sym, coef: 1 }] };
      return e.reloc ? { ...v, reloc: e.reloc } : v;
    }
    case "un":
      return unary(e.f, evaluate(e.a, dist, loc, depth + 1), e.loc);
    case "bin": {
      const a = evaluate(e.a, dist, loc, depth + 1);
      const b = evaluate(e.b, dist, loc, depth + 1);
      return binary(e.f, a, b, dist, e.loc);
    }
  }
}

/** Marks the label reached through local alias `alias` as locally bound. */
function viaAlias(alias: Sym, v: Value): Value {
  if (alias.binding !== "local" || v.terms.length !== 1) return v;
  return { ...v, terms: [{ ...v.terms[0], viaLocal: true }] };
}

function unary(f: string, a: Value, loc: SrcLoc): Value {
  if (f === "+") return a;
  if (a.reloc) throw new LineError(`'${f}' cannot apply to '@${a.reloc}'`, loc);
  if (f === "-") return { k: -a.k, terms: a.terms.map((t) => ({ ...t, coef: -t.coef })) };
  const v = constOf(a, loc);
  return { k: f === "~" ? ~v : v === 0 ? 1 : 0, terms: [] };
}

function binary(f: string, a: Value, b: Value, dist: Distance, loc: SrcLoc): Value {
  if (f === "+" || f === "-") {
    const s = f === "+" ? 1 : -1;
    const terms = [...a.terms, ...b.terms.map((t) => ({ ...t, coef: s * t.coef }))];
    if (b.reloc && (a.reloc || s < 0)) {
      throw new LineError(`bad use of '@${b.reloc}' in an expression`, loc);
    }
    const v = reduce(a.k + s * b.k, terms, dist);
    const reloc = a.reloc ?? b.reloc;
    return reloc ? { ...v, reloc } : v;
  }
  const x = constOf(a, loc, f);
  const y = constOf(b, loc, f);
  return { k: applyConst(f, x, y, loc), terms: [] };
}

function applyConst(f: string, x: number, y: number, loc: SrcLoc): number {
  if ((f === "/" || f === "%") && y === 0) throw new LineError("division by zero", loc);
  switch (f) {
    case "*":
      return Number(BigInt.asIntN(64, BigInt(x) * BigInt(y)));
    case "/":
      return Math.trunc(x / y);
    case "%":
      return x % y;
    case "<<":
      return Number(BigInt.asIntN(64, BigInt(x) << BigInt(y & 63)));
    case ">>":
      return Number(BigInt.asIntN(64, BigInt(x) >> BigInt(y & 63)));
    case "&":
      return Number(BigInt.asIntN(64, BigInt(x) & BigInt(y)));
    case "|":
      return Number(BigInt.asIntN(64, BigInt(x) | BigInt(y)));
    case "^":
      return Number(BigInt.asIntN(64, BigInt(x) ^ BigInt(y)));
    case "!":
      return Number(BigInt.asIntN(64, BigInt(x) | ~BigInt(y)));
    case "&&":
      return x && y ? 1 : 0;
    case "||":
      return x || y ? 1 : 0;
  }
  return compare(f, x, y);
}

/** GNU as comparisons yield -1 for true, 0 for false. */
function compare(f: string, x: number, y: number): number {
  const r = f === "=="
    ? x === y
    : f === "!="
    ? x !== y
    : f === "<"
    ? x < y
    : f === ">"
    ? x > y
    : f === "<="
    ? x <= y
    : x >= y;
  return r ? -1 : 0;
}

/** Merges equal symbols and cancels label pairs with a known distance. */
function reduce(k: number, terms: Term[], dist: Distance): Value {
  const merged = new Map<Sym, number>();
  const local = new Set<Sym>();
  for (const t of terms) {
    merged.set(t.sym, (merged.get(t.sym) ?? 0) + t.coef);
    if (t.viaLocal) local.add(t.sym);
  }
  const list = [...merged].filter(([, c]) => c !== 0)
    .map(([sym, coef]) => (local.has(sym) ? { sym, coef, viaLocal: true } : { sym, coef }));
  for (const p of list) {
    for (const m of list) {
      if (p.coef <= 0 || m.coef >= 0 || p === m) continue;
      const d = dist(p.sym, m.sym);
      if (d === null) continue;
      const n = Math.min(p.coef, -m.coef);
      k += n * d;
      (p as { coef: number }).coef -= n;
      (m as { coef: number }).coef += n;
    }
  }
  return { k, terms: list.filter((t) => t.coef !== 0) };
}

/** The constant value of `v`, or a LineError naming the operator. */
export function constOf(v: Value, loc: SrcLoc, op = ""): number {
  if (v.terms.length) {
    const what = op ? ` for '${op}'` : "";
    throw new LineError(`expression is not constant${what} ('${v.terms[0].sym.name}')`, loc);
  }
  return v.k;
}

/** Distance known while parsing: labels in the same fragment. */
export const earlyDistance: Distance = (a, b) =>
  a.frag && a.frag === b.frag ? a.offset - b.offset : null;

/** Distance known after layout: labels in the same section. */
export const finalDistance: Distance = (a, b) =>
  a.frag && b.frag && a.frag.section === b.frag.section ? a.value - b.value : null;
