/**
 * The parsing pass: statements → sections of fragments, symbols and fixups.
 *
 * Each statement is labels (`foo:`, `1:`), then one of: an equate (`x = expr`), a
 * directive (directives.ts) or an instruction (optionally preceded by prefixes).
 * Instructions are encoded immediately (encode.ts) using what is known so far;
 * relaxable branches and alignments end the current fragment. Errors in one
 * statement are recorded as diagnostics and parsing continues with the next.
 */

import { type Diagnostic, LineError, type SrcLoc } from "./errors.ts";
import { Cursor, earlyDistance, evaluate, type Expr, type NameScope, parseExpr } from "./expr.ts";
import { encodeInsn } from "./encode.ts";
import type { Encoded } from "./insn.ts";
import { lex, type Statement, type Token } from "./lexer.ts";
import { isKnown, PREFIXES } from "./mnemonics.ts";
import { type Operand, parseOperand } from "./operand.ts";
import { Section, type SectionType, Sym } from "./section.ts";
import { runDirective } from "./directives.ts";
import { earlyConstant } from "./early.ts";
import { Blocks, restOf } from "./blocks.ts";

/** Default flags and type of well-known section names. */
export function sectionDefaults(
  name: string,
): { flags: string; type: SectionType; entsize: number } {
  if (name === ".text" || name.startsWith(".text.")) {
    return { flags: "ax", type: "progbits", entsize: 0 };
  }
  if (name === ".bss" || name.startsWith(".bss.")) {
    return { flags: "wa", type: "nobits", entsize: 0 };
  }
  if (name === ".data" || name.startsWith(".data.")) {
    return { flags: "wa", type: "progbits", entsize: 0 };
  }
  if (name.startsWith(".rodata")) return { flags: "a", type: "progbits", entsize: 0 };
  if (name === ".comment") return { flags: "MS", type: "progbits", entsize: 1 };
  if (name.startsWith(".note")) return { flags: "", type: "note", entsize: 0 };
  for (const t of ["init_array", "fini_array", "preinit_array"] as const) {
    if (name === `.${t}` || name.startsWith(`.${t}.`)) return { flags: "wa", type: t, entsize: 0 };
  }
  if (name.startsWith(".tdata")) return { flags: "waT", type: "progbits", entsize: 0 };
  if (name.startsWith(".tbss")) return { flags: "waT", type: "nobits", entsize: 0 };
  return { flags: "", type: "progbits", entsize: 0 };
}

/** Assembler state after the parsing pass. */
export class Assembler implements NameScope {
  readonly sections = new Map<string, Section>();
  readonly symbols = new Map<string, Sym>();
  readonly diagnostics: Diagnostic[] = [];
  /** Source file name from `.file`, if any. */
  sourceFile: string | null = null;
  cur: Section;
  prev: Section;
  readonly stack: [Section, Section][] = [];
  /** `.lcomm` and `.local x; .comm x,...`: allocated at the end of .bss once parsing ends (as GNU as). */
  readonly localCommons: (() => void)[] = [];
  private loc: SrcLoc;
  private readonly numeric = new Map<number, number>();
  private readonly blocks = new Blocks(this);
  private temps = 0;

  constructor(readonly fileName: string) {
    this.cur = this.prev = this.section(".text");
    this.section(".data");
    this.section(".bss");
    this.loc = { file: fileName, line: 1, col: 1 };
  }

  /** Parses all of `src`. */
  run(src: string): void {
    this.runText(src, (n) => n);
    try {
      this.blocks.finish();
    } catch (e) {
      this.report(e);
    }
    this.endOfInput();
  }

  /**
   * BlockHost: runs `text` (the file, or a macro/repeat expansion) statement by
   * statement; `lineOf` maps its line numbers to the file's for diagnostics.
   */
  runText(text: string, lineOf: (n: number) => number): void {
    let stmts: Statement[];
    try {
      stmts = lex(text, this.fileName);
    } catch (e) {
      return this.report(e instanceof LineError && e.loc ? remapError(e, lineOf) : e);
    }
    const lines = text.split("\n");
    for (const raw of stmts) {
      const st = remap(raw, lineOf);
      this.loc = st.loc;
      try {
        if (this.blocks.consume(raw, st, lines, lineOf)) continue;
        this.statement(st, (i) => restOf(raw, lines, i));
      } catch (e) {
        this.report(e);
      }
    }
  }

  /** BlockHost: the constant value of expression text. */
  constant(text: string, loc: SrcLoc): number {
    const toks = lex(text, loc.file).flatMap((s) => s.tokens);
    const c = new Cursor(toks.map((t) => ({ ...t, loc })), loc);
    const v = this.early(this.expr(c));
    if (v === null || !c.done) throw new LineError("expression must be constant", loc);
    return v;
  }

  /** BlockHost: defines the first `count` tokens' labels of `st`. */
  defineLabels(st: Statement, count: number): void {
    this.labels(new Cursor(st.tokens.slice(0, count), st.loc));
  }

  /** BlockHost: is `name` a defined symbol? */
  isDefined(name: string): boolean {
    const s = this.symbols.get(name);
    return !!s && (s.defined || s.common !== null);
  }

  /** Ends parsing: allocates deferred local commons. */
  endOfInput(): void {
    for (const alloc of this.localCommons) {
      try {
        alloc();
      } catch (e) {
        this.report(e);
      }
    }
    this.localCommons.length = 0;
  }

  /** Records a LineError (or any thrown value) as an error diagnostic. */
  report(e: unknown, loc: SrcLoc = this.loc): void {
    const at = e instanceof LineError && e.loc ? e.loc : loc;
    const message = e instanceof Error ? e.message : String(e);
    this.diagnostics.push({ ...at, severity: "error", message });
  }

  /** Adds a warning at the current statement. */
  warn(message: string): void {
    this.diagnostics.push({ ...this.loc, severity: "warning", message });
  }

  /** Location of the statement being processed. */
  get here(): SrcLoc {
    return this.loc;
  }

  /** Gets or creates section `name` (new ones get default flags). */
  section(name: string): Section {
    let s = this.sections.get(name);
    if (!s) {
      const d = sectionDefaults(name);
      s = new Section(name, d.flags, d.type, d.entsize);
      this.sections.set(name, s);
    }
    return s;
  }

  /** Makes `s` current, remembering the previous one for `.previous`. */
  switchTo(s: Section): void {
    if (s !== this.cur) [this.prev, this.cur] = [this.cur, s];
  }

  // NameScope
  name(name: string): Sym {
    let s = this.symbols.get(name);
    if (!s) {
      s = new Sym(name);
      s.temp = name.startsWith(".L");
      this.symbols.set(name, s);
    }
    s.used = true;
    return s;
  }

  dot(): Sym {
    const s = new Sym(`.\u0002${this.temps++}`);
    s.temp = true;
    this.place(s);
    return s;
  }

  local(n: number, dir: string, loc: SrcLoc): Sym {
    const count = this.numeric.get(n) ?? 0;
    if (dir === "b" && count === 0) throw new LineError(`undefined local label '${n}b'`, loc);
    return this.name(`.L${n}\u0002${dir === "b" ? count : count + 1}`);
  }

  /** Parses an expression from a cursor. */
  expr(c: Cursor): Expr {
    return parseExpr(c, this);
  }

  /** Constant value of `e` now, or null when it depends on unknown things. */
  early = (e: Expr): number | null => earlyConstant(e);

  /** Defines label `sym` at the current location. */
  defineLabel(sym: Sym, loc: SrcLoc): void {
    if (sym.defined || sym.common) {
      throw new LineError(`symbol '${sym.name}' is already defined`, loc);
    }
    this.place(sym);
  }

  private place(sym: Sym): void {
    sym.frag = this.cur.cur;
    sym.offset = this.cur.cur.bytes.length;
  }

  private statement(st: Statement, textAfter: (index: number) => string): void {
    const c = new Cursor(st.tokens, endOf(st));
    this.labels(c);
    if (c.done) return;
    const t = c.peek()!;
    if (t.t !== "ident") throw new LineError(`junk at start of statement: '${t.v}'`, t.loc);
    const n = c.peek(1);
    if (!(n?.t === "punct" && n.v === "=") && this.blocks.invoke(t.v, textAfter(c.i), t.loc)) {
      return;
    }
    if (n?.t === "punct" && n.v === "=") {
      c.i += 2;
      return this.equate(this.name(t.v), this.expr(c), c);
    }
    if (t.v.startsWith(".")) {
      c.i++;
      return runDirective(this, t.v.toLowerCase(), c, t.loc);
    }
    this.instruction(c);
  }

  private labels(c: Cursor): void {
    for (;;) {
      const t = c.peek();
      const n = c.peek(1);
      if (!t || !n || n.t !== "punct" || n.v !== ":") return;
      if (t.t === "ident") this.defineLabel(this.name(t.v), t.loc);
      else if (t.t === "num" && /^[0-9]+$/.test(t.v)) this.numericLabel(t);
      else return;
      c.i += 2;
    }
  }

  private numericLabel(t: Token): void {
    const count = (this.numeric.get(t.num) ?? 0) + 1;
    this.numeric.set(t.num, count);
    const sym = this.name(`.L${t.num}\u0002${count}`);
    this.defineLabel(sym, t.loc);
  }

  /** `.set`/`.equ`/`=`: binds `sym` to `e` (folded to a number when constant now). */
  equate(sym: Sym, e: Expr, c: Cursor): void {
    if (!c.done) throw new LineError("junk after expression", c.loc());
    if (sym.frag) throw new LineError(`symbol '${sym.name}' is already defined`, this.loc);
    const k = this.early(e);
    sym.expr = k === null ? e : { op: "num", v: k };
    sym.opaqueEarly = k === null && !this.labelAlias(e);
  }

  /** True if `e` is now a defined label plus a constant. */
  private labelAlias(e: Expr): boolean {
    try {
      const v = evaluate(e, earlyDistance, this.loc);
      return v.terms.length === 1 && v.terms[0].coef === 1 && v.terms[0].sym.frag !== null;
    } catch {
      return false;
    }
  }

  private instruction(c: Cursor): void {
    const prefixes: number[] = [];
    let t = c.peek();
    while (t?.t === "ident" && t.v.toLowerCase() in PREFIXES) {
      prefixes.push(PREFIXES[t.v.toLowerCase()]);
      c.i++;
      t = c.peek();
    }
    if (!t) return void this.cur.cur.bytes.push(...prefixes);
    if (t.t !== "ident") throw new LineError(`expected instruction, got '${t.v}'`, t.loc);
    if (!isKnown(t.v.toLowerCase())) throw new LineError(`unknown instruction '${t.v}'`, t.loc);
    c.i++;
    const ops = this.operands(c);
    const warn = (m: string) => this.warn(m);
    const insn = { mnemonic: t.v.toLowerCase(), ops, prefixes, loc: t.loc, warn };
    const enc = encodeInsn(insn, this.early);
    this.emit(enc, t.loc);
  }

  private operands(c: Cursor): Operand[] {
    const ops: Operand[] = [];
    if (c.done) return ops;
    for (;;) {
      ops.push(parseOperand(c, this));
      if (c.done) return ops;
      if (!c.eat(",")) throw new LineError(`junk '${c.peek()!.v}' after operand`, c.loc());
    }
  }

  private emit(enc: Encoded, loc: SrcLoc): void {
    this.checkCode(loc);
    const frag = this.cur.cur;
    if (enc.kind === "branch") {
      this.cur.closeWith({ ...enc, loc, big: false });
      return;
    }
    const base = frag.bytes.length;
    frag.bytes.push(...enc.bytes);
    for (const f of enc.fields) {
      frag.fixups.push({
        offset: base + f.offset,
        size: f.size,
        expr: f.expr,
        pcrel: f.pcrel,
        insn: f.offset,
        gotx: f.gotx ?? false,
        loc,
      });
    }
  }

  /** Rejects initialized data in a nobits section. */
  checkCode(loc: SrcLoc): void {
    if (this.cur.type === "nobits") {
      throw new LineError(`section '${this.cur.name}' holds no data (use .zero/.space)`, loc);
    }
  }
}

/** `st` with every location's line mapped through `lineOf` (identity for the file itself). */
function remap(st: Statement, lineOf: (n: number) => number): Statement {
  if (lineOf(st.loc.line) === st.loc.line) return st;
  const fix = (l: SrcLoc): SrcLoc => ({ ...l, line: lineOf(l.line) });
  return { loc: fix(st.loc), tokens: st.tokens.map((t) => ({ ...t, loc: fix(t.loc) })) };
}

function remapError(e: LineError, lineOf: (n: number) => number): LineError {
  return new LineError(e.message, { ...e.loc!, line: lineOf(e.loc!.line) });
}

function endOf(st: Statement): SrcLoc {
  const last = st.tokens[st.tokens.length - 1];
  return { ...last.loc, col: last.loc.col + Math.max(1, last.v.length) };
}
