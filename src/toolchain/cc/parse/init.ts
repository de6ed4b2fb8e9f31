/**
 * Initializers (C11 6.7.9): braced lists with brace elision, designators
 * (`.x =`, `[3] =`, nested `.a.b[2] =`), string literals for char arrays and
 * arrays of unknown size. The parsed tree is lowered either to code (locals:
 * zero the object, then assign each initialized leaf) or to bytes plus
 * relocations (objects with static storage).
 *
 * Failure contract: excess elements, unknown members, and non-constant
 * static initializers throw CompileError.
 */
import { fail } from "../diag.ts";
import type { Token } from "../lexer.ts";
import type { Node, Obj, Reloc } from "../ast.ts";
import { arrayOf, type CType, isFloat, isRecord, type Member, T, typeName } from "../types.ts";
import { assign, binary, cast, deref, mk, num, varRef } from "./build.ts";
import { evalConst } from "./const_eval.ts";
import { assignExpr, constInt, findMember } from "./expr.ts";
import type { Parser } from "./parser.ts";
import { stringValue } from "../literals.ts";

interface Init {
  type: CType;
  expr?: Node;
  children: (Init | undefined)[];
  /** Union: index of the initialized member. */
  unionIdx?: number;
}

const newInit = (type: CType): Init => ({ type, children: [] });

function child(init: Init, i: number, tok: Token): Init {
  const t = init.type;
  if (t.kind === "array") {
    if (t.len! >= 0 && i >= t.len!) fail(tok.loc, "excess elements in array initializer");
    return init.children[i] ??= newInit(t.base!);
  }
  const m = t.members![i];
  if (m.type.kind === "array" && m.type.len! < 0) {
    fail(tok.loc, "initialization of a flexible array member is not supported by denix cc");
  }
  if (t.kind === "union") {
    if (init.unionIdx !== i) init.children = [];
    init.unionIdx = i;
  }
  return init.children[i] ??= newInit(m.type);
}

const isCharArray = (t: CType) =>
  t.kind === "array" && ["char", "short", "int", "long"].includes(t.base!.kind);

/** End of a brace-elided list: `}`, or `,` before `}` or before a designator of the enclosing list. */
function isEnd(p: Parser): boolean {
  return p.is("}") || (p.is(",") && ["}", "[", "."].includes(p.peek().text));
}

function initializer(p: Parser, init: Init): void {
  const t = init.type;
  if (p.is("{")) {
    // a braced initializer replaces everything earlier initializers put in this subobject (as gcc)
    init.children = [];
    delete init.expr;
    delete init.unionIdx;
  }
  if (
    isCharArray(t) &&
    (p.tok.kind === "str" || (p.is("{") && p.peek().kind === "str" && p.peek(2).text === "}"))
  ) {
    const braced = p.accept("{");
    stringInit(p, init);
    if (braced) p.expect("}");
    return;
  }
  if (t.kind === "array") return p.is("{") ? arrayBraced(p, init) : arrayUnbraced(p, init);
  if (isRecord(t)) {
    if (p.is("{")) return recordBraced(p, init);
    const save = p.pos;
    const e = assignExpr(p);
    if (isRecord(e.type)) {
      init.expr = e;
      return;
    }
    p.pos = save;
    return recordUnbraced(p, init);
  }
  if (p.accept("{")) {
    if (p.is("}")) fail(p.tok.loc, "empty scalar initializer");
    initializer(p, init);
    p.accept(",");
    p.expect("}");
    return;
  }
  init.expr = assignExpr(p);
}

function stringInit(p: Parser, init: Init): void {
  const tok = p.tok;
  let elems: number[] = [];
  while (p.tok.kind === "str") elems = elems.concat(stringValue(p.next()).elems);
  const t = init.type;
  if (t.len! < 0) init.type = arrayOf(t.base!, elems.length + 1);
  const len = init.type.len!;
  if (elems.length > len) fail(tok.loc, "initializer-string for array is too long");
  for (let i = 0; i < Math.min(len, elems.length + 1); i++) {
    child(init, i, tok).expr = num(tok, elems[i] ?? 0, t.base!);
  }
}

function finishArray(init: Init): void {
  if (init.type.len! < 0) init.type = arrayOf(init.type.base!, init.children.length);
}

function arrayBraced(p: Parser, init: Init): void {
  p.expect("{");
  let i = 0;
  while (!p.accept("}")) {
    const tok = p.tok;
    if (p.is("[")) i = designated(p, init);
    else if (p.is(".")) fail(tok.loc, "field name not in record or union initializer");
    else initializer(p, child(init, i, tok));
    i++;
    if (!p.is("}")) p.expect(",");
  }
  finishArray(init);
}

function arrayUnbraced(p: Parser, init: Init): void {
  const len = init.type.len!;
  for (let i = 0; (len < 0 || i < len) && !isEnd(p); i++) {
    if (i > 0) p.expect(",");
    initializer(p, child(init, i, p.tok));
  }
  finishArray(init);
}

/** Members initialized sequentially (unnamed bit-fields are skipped). */
function nextMember(t: CType, i: number): number {
  const ms = t.members!;
  while (i < ms.length && ms[i].name === undefined && ms[i].bitWidth !== undefined) i++;
  return i;
}

function recordBraced(p: Parser, init: Init): void {
  p.expect("{");
  let i = nextMember(init.type, 0);
  while (!p.accept("}")) {
    const tok = p.tok;
    if (p.is(".")) i = designated(p, init);
    else if (p.is("[")) fail(tok.loc, "array index in non-array initializer");
    else {
      if (
        i >= init.type.members!.length ||
        (init.type.kind === "union" && init.unionIdx !== undefined && i > 0)
      ) {
        fail(tok.loc, `excess elements in ${init.type.kind} initializer`);
      }
      initializer(p, child(init, i, tok));
    }
    i = nextMember(init.type, i + 1);
    if (!p.is("}")) p.expect(",");
  }
}

function recordUnbraced(p: Parser, init: Init): void {
  const n = init.type.kind === "union" ? 1 : init.type.members!.length;
  for (
    let i = nextMember(init.type, 0), k = 0;
    i < n && !isEnd(p);
    i = nextMember(init.type, i + 1), k++
  ) {
    if (k > 0) p.expect(",");
    initializer(p, child(init, i, p.tok));
  }
}

/** Parses one designator chain and its initializer; returns the index in `init` it designated. */
function designated(p: Parser, init: Init): number {
  const tok = p.tok;
  let idx: number;
  if (p.accept("[")) {
    if (init.type.kind !== "array") fail(tok.loc, "array index in non-array initializer");
    idx = Number(constInt(p));
    p.expect("]");
    if (idx < 0) fail(tok.loc, "array index in initializer is negative");
  } else {
    p.expect(".");
    if (!isRecord(init.type)) fail(tok.loc, "field name not in record or union initializer");
    const name = p.ident();
    const path = findMember(init.type, name.text);
    if (!path) fail(name.loc, `'${typeName(init.type)}' has no member named '${name.text}'`);
    idx = init.type.members!.indexOf(path[0]);
    if (path.length > 1) {
      // anonymous member: designate inside it
      const sub = child(init, idx, tok);
      p.pos -= 2;
      continueElided(p, sub, designated(p, sub) + 1);
      return idx;
    }
  }
  const c = child(init, idx, tok);
  if (p.is("[") || p.is(".")) continueElided(p, c, designated(p, c) + 1);
  else {
    p.expect("=");
    initializer(p, c);
  }
  return idx;
}

/**
 * After a nested designator (`[0][1] = 7, 8`), following plain initializers
 * continue inside the same subaggregate until it is full (C11 6.7.9p17).
 */
function continueElided(p: Parser, init: Init, start: number): void {
  const t = init.type;
  if (t.kind === "union") return;
  const n = t.kind === "array" ? t.len! : t.members!.length;
  const next = (i: number) => t.kind === "array" ? i : nextMember(t, i);
  for (let i = next(start); (n < 0 || i < n) && !isEnd(p); i = next(i + 1)) {
    p.expect(",");
    initializer(p, child(init, i, p.tok));
  }
}

/** Lowers an initializer to assignments to `obj` (automatic storage). */
function lowerLocal(init: Init, target: Node, tok: Token, out: Node[]): void {
  const t = init.type;
  if (init.expr) {
    out.push(assign({ ...tok, text: "init" }, target, init.expr));
    return;
  }
  init.children.forEach((c, i) => {
    if (!c) return;
    if (t.kind === "array") {
      lowerLocal(c, deref(tok, binary("add", tok, target, num(tok, i))), tok, out);
    } else {
      const m: Member = t.members![i];
      lowerLocal(c, mk("member", tok, m.type, { lhs: target, member: m }), tok, out);
    }
  });
}

/** Lowers an initializer into the bytes and relocations of a static object. */
function lowerStatic(init: Init, buf: DataView, offset: number, relocs: Reloc[], m?: Member): void {
  const t = init.type;
  if (init.expr) {
    const e = isRecord(t) ? init.expr : cast(init.expr, t);
    if (t.kind === "ldouble" && e.kind === "num" && e.ext !== undefined) {
      for (let i = 0; i < 10; i++) {
        buf.setUint8(offset + i, Number((e.ext >> BigInt(8 * i)) & 0xffn));
      }
      return;
    }
    const c = evalConst(e);
    if (!c || isRecord(t)) fail(init.expr.tok.loc, "initializer element is not constant");
    if (c.label !== undefined) {
      if (t.size !== 4) {
        fail(init.expr.tok.loc, "initializer element is not computable at load time");
      }
      relocs.push({ offset, label: c.label, addend: Number(c.value) });
      return;
    }
    writeScalar(buf, offset, t, c.value, m);
    return;
  }
  init.children.forEach((c, i) => {
    if (!c) return;
    if (t.kind === "array") lowerStatic(c, buf, offset + i * t.base!.size, relocs);
    else {
      const mm = t.members![i];
      lowerStatic(c, buf, offset + mm.offset, relocs, mm);
    }
  });
}

function writeScalar(buf: DataView, off: number, t: CType, v: bigint | number, m?: Member): void {
  if (isFloat(t)) {
    const x = Number(v);
    if (t.kind === "float") buf.setFloat32(off, x, true);
    else if (t.kind === "double") buf.setFloat64(off, x, true);
    else writeExtended(buf, off, x);
    return;
  }
  let x = BigInt.asUintN(64, BigInt(v));
  if (m?.bitWidth !== undefined) {
    const mask = (1n << BigInt(m.bitWidth)) - 1n;
    let unit = 0n;
    for (let i = 0; i < t.size; i++) unit |= BigInt(buf.getUint8(off + i)) << BigInt(8 * i);
    unit = (unit & ~(mask << BigInt(m.bitOffset!))) | ((x & mask) << BigInt(m.bitOffset!));
    x = unit;
  }
  for (let i = 0; i < t.size; i++) buf.setUint8(off + i, Number((x >> BigInt(8 * i)) & 0xffn));
}

/** Writes a double as an x87 80-bit extended value. */
function writeExtended(buf: DataView, off: number, x: number): void {
  const d = new DataView(new ArrayBuffer(8));
  d.setFloat64(0, x, true);
  const bits = d.getBigUint64(0, true);
  const sign = Number(bits >> 63n);
  const exp = Number((bits >> 52n) & 0x7ffn);
  let frac = bits & ((1n << 52n) - 1n);
  let e: number, mant: bigint;
  if (exp === 0 && frac === 0n) e = 0, mant = 0n;
  else if (exp === 0x7ff) e = 0x7fff, mant = (1n << 63n) | (frac << 11n);
  else if (exp === 0) {
    let k = -1022;
    while (!(frac & (1n << 52n))) frac <<= 1n, k--;
    e = k + 16383, mant = frac << 11n;
  } else e = exp - 1023 + 16383, mant = (1n << 63n) | (frac << 11n);
  buf.setBigUint64(off, mant, true);
  buf.setUint16(off + 8, (sign << 15) | e, true);
}

/**
 * Parses the initializer after `=` for `obj`. For static storage fills
 * obj.initData/relocs and returns undefined; otherwise returns the code.
 */
export function parseInitializer(p: Parser, obj: Obj, isStatic: boolean): Node | undefined {
  const tok = p.tok;
  const init = newInit(obj.type);
  initializer(p, init);
  obj.type = init.type;
  if (obj.type.kind === "array" && obj.type.len! < 0) fail(tok.loc, "array size missing");
  if (isStatic) {
    const data = new Uint8Array(Math.max(obj.type.size, 0));
    obj.relocs = [];
    lowerStatic(init, new DataView(data.buffer), 0, obj.relocs);
    obj.initData = data;
    return undefined;
  }
  const out: Node[] = [];
  const target = varRef(tok, obj);
  if (!init.expr || isRecord(obj.type) && !init.expr) out.push(mk("memzero", tok, T.void, { obj }));
  lowerLocal(init, target, tok, out);
  return out.reduce((a, b) => mk("comma", tok, b.type, { lhs: a, rhs: b }));
}
