/**
 * The expression parser (C11 6.5): precedence climbing from comma down to
 * primary expressions, building typed nodes through build.ts. Also parses
 * the stdarg builtins, sizeof/_Alignof, casts and compound literals.
 *
 * Worked example: `a[i] += 2` → lvalRef(a[i]) gives `tmp = &a[i]` once,
 * then `*tmp = *tmp + 2`.
 *
 * Failure contract: syntax and type errors throw CompileError at the token.
 */
import { fail } from "../diag.ts";
import type { Token } from "../lexer.ts";
import type { Node, NodeKind } from "../ast.ts";
import { charValue, parseFloat, parseInt, stringValue } from "../literals.ts";
import {
  constOf,
  type CType,
  isFloat,
  isInteger,
  isRecord,
  isScalar,
  type Member,
  promote,
  T,
  typeName,
} from "../types.ts";
import {
  addr,
  assign,
  binary,
  cast,
  compoundAssign,
  condType,
  decay,
  deref,
  fold,
  incDec,
  mk,
  num,
  varRef,
} from "./build.ts";
import { evalConst } from "./const_eval.ts";
import { isTypeStart, typeName as parseTypeName } from "./decl.ts";
import { parseInitializer } from "./init.ts";
import { type Parser, WCHAR } from "./parser.ts";
import { stmtExpr } from "./stmt.ts";
import { builtin } from "./builtins.ts";

const ASSIGN_OPS: Record<string, NodeKind> = {
  "+=": "add",
  "-=": "sub",
  "*=": "mul",
  "/=": "div",
  "%=": "mod",
  "&=": "band",
  "|=": "bor",
  "^=": "bxor",
  "<<=": "shl",
  ">>=": "shr",
};
const BIN_OPS: Record<string, [number, NodeKind]> = {
  "||": [1, "logor"],
  "&&": [2, "logand"],
  "|": [3, "bor"],
  "^": [4, "bxor"],
  "&": [5, "band"],
  "==": [6, "eq"],
  "!=": [6, "ne"],
  "<": [7, "lt"],
  ">": [7, "gt"],
  "<=": [7, "le"],
  ">=": [7, "ge"],
  "<<": [8, "shl"],
  ">>": [8, "shr"],
  "+": [9, "add"],
  "-": [9, "sub"],
  "*": [10, "mul"],
  "/": [10, "div"],
  "%": [10, "mod"],
};

/** expression: assignment-expression (',' assignment-expression)* */
export function expr(p: Parser): Node {
  let n = assignExpr(p);
  while (p.is(",")) {
    const tok = p.next();
    const r = decay(assignExpr(p));
    n = mk("comma", tok, r.type, { lhs: n, rhs: r });
  }
  return n;
}

/** assignment-expression */
export function assignExpr(p: Parser): Node {
  const lhs = condExpr(p);
  const t = p.tok;
  if (t.kind !== "punct") return lhs;
  if (t.text === "=") {
    p.next();
    return assign(t, lhs, assignExpr(p));
  }
  const op = ASSIGN_OPS[t.text];
  if (!op) return lhs;
  p.next();
  return compoundAssign(p, op, t, lhs, assignExpr(p));
}

/** conditional-expression */
export function condExpr(p: Parser): Node {
  const c = binaryExpr(p, 1);
  if (!p.is("?")) return c;
  const tok = p.next();
  requireScalar(c, tok);
  const a = decay(expr(p));
  p.expect(":");
  const b = decay(condExpr(p));
  const t = condType(tok, a, b);
  const conv = (n: Node) => t.kind === "void" ? n : cast(n, t);
  return fold(mk("cond", tok, t, { cond: decay(c), then: conv(a), els: conv(b) }));
}

function requireScalar(n: Node, tok: Token): void {
  if (!isScalar(decay(n).type)) {
    fail(tok.loc, `used '${typeName(n.type)}' where a scalar is required`);
  }
}

function binaryExpr(p: Parser, minPrec: number): Node {
  let lhs = castExpr(p);
  for (;;) {
    const t = p.tok;
    const op = t.kind === "punct" ? BIN_OPS[t.text] : undefined;
    if (!op || op[0] < minPrec) return lhs;
    p.next();
    lhs = binary(op[1], t, lhs, binaryExpr(p, op[0] + 1));
  }
}

/** Parses a conditional expression and evaluates it, or undefined if not constant. */
export function constExpr(p: Parser): bigint | undefined {
  const n = condExpr(p);
  const c = evalConst(n);
  if (!c || c.label !== undefined) return undefined;
  if (!isInteger(n.type)) {
    if (typeof c.value === "number") fail(n.tok.loc, "expression must have integer type");
  }
  return BigInt(c.value);
}

/** Parses an integer constant expression (C11 6.6p6). */
export function constInt(p: Parser): bigint {
  const t = p.tok;
  const v = constExpr(p);
  if (v === undefined) fail(t.loc, "expression is not an integer constant expression");
  return v;
}

function castExpr(p: Parser): Node {
  if (p.is("(") && isTypeStart(p, p.peek())) {
    const tok = p.next();
    const t = parseTypeName(p);
    p.expect(")");
    if (p.is("{")) return postfix(p, compoundLiteral(p, tok, t));
    const operand = castExpr(p);
    if (t.kind !== "void" && !isScalar(t)) {
      fail(tok.loc, `conversion to non-scalar type '${typeName(t)}' requested`);
    }
    return cast(operand, t, tok);
  }
  return unary(p);
}

function unary(p: Parser): Node {
  const t = p.tok;
  if (t.kind === "punct") {
    switch (t.text) {
      case "+":
        p.next();
        return arithUnary(t, castExpr(p), undefined);
      case "-":
        p.next();
        return arithUnary(t, castExpr(p), "neg");
      case "~": {
        p.next();
        const n = castExpr(p);
        if (!isInteger(n.type)) fail(t.loc, "wrong type argument to bit-complement");
        const pt = promote(n.type);
        return fold(mk("bitnot", t, pt, { lhs: cast(n, pt) }));
      }
      case "!": {
        p.next();
        const n = decay(castExpr(p));
        requireScalar(n, t);
        return fold(mk("not", t, T.int, { lhs: n }));
      }
      case "*":
        p.next();
        return deref(t, castExpr(p));
      case "&":
        p.next();
        return addr(t, castExpr(p));
      case "++":
      case "--":
        p.next();
        return incDec(p, t, unary(p), t.text === "++" ? 1 : -1, false);
    }
  }
  if (
    t.kind === "ident" && (t.text === "sizeof" || t.text === "_Alignof" || t.text === "__alignof__")
  ) {
    p.next();
    let type: CType;
    if (p.is("(") && isTypeStart(p, p.peek())) {
      p.next();
      type = parseTypeName(p);
      p.expect(")");
      if (p.is("{")) type = postfix(p, compoundLiteral(p, t, type)).type;
    } else type = unary(p).type;
    if (t.text === "sizeof") {
      if (type.kind === "func") fail(t.loc, "invalid application of 'sizeof' to a function type");
      if ((type.kind === "array" && type.len! < 0) || (isRecord(type) && !type.complete)) {
        fail(t.loc, `invalid application of 'sizeof' to incomplete type '${typeName(type)}'`);
      }
      return num(t, type.kind === "void" ? 1 : type.size, T.uint);
    }
    return num(t, type.kind === "array" ? type.base!.align : type.align, T.uint);
  }
  return postfix(p, primary(p));
}

function arithUnary(t: Token, n: Node, kind: "neg" | undefined): Node {
  if (!isInteger(n.type) && !isFloat(n.type)) fail(t.loc, `wrong type argument to unary ${t.text}`);
  const pt = promote(n.type);
  const c = cast(n, pt);
  return kind ? fold(mk(kind, t, pt, { lhs: c })) : c;
}

function postfix(p: Parser, n: Node): Node {
  for (;;) {
    const t = p.tok;
    if (p.accept("[")) {
      const idx = expr(p);
      p.expect("]");
      n = deref(t, binary("add", t, n, idx));
    } else if (p.accept("(")) {
      n = call(p, t, n);
    } else if (p.accept(".")) {
      n = member(p, t, n);
    } else if (p.accept("->")) {
      n = member(p, t, deref(t, n));
    } else if (p.is("++") || p.is("--")) {
      p.next();
      n = incDec(p, t, n, t.text === "++" ? 1 : -1, true);
    } else return n;
  }
}

/** Finds `name` in a struct/union, descending into anonymous members; returns the access path. */
export function findMember(t: CType, name: string): Member[] | undefined {
  for (const m of t.members ?? []) {
    if (m.name === name) return [m];
    if (m.name === undefined && isRecord(m.type)) {
      const inner = findMember(m.type, name);
      if (inner) return [m, ...inner];
    }
  }
  return undefined;
}

function member(p: Parser, tok: Token, n: Node): Node {
  const name = p.ident();
  if (!isRecord(n.type)) {
    fail(tok.loc, `request for member '${name.text}' in something not a structure or union`);
  }
  if (!n.type.complete) fail(tok.loc, `invalid use of incomplete type '${typeName(n.type)}'`);
  const path = findMember(n.type, name.text);
  if (!path) fail(name.loc, `'${typeName(n.type)}' has no member named '${name.text}'`);
  for (const m of path) {
    let type = n.type.isConst ? constOf(m.type) : m.type;
    if (m.bitWidth !== undefined) type = { ...type, bitWidth: m.bitWidth };
    n = mk("member", name, type, { lhs: n, member: m });
  }
  return n;
}

function call(p: Parser, tok: Token, fn: Node): Node {
  fn = decay(fn);
  const ft = fn.type.kind === "ptr" ? fn.type.base! : fn.type;
  if (ft.kind !== "func") fail(tok.loc, `called object is not a function or function pointer`);
  const args: Node[] = [];
  const params = ft.params!;
  while (!p.accept(")")) {
    if (args.length) p.expect(",");
    const at = p.tok;
    let a = decay(assignExpr(p));
    const pt = params[args.length];
    if (pt) a = cast(a, pt, at);
    else if (!ft.variadic && !ft.oldStyle) fail(at.loc, `too many arguments to function`);
    else if (a.type.kind === "float") a = cast(a, T.double);
    else if (isInteger(a.type)) a = cast(a, promote(a.type));
    if (a.type.kind === "void") fail(at.loc, "invalid use of void expression");
    args.push(a);
  }
  if (args.length < params.length) fail(tok.loc, "too few arguments to function");
  const node = mk("call", tok, ft.ret!, { lhs: fn, args, funcType: ft });
  if (isRecord(ft.ret!)) node.retBuf = p.newLocal("", ft.ret!);
  return node;
}

function compoundLiteral(p: Parser, tok: Token, type: CType): Node {
  if (p.atFileScope) {
    const obj = p.newAnonGlobal(type, ".LCL");
    parseInitializer(p, obj, true);
    return varRef(tok, obj);
  }
  const obj = p.newLocal("", type);
  const init = parseInitializer(p, obj, false);
  return mk("comma", tok, obj.type, { lhs: init!, rhs: varRef(tok, obj) });
}

function primary(p: Parser): Node {
  const t = p.tok;
  if (p.accept("(")) {
    if (p.is("{")) {
      const n = stmtExpr(p);
      p.expect(")");
      return n;
    }
    const n = expr(p);
    p.expect(")");
    return n;
  }
  if (t.kind === "num") {
    p.next();
    return numberLiteral(t);
  }
  if (t.kind === "char") {
    p.next();
    const { value, prefix } = charValue(t);
    const type = prefix === ""
      ? T.int
      : prefix === "L"
      ? WCHAR
      : prefix === "u"
      ? T.ushort
      : T.uint;
    return num(t, value, type);
  }
  if (t.kind === "str") return stringExpr(p);
  if (t.kind === "ident") {
    const b = builtin(p, t);
    if (b) return b;
    if (t.text === "_Generic") return generic(p);
    const e = p.lookup(t.text);
    p.next();
    if (e?.obj) {
      e.obj.isUsed = true;
      return varRef(t, e.obj);
    }
    if (e?.enumVal !== undefined) return num(t, e.enumVal, T.int);
    if (e?.typedef) fail(t.loc, `unexpected type name '${t.text}': expected expression`);
    if (p.is("(")) fail(t.loc, `implicit declaration of function '${t.text}'`);
    fail(t.loc, `'${t.text}' undeclared`);
  }
  fail(
    t.loc,
    t.kind === "eof"
      ? "expected expression at end of input"
      : `expected expression before '${t.text}'`,
  );
}

function numberLiteral(t: Token): Node {
  const lit = parseInt(t);
  if (!lit) {
    const f = parseFloat(t);
    const type = f.kind === "float" ? T.float : f.kind === "double" ? T.double : T.ldouble;
    const fval = f.kind === "float" ? Math.fround(f.value) : f.value;
    return mk("num", t, type, { fval, ...(f.ext !== undefined ? { ext: f.ext } : {}) });
  }
  const v = lit.value;
  const fits = (bits: number, unsigned: boolean) =>
    unsigned ? v < (1n << BigInt(bits)) : v < (1n << BigInt(bits - 1));
  const cands: CType[] = [];
  const u = lit.unsigned, dec = lit.decimal;
  if (lit.longs === 0) cands.push(...(u ? [T.uint] : dec ? [T.int] : [T.int, T.uint]));
  if (lit.longs < 2) cands.push(...(u ? [T.ulong] : dec ? [T.long] : [T.long, T.ulong]));
  cands.push(...(u ? [T.ullong] : dec ? [T.llong] : [T.llong, T.ullong]));
  const type = cands.find((c) => fits(c.size * 8, c.unsigned)) ?? T.ullong;
  return num(t, v, type);
}

function stringExpr(p: Parser): Node {
  const first = p.tok;
  let elems: number[] = [];
  let prefix = "";
  while (p.tok.kind === "str") {
    const s = stringValue(p.next());
    if (s.prefix !== "" && s.prefix !== "u8") {
      if (prefix !== "" && prefix !== s.prefix) {
        fail(first.loc, "unsupported non-standard concatenation of string literals");
      }
      prefix = s.prefix;
    }
    elems = elems.concat(s.elems);
  }
  const elemType = prefix === ""
    ? T.char
    : prefix === "L"
    ? WCHAR
    : prefix === "u"
    ? T.ushort
    : T.uint;
  return varRef(first, p.stringLiteral(elems, elemType));
}

/**
 * `_Generic(e, T1: e1, ..., default: ed)` (C11 6.5.1.1): picks the association
 * whose type is compatible with the type of `e` after lvalue conversion
 * (array/function decay, qualifiers dropped); `e` is not evaluated.
 */
function generic(p: Parser): Node {
  const t = p.next();
  p.expect("(");
  const ctl = decay(assignExpr(p)).type;
  let chosen: Node | undefined, dflt: Node | undefined;
  while (p.accept(",")) {
    if (p.accept("default")) {
      p.expect(":");
      dflt = assignExpr(p);
      continue;
    }
    const ty = parseTypeName(p);
    p.expect(":");
    const e = assignExpr(p);
    if (!chosen && compatible(ty, ctl)) chosen = e;
  }
  p.expect(")");
  const r = chosen ?? dflt;
  if (!r) fail(t.loc, `'_Generic' selector of type '${typeName(ctl)}' matches no association`);
  return r;
}

/** Type compatibility for _Generic (C11 6.2.7), qualifiers of pointees included. */
function compatible(a: CType, b: CType): boolean {
  if (a.kind !== b.kind || a.unsigned !== b.unsigned) return false;
  if (a.kind === "ptr") {
    return !!a.base!.isConst === !!b.base!.isConst && compatible(a.base!, b.base!);
  }
  if (a.kind === "array") return compatible(a.base!, b.base!);
  if (isRecord(a) || a.kind === "enum") return a.members === b.members && a.tag === b.tag;
  return true;
}
