/**
 * Typed node constructors: the semantic rules of C expressions (C11 6.5).
 * Each builder checks its operands, applies array/function decay, integer
 * promotions and the usual arithmetic conversions as explicit `cast` nodes,
 * scales pointer arithmetic, and folds integer constants.
 *
 * Failure contract: constraint violations (e.g. adding two pointers,
 * assigning to a non-lvalue) throw CompileError at the operator token.
 */
import { fail } from "../diag.ts";
import type { Token } from "../lexer.ts";
import type { Node, NodeKind, Obj } from "../ast.ts";
import {
  commonType,
  type CType,
  isArith,
  isFloat,
  isInteger,
  isRecord,
  isScalar,
  pointerTo,
  promote,
  sameType,
  T,
  typeName,
} from "../types.ts";
import { evalConst } from "./const_eval.ts";
import { intToExtended } from "../literals.ts";
import type { Parser } from "./parser.ts";

/** A bare node. */
export function mk(kind: NodeKind, tok: Token, type: CType, fields: Partial<Node> = {}): Node {
  return { kind, tok, type, ...fields };
}

/** An integer constant of type `type` (default int). */
export function num(tok: Token, val: bigint | number, type: CType = T.int): Node {
  return mk("num", tok, type, { val: wrap(BigInt(val), type) });
}

/** Wraps `v` to the range of integer type `t`. */
export function wrap(v: bigint, t: CType): bigint {
  if (t.kind === "bool") return v !== 0n ? 1n : 0n;
  const bits = t.kind === "ptr" ? 32 : t.size * 8;
  return t.unsigned ? BigInt.asUintN(bits, v) : BigInt.asIntN(bits, v);
}

/** A variable reference. */
export function varRef(tok: Token, obj: Obj): Node {
  return mk("var", tok, obj.type, { obj });
}

/** Array-to-pointer and function-to-pointer conversion (C11 6.3.2.1). */
export function decay(n: Node): Node {
  if (n.type.kind === "array") return mk("cast", n.tok, pointerTo(n.type.base!), { lhs: n });
  if (n.type.kind === "func") return mk("cast", n.tok, pointerTo(n.type), { lhs: n });
  return n;
}

/** Conversion of `n` to `type`, folding constants. */
export function cast(n: Node, type: CType, tok: Token = n.tok): Node {
  n = decay(n);
  if (type.kind === "void") return mk("cast", tok, type, { lhs: n });
  if (sameType(n.type, type) && n.type.unsigned === type.unsigned && !isRecord(type)) {
    return n.type === type ? n : mk("cast", tok, type, { lhs: n });
  }
  if (isRecord(type) || isRecord(n.type)) {
    if (sameType(n.type, type)) return n;
    fail(tok.loc, `conversion to '${typeName(type)}' from '${typeName(n.type)}'`);
  }
  if (!isScalar(type)) fail(tok.loc, `conversion to non-scalar type '${typeName(type)}' requested`);
  if (!isScalar(n.type)) {
    fail(tok.loc, `cannot convert '${typeName(n.type)}' to '${typeName(type)}'`);
  }
  if (isFloat(n.type) && type.kind === "ptr" || isFloat(type) && n.type.kind === "ptr") {
    fail(tok.loc, `cannot convert between pointer and floating type`);
  }
  return fold(mk("cast", tok, type, { lhs: n }));
}

/** Replaces a constant integer/float expression with a `num` node. */
export function fold(n: Node): Node {
  // Floating arithmetic is left to the x87 at run time: it computes in 80-bit
  // precision exactly as gcc's excess-precision folding does (FLT_EVAL_METHOD 2),
  // where folding here in double precision could differ in the last bits.
  if (isFloat(n.type) && n.kind !== "cast" && n.kind !== "neg") return n;
  if (n.kind === "neg" && n.lhs!.kind === "num" && n.lhs!.ext !== undefined) {
    return mk("num", n.tok, n.type, { fval: -n.lhs!.fval!, ext: n.lhs!.ext ^ (1n << 79n) });
  }
  const c = evalConst(n);
  if (!c || c.label !== undefined) return n;
  if (n.type.kind === "ldouble" && n.kind === "cast" && isInteger(n.lhs!.type)) {
    const v = evalConst(n.lhs!)?.value; // integer -> long double is exact: keep all 64 bits
    if (typeof v === "bigint" && v !== 0n) {
      return mk("num", n.tok, n.type, { fval: Number(v), ext: intToExtended(v) });
    }
  }
  if (isFloat(n.type)) return mk("num", n.tok, n.type, { fval: Number(c.value) });
  if (isInteger(n.type)) return mk("num", n.tok, n.type, { val: wrap(BigInt(c.value), n.type) });
  return n;
}

function requireScalar(n: Node, tok: Token): void {
  if (!isScalar(n.type)) fail(tok.loc, `used '${typeName(n.type)}' where a scalar is required`);
}

function requireArith(n: Node, tok: Token, op: string): void {
  if (!isArith(n.type)) {
    fail(tok.loc, `invalid operand to binary ${op} (have '${typeName(n.type)}')`);
  }
}

/** A binary operator, including pointer arithmetic rules. */
export function binary(kind: NodeKind, tok: Token, a: Node, b: Node): Node {
  a = decay(a), b = decay(b);
  switch (kind) {
    case "add":
      return add(tok, a, b);
    case "sub":
      return sub(tok, a, b);
    case "shl":
    case "shr": {
      if (!isInteger(a.type) || !isInteger(b.type)) {
        fail(tok.loc, `invalid operands to binary ${tok.text}`);
      }
      const t = promote(a.type);
      return fold(mk(kind, tok, t, { lhs: cast(a, t), rhs: cast(b, promote(b.type)) }));
    }
    case "eq":
    case "ne":
    case "lt":
    case "le":
    case "gt":
    case "ge":
      return compare(kind, tok, a, b);
    case "logand":
    case "logor":
      requireScalar(a, tok), requireScalar(b, tok);
      return fold(mk(kind, tok, T.int, { lhs: a, rhs: b }));
    case "mod":
    case "band":
    case "bor":
    case "bxor":
      if (!isInteger(a.type) || !isInteger(b.type)) {
        fail(tok.loc, `invalid operands to binary ${tok.text}`);
      }
      return arith(kind, tok, a, b);
    default:
      requireArith(a, tok, tok.text), requireArith(b, tok, tok.text);
      return arith(kind, tok, a, b);
  }
}

function arith(kind: NodeKind, tok: Token, a: Node, b: Node): Node {
  const t = commonType(a.type, b.type);
  if ((kind === "div" || kind === "mod") && isInteger(t)) {
    const c = evalConst(b);
    if (c && c.label === undefined && BigInt(c.value) === 0n) {
      return mk(kind, tok, t, { lhs: cast(a, t), rhs: cast(b, t) }); // division by zero: leave to run time
    }
  }
  return fold(mk(kind, tok, t, { lhs: cast(a, t), rhs: cast(b, t) }));
}

function pointee(t: CType, tok: Token): number {
  const base = t.base!;
  if (base.kind === "void" || base.kind === "func") return 1;
  if (base.size === 0 && !(base.kind === "array")) {
    fail(tok.loc, `arithmetic on pointer to incomplete type '${typeName(base)}'`);
  }
  return base.size;
}

function scaled(n: Node, size: number, tok: Token): Node {
  const i = cast(n, T.int);
  return size === 1 ? i : fold(mk("mul", tok, T.int, { lhs: i, rhs: num(tok, size) }));
}

function add(tok: Token, a: Node, b: Node): Node {
  if (isArith(a.type) && isArith(b.type)) return arith("add", tok, a, b);
  if (a.type.kind !== "ptr") [a, b] = [b, a];
  if (a.type.kind !== "ptr" || !isInteger(b.type)) fail(tok.loc, "invalid operands to binary +");
  return mk("add", tok, a.type, { lhs: a, rhs: scaled(b, pointee(a.type, tok), tok) });
}

function sub(tok: Token, a: Node, b: Node): Node {
  if (isArith(a.type) && isArith(b.type)) return arith("sub", tok, a, b);
  if (a.type.kind === "ptr" && isInteger(b.type)) {
    return mk("sub", tok, a.type, { lhs: a, rhs: scaled(b, pointee(a.type, tok), tok) });
  }
  if (a.type.kind === "ptr" && b.type.kind === "ptr") {
    const size = pointee(a.type, tok);
    const diff = mk("sub", tok, T.int, { lhs: cast(a, T.int), rhs: cast(b, T.int) });
    return size === 1 ? diff : mk("div", tok, T.int, { lhs: diff, rhs: num(tok, size) });
  }
  fail(tok.loc, "invalid operands to binary -");
}

function compare(kind: NodeKind, tok: Token, a: Node, b: Node): Node {
  if (isArith(a.type) && isArith(b.type)) {
    const t = commonType(a.type, b.type);
    return fold(mk(kind, tok, T.int, { lhs: cast(a, t), rhs: cast(b, t) }));
  }
  requireScalar(a, tok), requireScalar(b, tok);
  if (isFloat(a.type) || isFloat(b.type)) {
    fail(tok.loc, "comparison between pointer and floating type");
  }
  return fold(mk(kind, tok, T.int, { lhs: cast(a, T.uint), rhs: cast(b, T.uint) }));
}

/** True when `n` designates an object (C11 6.3.2.1). */
export function isLvalue(n: Node): boolean {
  return n.kind === "var" || n.kind === "deref" || (n.kind === "member" && isLvalue(n.lhs!));
}

/** `a = b` with conversion of b to a's type. */
export function assign(tok: Token, a: Node, b: Node): Node {
  if (!isLvalue(a) && !(a.kind === "member")) {
    fail(tok.loc, "lvalue required as left operand of assignment");
  }
  if (a.type.kind === "array") fail(tok.loc, "assignment to expression with array type");
  if (a.type.isConst && tok.text !== "init") fail(tok.loc, "assignment of read-only location");
  b = decay(b);
  if (isRecord(a.type) && !sameType(a.type, b.type)) {
    fail(
      tok.loc,
      `incompatible types when assigning to type '${typeName(a.type)}' from type '${
        typeName(b.type)
      }'`,
    );
  }
  if (a.type.kind === "ptr" && isInteger(b.type)) {
    const c = evalConst(b);
    if (!c || c.label !== undefined || BigInt(c.value) !== 0n) {
      // gcc only warns (int-conversion); we accept like gcc.
    }
  }
  if (a.type.kind === "ptr" && isFloat(b.type)) {
    fail(tok.loc, "incompatible types when assigning to a pointer from a floating type");
  }
  return mk("assign", tok, a.type, { lhs: a, rhs: cast(b, a.type, tok) });
}

/** `*p`. */
export function deref(tok: Token, n: Node): Node {
  n = decay(n);
  if (n.type.kind !== "ptr") {
    fail(tok.loc, `invalid type argument of unary '*' (have '${typeName(n.type)}')`);
  }
  if (n.type.base!.kind === "void") fail(tok.loc, "dereferencing 'void *' pointer");
  return mk("deref", tok, n.type.base!, { lhs: n });
}

/** `&x`. */
export function addr(tok: Token, n: Node): Node {
  if (n.kind === "member" && n.member!.bitWidth !== undefined) {
    fail(tok.loc, "cannot take address of bit-field");
  }
  if (n.kind === "deref") return mk("cast", tok, pointerTo(n.type), { lhs: n.lhs! });
  if (n.kind === "comma" && n.rhs!.kind === "var") { // compound literal
    const a = addr(tok, n.rhs!);
    return mk("comma", tok, a.type, { lhs: n.lhs!, rhs: a });
  }
  if (!isLvalue(n) && n.type.kind !== "func") fail(tok.loc, "lvalue required as unary '&' operand");
  return mk("addr", tok, pointerTo(n.type), { lhs: n });
}

/** Returns a function that re-designates lvalue `n` without repeating its side effects, plus setup code. */
export function lvalRef(
  p: Parser,
  n: Node,
  tok: Token,
): { setup: Node | undefined; ref: () => Node } {
  if (n.kind === "var") return { setup: undefined, ref: () => n };
  if (n.kind === "deref") {
    const ptr = n.lhs!;
    if (ptr.kind === "var" || ptr.kind === "num") return { setup: undefined, ref: () => n };
    const tmp = p.newLocal("", ptr.type);
    const setup = mk("assign", tok, ptr.type, { lhs: varRef(tok, tmp), rhs: ptr });
    return { setup, ref: () => mk("deref", n.tok, n.type, { lhs: varRef(tok, tmp) }) };
  }
  if (n.kind === "member" && isLvalue(n.lhs!)) {
    const inner = lvalRef(p, n.lhs!, tok);
    return { setup: inner.setup, ref: () => ({ ...n, lhs: inner.ref() }) };
  }
  fail(tok.loc, "lvalue required as operand");
}

/** Joins `a, b` (either may be absent). */
export function comma(tok: Token, a: Node | undefined, b: Node): Node {
  return a ? mk("comma", tok, b.type, { lhs: a, rhs: b }) : b;
}

/** `a op= b`. */
export function compoundAssign(p: Parser, kind: NodeKind, tok: Token, a: Node, b: Node): Node {
  const { setup, ref } = lvalRef(p, a, tok);
  return comma(tok, setup, assign(tok, ref(), binary(kind, tok, ref(), b)));
}

/** `x++` / `x--` (post) or `++x` / `--x` (pre). */
export function incDec(p: Parser, tok: Token, n: Node, delta: 1 | -1, post: boolean): Node {
  if (!isScalar(n.type)) {
    fail(tok.loc, `wrong type argument to ${delta > 0 ? "increment" : "decrement"}`);
  }
  const one = num(tok, 1);
  const pre = compoundAssign(p, delta > 0 ? "add" : "sub", tok, n, one);
  if (!post) return pre;
  const bitfield = n.kind === "member" && n.member!.bitWidth !== undefined;
  const intLike = (isInteger(n.type) || n.type.kind === "ptr") && n.type.kind !== "bool" &&
    n.type.kind !== "llong";
  if (isLvalue(n) && !bitfield && intLike && !n.type.isConst) {
    // `x++` on an integer or pointer lvalue: load the old value, add the (scaled) step in memory
    const step = n.type.kind === "ptr" ? pointee(n.type, tok) : 1;
    return mk("postinc", tok, n.type, { lhs: n, val: BigInt(delta * step), els: pre });
  }
  const { setup, ref } = lvalRef(p, n, tok);
  const old = p.newLocal("", n.type);
  const save = mk("assign", tok, n.type, { lhs: varRef(tok, old), rhs: ref() });
  const update = assign(tok, ref(), binary(delta > 0 ? "add" : "sub", tok, varRef(tok, old), one));
  const out = comma(tok, setup, comma(tok, save, comma(tok, update, varRef(tok, old))));
  out.els = pre; // discard form: when the value is unused, the pre form is equivalent and cheaper
  return out;
}

/** The usual conversion of `?:` operands; returns the result type. */
export function condType(tok: Token, a: Node, b: Node): CType {
  if (isArith(a.type) && isArith(b.type)) return commonType(a.type, b.type);
  if (a.type.kind === "void" || b.type.kind === "void") return T.void;
  if (isRecord(a.type) && sameType(a.type, b.type)) return a.type;
  if (a.type.kind === "ptr" && b.type.kind === "ptr") {
    return a.type.base!.kind === "void" ? b.type : a.type;
  }
  if (a.type.kind === "ptr" && isInteger(b.type)) return a.type;
  if (b.type.kind === "ptr" && isInteger(a.type)) return b.type;
  fail(tok.loc, "type mismatch in conditional expression");
}
