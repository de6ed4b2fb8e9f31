/**
 * Assembler directives, one handler per name in a table.
 *
 * Data: .byte .word .short .value .hword .long .int .quad .ascii .asciz .string
 * .space/.skip (n[,fill]) .zero .fill (repeat[,size[,value]]) .uleb128 .sleb128.
 * Layout: .align/.balign (bytes on i386 ELF) .p2align (power of two), each
 * `n[,fill[,max]]`; an omitted fill pads code with NOPs. .org target[,fill] pads to a
 * section offset (constant, or label of this section + constant). Sections: .text .data .bss
 * .section name[,"flags"[,@type[,entsize]]] .previous .pushsection .popsection.
 * Symbols: .globl/.global .local .weak .hidden .protected .internal .type .size
 * .set/.equ .equiv .comm .lcomm. Accepted and ignored: .file N "x", .loc, .cfi_*,
 * .code32, .att_syntax, .arch, .ident goes to .comment. Unknown directives are errors.
 */

import { LineError, type SrcLoc } from "./errors.ts";
import { Cursor, type Expr } from "./expr.ts";
import type { Assembler } from "./assembler.ts";
import { pushLE } from "./encode.ts";
import { inRange } from "./operand_match.ts";
import type { SectionType, Sym } from "./section.ts";
import type { Token } from "./lexer.ts";

type Handler = (a: Assembler, c: Cursor, loc: SrcLoc) => void;

const IGNORED = new Set([
  ".loc",
  ".code32",
  ".att_syntax",
  ".arch",
  ".addrsig",
  ".addrsig_sym",
  ".lflags",
  ".ln",
  ".version",
]);

/** Runs directive `name` (lower-case, with the dot) on the rest of the statement. */
export function runDirective(a: Assembler, name: string, c: Cursor, loc: SrcLoc): void {
  if (name.startsWith(".cfi_") || IGNORED.has(name)) return;
  const h = HANDLERS[name];
  if (!h) throw new LineError(`unknown directive '${name}'`, loc);
  h(a, c, loc);
}

/** Splits the rest of the statement at top-level commas (empty args allowed). */
function args(c: Cursor): Cursor[] {
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

function exprArg(a: Assembler, c: Cursor): Expr {
  const e = a.expr(c);
  if (!c.done) throw new LineError(`junk '${c.peek()!.v}' after expression`, c.loc());
  return e;
}

function constArg(a: Assembler, c: Cursor, what: string): number {
  const loc = c.loc();
  const v = a.early(exprArg(a, c));
  if (v === null) throw new LineError(`${what} must be a constant expression`, loc);
  return v;
}

function optConst(a: Assembler, c: Cursor | undefined, what: string): number | null {
  return c && !c.done ? constArg(a, c, what) : null;
}

function symArg(a: Assembler, c: Cursor): Sym {
  const t = c.peek();
  if (!t || t.t !== "ident") throw new LineError("expected symbol name", c.loc());
  c.i++;
  return a.name(t.v);
}

function data(size: 1 | 2 | 4 | 8): Handler {
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
          throw new LineError(`value ${v} does not fit in ${size * 8} bits`, loc);
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

function strings(zero: boolean): Handler {
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

function fillBytes(a: Assembler, count: number, value: number, loc: SrcLoc): void {
  if (count < 0) throw new LineError("negative repeat count", loc);
  if (value !== 0) a.checkCode(loc);
  const bytes = a.cur.cur.bytes;
  for (let i = 0; i < count; i++) bytes.push(value & 0xff);
}

const space: Handler = (a, c, loc) => {
  const [n, fill] = args(c);
  if (!n) throw new LineError("expected size", loc);
  fillBytes(a, constArg(a, n, "size"), optConst(a, fill, "fill") ?? 0, loc);
};

const fill: Handler = (a, c, loc) => {
  const [r, s, v] = args(c);
  if (!r) throw new LineError("expected repeat count", loc);
  const repeat = constArg(a, r, "repeat");
  const size = Math.min(optConst(a, s, "size") ?? 1, 8);
  const value = optConst(a, v, "value") ?? 0;
  if (value !== 0) a.checkCode(loc);
  for (let i = 0; i < repeat; i++) pushLE(a.cur.cur.bytes, value, size);
};

function align(kind: "bytes" | "pow2"): Handler {
  return (a, c, loc) => {
    const [n, f, m] = args(c);
    if (!n) throw new LineError("expected alignment", loc);
    const v = constArg(a, n, "alignment");
    const al = kind === "pow2" ? 2 ** v : v;
    if (al < 1 || (al & (al - 1)) !== 0 || al > 1 << 16) {
      throw new LineError("alignment must be a power of two", loc);
    }
    const fillv = optConst(a, f, "fill");
    const max = optConst(a, m, "max") ?? al;
    if (al === 1) return;
    a.cur.align = Math.max(a.cur.align, al);
    a.cur.closeWith({ kind: "align", align: al, fill: fillv, max });
  };
}

function leb(signed: boolean): Handler {
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

function sectionName(c: Cursor): string {
  const t = c.peek();
  if (t?.t === "str") return t.v;
  return c.toks.map((x) => x.t === "reg" ? "%" + x.v : x.v).join("");
}

const FLAG_LETTERS = /^[awxMSGTdoRe?]*$/;

const org: Handler = (a, c, loc) => {
  const [t, f] = args(c);
  if (!t) throw new LineError("expected .org target", loc);
  const fill = optConst(a, f, "fill") ?? 0;
  if (fill !== 0) a.checkCode(loc);
  a.cur.closeWith({ kind: "org", target: exprArg(a, t), fill, loc });
};

const sectionDirective: Handler = (a, c, loc) => {
  const [n, f, t, e, g] = args(c);
  if (!n || n.done) throw new LineError("expected section name", loc);
  const name = sectionName(n);
  const isNew = !a.sections.has(name);
  const s = a.section(name);
  if (f && !f.done) {
    const flags = f.peek()!;
    if (flags.t !== "str" || !FLAG_LETTERS.test(flags.v)) {
      throw new LineError("bad section flags", f.loc());
    }
    if (isNew) s.flags = flags.v;
  }
  if (t && !t.done && isNew) s.type = sectionType(t);
  const rest = [e, g];
  if (s.flags.includes("M") && rest[0] && !rest[0].done) {
    const size = constArg(a, rest.shift()!, "entsize");
    if (isNew) s.entsize = size;
  }
  if (s.flags.includes("G")) {
    const sig = rest[0]?.peek();
    if (!sig || (sig.t !== "ident" && sig.t !== "str")) {
      throw new LineError("expected group signature", rest[0]?.loc() ?? loc);
    }
    if (isNew) s.group = sig.v;
  }
  a.switchTo(s);
};

function sectionType(c: Cursor): SectionType {
  c.eat("@") || c.eat("%");
  const t = c.peek();
  const v = t?.t === "str" || t?.t === "ident" ? t.v : "";
  const types = ["progbits", "nobits", "note", "init_array", "fini_array", "preinit_array"];
  if (types.includes(v)) return v as SectionType;
  throw new LineError(`unknown section type '${v}'`, c.loc());
}

const TYPES: Readonly<Record<string, Sym["type"]>> = {
  function: "func",
  STT_FUNC: "func",
  object: "object",
  STT_OBJECT: "object",
  notype: "notype",
  STT_NOTYPE: "notype",
  tls_object: "tls",
  STT_TLS: "tls",
  gnu_indirect_function: "func",
};

const typeDirective: Handler = (a, c, loc) => {
  const [s, t] = args(c);
  if (!s || !t) throw new LineError("expected symbol and type", loc);
  const sym = symArg(a, s);
  t.eat("@") || t.eat("%");
  const tok = t.peek();
  const ty = tok ? TYPES[tok.v] : undefined;
  if (!ty) throw new LineError(`unknown symbol type '${tok?.v ?? ""}'`, t.loc());
  sym.type = ty;
};

function symbolList(apply: (s: Sym) => void): Handler {
  return (a, c) => {
    for (const arg of args(c)) apply(symArg(a, arg));
  };
}

function setDirective(equiv: boolean): Handler {
  return (a, c, loc) => {
    const [s, e] = args(c);
    if (!s || !e) throw new LineError("expected symbol and expression", loc);
    const sym = symArg(a, s);
    if (equiv && sym.defined) throw new LineError(`symbol '${sym.name}' is already defined`, loc);
    a.equate(sym, a.expr(e), e);
  };
}

const comm: Handler = (a, c, loc) => {
  const [s, n, al] = args(c);
  if (!s || !n) throw new LineError("expected symbol and size", loc);
  const sym = symArg(a, s);
  const size = constArg(a, n, "size");
  const align = optConst(a, al, "alignment") ?? defaultCommAlign(size);
  if (sym.explicitLocal) {
    if (sym.defined) throw new LineError(`symbol '${sym.name}' is already defined`, loc);
    a.localCommons.push(() => allocBss(a, sym, size, align, loc));
    return;
  }
  if (sym.defined) throw new LineError(`symbol '${sym.name}' is already defined`, loc);
  sym.common = { size: Math.max(size, sym.common?.size ?? 0), align };
};

function defaultCommAlign(size: number): number {
  let al = 1;
  while (al * 2 <= size && al < 16) al *= 2;
  return al;
}

/**
 * `.lcomm sym, size[, align]`: like a local `.comm`, allocated after all other .bss
 * contents (GNU as uses .bss subsection 1); default alignment 8/4/2/1 by size.
 */
const lcomm: Handler = (a, c, loc) => {
  const [s, n, al] = args(c);
  if (!s || !n) throw new LineError("expected symbol and size", loc);
  const sym = symArg(a, s);
  const size = constArg(a, n, "size");
  const align = optConst(a, al, "alignment") ?? (size >= 8 ? 8 : size >= 4 ? 4 : size >= 2 ? 2 : 1);
  if (sym.defined) throw new LineError(`symbol '${sym.name}' is already defined`, loc);
  a.localCommons.push(() => allocBss(a, sym, size, align, loc));
};

/** Places `sym` in .bss (aligned) with `size` zero bytes, leaving the current section alone. */
export function allocBss(a: Assembler, sym: Sym, size: number, align: number, loc: SrcLoc): void {
  const keep = a.cur;
  const keepPrev = a.prev;
  a.cur = a.section(".bss");
  if (align > 1) {
    a.cur.align = Math.max(a.cur.align, align);
    a.cur.closeWith({ kind: "align", align, fill: 0, max: align });
  }
  a.defineLabel(sym, loc);
  if (sym.type === "notype") sym.type = "object";
  sym.size = { op: "num", v: size };
  fillBytes(a, size, 0, loc);
  a.cur = keep;
  a.prev = keepPrev;
}

const fileDirective: Handler = (a, c) => {
  const t = c.peek();
  if (t?.t === "str") a.sourceFile = t.v;
};

const ident: Handler = (a, c, loc) => {
  const t = c.peek();
  if (!t || t.t !== "str") throw new LineError("expected string", loc);
  const s = a.section(".comment");
  if (!s.cur.bytes.length && s.frags.length === 1) s.cur.bytes.push(0);
  for (let i = 0; i < t.v.length; i++) s.cur.bytes.push(t.v.charCodeAt(i) & 0xff);
  s.cur.bytes.push(0);
};

const HANDLERS: Readonly<Record<string, Handler>> = {
  ".byte": data(1),
  ".word": data(2),
  ".short": data(2),
  ".value": data(2),
  ".hword": data(2),
  ".2byte": data(2),
  ".long": data(4),
  ".int": data(4),
  ".4byte": data(4),
  ".quad": data(8),
  ".8byte": data(8),
  ".ascii": strings(false),
  ".asciz": strings(true),
  ".string": strings(true),
  ".space": space,
  ".skip": space,
  ".zero": space,
  ".fill": fill,
  ".uleb128": leb(false),
  ".sleb128": leb(true),
  ".align": align("bytes"),
  ".balign": align("bytes"),
  ".p2align": align("pow2"),
  ".org": org,
  ".text": (a) => a.switchTo(a.section(".text")),
  ".data": (a) => a.switchTo(a.section(".data")),
  ".bss": (a) => a.switchTo(a.section(".bss")),
  ".section": sectionDirective,
  ".previous": (a) => a.switchTo(a.prev),
  ".pushsection": (a, c, loc) => {
    a.stack.push([a.cur, a.prev]);
    sectionDirective(a, c, loc);
  },
  ".popsection": (a, _c, loc) => {
    const top = a.stack.pop();
    if (!top) throw new LineError(".popsection without .pushsection", loc);
    [a.cur, a.prev] = top;
  },
  ".globl": symbolList((s) => s.binding = "global"),
  ".global": symbolList((s) => s.binding = "global"),
  ".weak": symbolList((s) => s.binding = "weak"),
  ".local": symbolList((s) => {
    s.binding = "local";
    s.explicitLocal = true;
  }),
  ".hidden": symbolList((s) => s.visibility = "hidden"),
  ".protected": symbolList((s) => s.visibility = "protected"),
  ".internal": symbolList((s) => s.visibility = "internal"),
  ".type": typeDirective,
  ".size": (a, c, loc) => {
    const [s, e] = args(c);
    if (!s || !e) throw new LineError("expected symbol and size", loc);
    symArg(a, s).size = exprArg(a, e);
  },
  ".set": setDirective(false),
  ".equ": setDirective(false),
  ".equiv": setDirective(true),
  ".comm": comm,
  ".lcomm": lcomm,
  ".file": fileDirective,
  ".ident": ident,
  ".intel_syntax": (_a, _c, loc) => {
    throw new LineError("Intel syntax is not supported", loc);
  },
};
