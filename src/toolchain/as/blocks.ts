/**
 * Block directives handled before statements reach the assembler proper:
 * conditional assembly (.if/.ifne/.ifeq/.ifge/.ifgt/.ifle/.iflt expr, .ifdef/.ifndef
 * sym, .ifb/.ifnb text, .ifc/.ifnc a,b; .elseif/.else/.endif), macros (.macro name
 * [param[=default], ...] … .endm, invoked as `name arg, ...`, with `\param`, `\@` and
 * `\()` in the body), and repetition (.rept n, .irp p, v1, v2…, .irpc p, chars … .endr).
 *
 * Bodies are recorded as source lines (the block's opening and closing directives
 * must each be on their own line) and expanded textually, then lexed and run again;
 * diagnostics inside an expansion point at the body line. Example:
 *     .macro SYSCALL name, nr      →  `SYSCALL exit, 1` expands to
 *     .globl \name                     .globl exit
 *     \name: movl $\nr, %eax           exit: movl $1, %eax
 *     .endm
 */

import { LineError, type SrcLoc } from "./errors.ts";
import type { Statement } from "./lexer.ts";

/** What blocks needs from the assembler. */
export interface BlockHost {
  /** Runs `text` as source; `lineOf` maps its line numbers to the original file. */
  runText(text: string, lineOf: (n: number) => number): void;
  /** Constant value of an expression given as text (LineError if not constant). */
  constant(text: string, loc: SrcLoc): number;
  /** Is `name` a defined symbol? */
  isDefined(name: string): boolean;
  /** Defines the labels in front of a block directive (`table: .rept 4`). */
  defineLabels(st: Statement, count: number): void;
}

interface Macro {
  readonly params: readonly { name: string; def: string }[];
  readonly body: readonly string[];
  readonly firstLine: number;
}

interface Recording {
  readonly kind: "macro" | "rept" | "irp" | "irpc";
  readonly header: string;
  readonly loc: SrcLoc;
  readonly startLine: number;
  depth: number;
}

interface Cond {
  active: boolean;
  taken: boolean;
  readonly parentActive: boolean;
  readonly loc: SrcLoc;
}

const OPENERS = new Set([".macro", ".rept", ".irp", ".irpc"]);
const CLOSERS = new Set([".endm", ".endr"]);
const MAX_DEPTH = 100;
/** Upper bound on the lines one .rept may produce (guards against runaway counts). */
const MAX_LINES = 1_000_000;

/** Conditional, macro and repetition state for one assembly. */
export class Blocks {
  private readonly macros = new Map<string, Macro>();
  private recording: Recording | null = null;
  private readonly conds: Cond[] = [];
  private counter = 0;
  private depth = 0;

  constructor(private readonly host: BlockHost) {}

  /**
   * Handles `st` if it is a block directive, inside a recording, or skipped by a false
   * condition; returns true when the statement was consumed. `lines` is the text the
   * statement came from (for recording bodies), `lineOf` maps its line numbers.
   */
  consume(
    st: Statement,
    mapped: Statement,
    lines: readonly string[],
    lineOf: (n: number) => number,
  ): boolean {
    const at = afterLabels(st);
    const name = directiveName(st, at);
    const loc = mapped.loc;
    if (this.recording) return this.record(st, name, lines, lineOf);
    if (name && this.conditional(name, st, loc, lines)) return true;
    if (!this.active) return true;
    if (name && OPENERS.has(name)) {
      if (at) this.host.defineLabels(mapped, at);
      const kind = name.slice(1) as Recording["kind"];
      const header = restOf(st, lines, at);
      this.recording = { kind, header, loc, startLine: st.loc.line, depth: 1 };
      return true;
    }
    if (name && CLOSERS.has(name)) throw new LineError(`${name} without a matching block`, loc);
    return false;
  }

  /** True if `name` is a macro; then expands it with the statement's argument text. */
  invoke(name: string, argText: string, loc: SrcLoc): boolean {
    const m = this.macros.get(name.toLowerCase());
    if (!m) return false;
    const args = splitArgs(argText);
    const values = new Map(m.params.map((p, i) => [p.name, args[i]?.trim() || p.def]));
    for (const a of args.slice(m.params.length)) {
      if (a.trim()) throw new LineError(`too many arguments for macro '${name}'`, loc);
    }
    const n = this.counter++;
    this.expand(m.body.map((l) => substitute(l, values, n)), m.firstLine, loc);
    return true;
  }

  /** Reports unterminated blocks at the end of input. */
  finish(): void {
    if (this.recording) {
      throw new LineError(
        `.${this.recording.kind} without .end${this.recording.kind === "macro" ? "m" : "r"}`,
        this.recording.loc,
      );
    }
    const open = this.conds[this.conds.length - 1];
    if (open) throw new LineError(".if without .endif", open.loc);
  }

  private get active(): boolean {
    return this.conds.every((c) => c.active);
  }

  private record(
    st: Statement,
    name: string | null,
    lines: readonly string[],
    lineOf: (n: number) => number,
  ): boolean {
    const r = this.recording!;
    if (name && OPENERS.has(name)) r.depth++;
    if (name && CLOSERS.has(name) && --r.depth === 0) {
      this.recording = null;
      const body = lines.slice(r.startLine, st.loc.line - 1);
      this.close(r, body, lineOf(r.startLine + 1));
    }
    return true;
  }

  private close(r: Recording, body: string[], firstLine: number): void {
    if (r.kind === "macro") return this.defineMacro(r, body, firstLine);
    if (r.kind === "rept") {
      const n = this.host.constant(r.header, r.loc);
      if (n * body.length > MAX_LINES) throw new LineError(".rept expands too much", r.loc);
      const out: string[] = [];
      for (let i = 0; i < n; i++) out.push(...body);
      return this.expandRepeat(out, body.length, firstLine, r.loc);
    }
    const [param, ...vals] = splitArgs(r.header).map((s) => s.trim());
    if (!param) throw new LineError(`.${r.kind} needs a parameter name`, r.loc);
    const items = r.kind === "irp" ? vals : [...(vals.join(",") ?? "")];
    const out = items.flatMap((v) =>
      body.map((l) => substitute(l, new Map([[param, v]]), this.counter++))
    );
    this.expandRepeat(out, body.length, firstLine, r.loc);
  }

  private defineMacro(r: Recording, body: string[], firstLine: number): void {
    const [name, ...rest] = r.header.trim().split(/[\s,]+/);
    if (!name) throw new LineError(".macro needs a name", r.loc);
    const params = rest.filter(Boolean).map((p) => {
      const eq = p.indexOf("=");
      return eq < 0 ? { name: p, def: "" } : { name: p.slice(0, eq), def: p.slice(eq + 1) };
    });
    this.macros.set(name.toLowerCase(), { params, body, firstLine });
  }

  private expandRepeat(out: string[], period: number, firstLine: number, loc: SrcLoc): void {
    const lineOf = (n: number) => firstLine + ((n - 1) % Math.max(1, period));
    this.run(out.join("\n"), lineOf, loc);
  }

  private expand(lines: string[], firstLine: number, loc: SrcLoc): void {
    this.run(lines.join("\n"), (n) => firstLine + n - 1, loc);
  }

  private run(text: string, lineOf: (n: number) => number, loc: SrcLoc): void {
    if (++this.depth > MAX_DEPTH) throw new LineError("macro expansion nested too deeply", loc);
    try {
      this.host.runText(text, lineOf);
    } finally {
      this.depth--;
    }
  }

  private conditional(name: string, st: Statement, loc: SrcLoc, lines: readonly string[]): boolean {
    if (name === ".endif") {
      if (!this.conds.pop()) throw new LineError(".endif without .if", loc);
      return true;
    }
    if (name === ".else" || name === ".elseif") {
      const c = this.conds[this.conds.length - 1];
      if (!c) throw new LineError(`${name} without .if`, loc);
      const want = c.parentActive && !c.taken &&
        (name === ".else" || this.test(".if", st, loc, lines));
      c.active = want;
      c.taken ||= want;
      return true;
    }
    if (!name.startsWith(".if")) return false;
    const parentActive = this.active;
    const active = parentActive && this.test(name, st, loc, lines);
    this.conds.push({ active, taken: active, parentActive, loc });
    return true;
  }

  private test(name: string, st: Statement, loc: SrcLoc, lines: readonly string[]): boolean {
    const text = restOf(st, lines);
    const sym = () => text.trim();
    switch (name) {
      case ".ifdef":
        return this.host.isDefined(sym());
      case ".ifndef":
      case ".ifnotdef":
        return !this.host.isDefined(sym());
      case ".ifb":
        return text.trim() === "";
      case ".ifnb":
        return text.trim() !== "";
      case ".ifc":
      case ".ifnc": {
        const [a = "", b = ""] = splitArgs(text).map((s) => unquote(s.trim()));
        return (a === b) === (name === ".ifc");
      }
    }
    const v = this.host.constant(text, loc);
    const tests: Record<string, boolean> = {
      ".if": v !== 0,
      ".ifne": v !== 0,
      ".ifeq": v === 0,
      ".ifge": v >= 0,
      ".ifgt": v > 0,
      ".ifle": v <= 0,
      ".iflt": v < 0,
    };
    if (!(name in tests)) throw new LineError(`unknown directive '${name}'`, loc);
    return tests[name];
  }
}

/** Index of the first token after leading `label:`s. */
function afterLabels(st: Statement): number {
  let i = 0;
  while (st.tokens[i + 1]?.t === "punct" && st.tokens[i + 1].v === ":") i += 2;
  return i;
}

/** The directive at token `i` (lower-case), if any. */
function directiveName(st: Statement, i: number): string | null {
  const t = st.tokens[i];
  return t?.t === "ident" && t.v.startsWith(".") ? t.v.toLowerCase() : null;
}

/** Source text after token `index` of the statement, up to the end of the statement. */
export function restOf(st: Statement, lines: readonly string[], index = 0): string {
  const first = st.tokens[index];
  const last = st.tokens[st.tokens.length - 1];
  const line = lines[first.loc.line - 1] ?? "";
  if (st.tokens.length === index + 1) return "";
  const start = first.loc.col - 1 + first.v.length;
  const endLine = lines[last.loc.line - 1] ?? "";
  if (last.loc.line !== first.loc.line) return line.slice(start);
  const end = endOfToken(endLine, last.loc.col - 1);
  return line.slice(start, end);
}

/** Index just past the token starting at `i` (strings and idents alike). */
function endOfToken(line: string, i: number): number {
  if (line[i] === '"') {
    let j = i + 1;
    while (j < line.length && line[j] !== '"') j += line[j] === "\\" ? 2 : 1;
    return j + 1;
  }
  let j = i + 1;
  while (j < line.length && /[A-Za-z0-9_.$@%]/.test(line[j])) j++;
  return j;
}

/** Splits at top-level commas, keeping quoted strings and parentheses intact. */
function splitArgs(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"' && text[i - 1] !== "\\") quoted = !quoted;
    if (!quoted && ch === "(") depth++;
    if (!quoted && ch === ")") depth--;
    if (!quoted && depth === 0 && ch === ",") {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  if (cur.trim() || out.length) out.push(cur);
  return out;
}

function unquote(s: string): string {
  return s.length >= 2 && s[0] === '"' && s[s.length - 1] === '"' ? s.slice(1, -1) : s;
}

/** Replaces `\param`, `\@` and `\()` in one body line. */
function substitute(line: string, values: ReadonlyMap<string, string>, n: number): string {
  return line.replace(/\\(\(\)|@|[A-Za-z_.$][\w.$]*)/g, (all, name: string) => {
    if (name === "()") return "";
    if (name === "@") return String(n);
    return values.get(name) ?? all;
  });
}
