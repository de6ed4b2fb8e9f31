/**
 * Assembler directives, one handler per name in a table (HANDLERS).
 *
 * Data and layout directives live in data_directives.ts. Here: sections (.text .data
 * .bss, .section name[,"flags"[,@type[,entsize][,group,comdat]]], .previous,
 * .pushsection/.popsection), symbols (.globl/.global .local .weak .hidden .protected
 * .internal .type .size .set/.equ/.equiv .comm .lcomm), .file and .ident (→ .comment).
 * Accepted and ignored: .cfi_*, .loc, .code32, .att_syntax, .arch, .file N "x".
 * `.intel_syntax` and unknown directives are errors.
 */

import { LineError, type SrcLoc } from "./errors.ts";
import type { Cursor } from "./expr.ts";
import type { Assembler } from "./assembler.ts";
import type { SectionType, Sym } from "./section.ts";
import { args, constArg, exprArg, type Handler, optConst, symArg } from "./directive_args.ts";
import { align, data, fill, fillBytes, leb, org, space, strings } from "./data_directives.ts";

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

function sectionName(c: Cursor): string {
  const t = c.peek();
  if (t?.t === "str") return t.v;
  return c.toks.map((x) => x.t === "reg" ? "%" + x.v : x.v).join("");
}

const FLAG_LETTERS = /^[awxMSGTdoRe?]*$/;

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
