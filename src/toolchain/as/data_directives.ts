/**
 * Data and layout directives: .byte .word .short .value .hword .2byte .long .int .4byte
 * .quad .8byte (constants, or fixups for symbolic values), .ascii .asciz .string,
 * .space/.skip/.zero n[,fill], .fill repeat[,size[,value]], .uleb128 .sleb128,
 * .align/.balign (bytes) and .p2align (power of two) `n[,fill[,max]]` (an omitted fill
 * pads code with NOPs at layout), .org target[,fill].
 */

import { LineError, type SrcLoc } from "./errors.ts";
import type { Cursor } from "./expr.ts";
import type { Assembler } from "./assembler.ts";
import { pushLE, truncation } from "./bytes.ts";
import { inRange } from "./operand_match.ts";
import { args, constArg, exprArg, type Handler, optConst } from "./directive_args.ts";

export function data(size: 1 | 2 | 4 | 8): Handler {
  return (a, c) => {
    a.checkCode(a.here);
    for (const arg of args(c)) {
      const loc = arg.loc();
      const big = size === 8 ? bigLiteral(arg) : null;
      if (big !== null) {
        for (let i = 0n; i < 8n; i++) a.cur.cur.bytes.push(Number((big >> (8n * i)) & 0xffn));
        continue;
      }
      const e = exprArg(a, arg);
      const frag = a.cur.cur;
      const v = a.early(e);
      if (v !== null) {
        if (size < 8 && !inRange(v, size * 8)) {
          a.warn(truncation(v, size));
        }
        pushLE(frag.bytes, v, size);
        continue;
      }
      const fsize = size === 8 ? 4 : size;
      frag.fixups.push({
        offset: frag.bytes.length,
        size: fsize,
        expr: e,
        pcrel: false,
        insn: 0,
        gotx: false,
        loc,
      });
      pushLE(frag.bytes, 0, size);
    }
  };
}

/** A plain (optionally negated) integer literal as an exact 64-bit value, else null. */
function bigLiteral(c: Cursor): bigint | null {
  const t = c.toks;
  const neg = t.length === 2 && t[0].t === "punct" && t[0].v === "-";
  const lit = t[neg ? 1 : 0];
  if (t.length !== (neg ? 2 : 1) || lit.t !== "num" || !/^[0-9]/.test(lit.v)) return null;
  const text = /^0[0-7]+$/.test(lit.v) ? "0o" + lit.v.slice(1) : lit.v;
  const v = BigInt(text);
  return BigInt.asUintN(64, neg ? -v : v);
}

export function strings(zero: boolean): Handler {
  return (a, c) => {
    a.checkCode(a.here);
    for (const arg of args(c)) {
      const t = arg.peek();
      if (!t || t.t !== "str" || arg.toks.length !== 1) {
        throw new LineError("expected string", arg.loc());
      }
      const bytes = a.cur.cur.bytes;
      for (let i = 0; i < t.v.length; i++) bytes.push(t.v.charCodeAt(i) & 0xff);
      if (zero) bytes.push(0);
    }
  };
}

export function fillBytes(a: Assembler, count: number, value: number, loc: SrcLoc): void {
  if (count < 0) throw new LineError("negative repeat count", loc);
  if (value !== 0) a.checkCode(loc);
  const bytes = a.cur.cur.bytes;
  for (let i = 0; i < count; i++) bytes.push(value & 0xff);
}

export const space: Handler = (a, c, loc) => {
  const [n, fill] = args(c);
  if (!n) throw new LineError("expected size", loc);
  fillBytes(a, constArg(a, n, "size"), optConst(a, fill, "fill") ?? 0, loc);
};

export const fill: Handler = (a, c, loc) => {
  const [r, s, v] = args(c);
  if (!r) throw new LineError("expected repeat count", loc);
  const repeat = constArg(a, r, "repeat");
  const size = Math.min(optConst(a, s, "size") ?? 1, 8);
  const value = optConst(a, v, "value") ?? 0;
  if (value !== 0) a.checkCode(loc);
  for (let i = 0; i < repeat; i++) pushLE(a.cur.cur.bytes, value, size);
};

export function align(kind: "bytes" | "pow2"): Handler {
  return (a, c, loc) => {
    const [n, f, m] = args(c);
    if (!n) throw new LineError("expected alignment", loc);
    const v = constArg(a, n, "alignment");
    const al = kind === "pow2" ? 2 ** v : v;
    if (al < 1 || (al & (al - 1)) !== 0 || al > 1 << 16) {
      throw new LineError("alignment must be a power of two", loc);
    }
    const fillv = optConst(a, f, "fill");
    const max = optConst(a, m, "max") || al; // GNU: 0 means no limit
    if (al === 1) return;
    a.cur.align = Math.max(a.cur.align, al);
    a.cur.closeWith({ kind: "align", align: al, fill: fillv, max });
  };
}

export function leb(signed: boolean): Handler {
  return (a, c) => {
    for (const arg of args(c)) {
      let v = BigInt(constArg(a, arg, "value"));
      for (;;) {
        const b = Number(v & 0x7fn);
        v >>= 7n;
        const done = signed
          ? (v === 0n && (b & 0x40) === 0) || (v === -1n && (b & 0x40) !== 0)
          : v === 0n;
        a.cur.cur.bytes.push(done ? b : b | 0x80);
        if (done) break;
      }
    }
  };
}

export const org: Handler = (a, c, loc) => {
  const [t, f] = args(c);
  if (!t) throw new LineError("expected .org target", loc);
  const fill = optConst(a, f, "fill") ?? 0;
  if (fill !== 0) a.checkCode(loc);
  a.cur.closeWith({ kind: "org", target: exprArg(a, t), fill, loc });
};
