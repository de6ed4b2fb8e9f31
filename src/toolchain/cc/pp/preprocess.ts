/**
 * The preprocessor driver (C11 6.10): directives, conditional inclusion,
 * `#include` search, and the main expansion loop over a token stack.
 *
 * Search order: `"x.h"` looks in the including file's directory, then the
 * `-I` directories, then the system directories, then the built-in headers
 * (stdarg.h, stddef.h, ...); `<x.h>` skips the first step.
 *
 * Output: the token list the parser consumes, ending with one `eof`.
 * Failure contract: every malformed directive, missing include, unterminated
 * conditional or `#error` throws CompileError at the offending token.
 */
import { type Diagnostic, diagnostic, fail, type Loc, type SrcFile } from "../diag.ts";
import { type Token, tokenize } from "../lexer.ts";
import { BUILTIN_HEADERS } from "../include/builtin_headers.ts";
import { type Macro, MacroExpander, stringize } from "./macros.ts";
import { evalPPExpr } from "./pp_expr.ts";
import { predefinedSource } from "./predefined.ts";

/** How the preprocessor finds and reads files. */
export interface PPOptions {
  readonly includeDirs: readonly string[];
  readonly systemDirs: readonly string[];
  readonly defines: Readonly<Record<string, string>>;
  /** Returns a file's text, or undefined when it does not exist. */
  readonly readFile: (path: string) => string | undefined;
  /** Fixed clock for __DATE__/__TIME__ (tests); defaults to now. */
  readonly now?: Date;
}

interface Cond {
  readonly tok: Token;
  taken: boolean;
  inElse: boolean;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Preprocesses `file`; warnings (#warning) are appended to `warnings`. */
export function preprocess(file: SrcFile, opts: PPOptions, warnings: Diagnostic[] = []): Token[] {
  return new Preprocessor(opts, warnings).run(file);
}

class Preprocessor {
  private readonly mx = new MacroExpander();
  private readonly stack: Token[] = [];
  private readonly conds: Cond[] = [];
  private readonly once = new Set<string>();
  private includeDepth = 0;
  private counter = 0;

  constructor(private readonly opts: PPOptions, private readonly warnings: Diagnostic[]) {
    this.defineBuiltins();
  }

  run(file: SrcFile): Token[] {
    const pre = tokenize({ name: "<built-in>", text: predefinedSource(this.opts.defines) });
    this.pushFile(file);
    this.pushTokens(pre.slice(0, -1));
    const out: Token[] = [];
    for (;;) {
      const t = this.stack.pop()!;
      if (t.kind === "eof") {
        if (this.conds.length) {
          fail(this.conds[this.conds.length - 1].tok.loc, "unterminated conditional directive");
        }
        out.push(t);
        return out;
      }
      if (this.isHash(t)) {
        this.directive(t);
        continue;
      }
      if (t.kind === "ident" && t.text === "_Pragma") {
        this.pragmaOperator(t);
        continue;
      }
      if (!this.mx.expand(t, this.stack)) out.push(t);
    }
  }

  private isHash(t: Token): boolean {
    return t.bol && t.kind === "punct" && t.text === "#" && !t.hide;
  }

  private pushTokens(toks: readonly Token[]): void {
    for (let i = toks.length - 1; i >= 0; i--) this.stack.push(toks[i]);
  }

  private pushFile(file: SrcFile): void {
    const toks = tokenize(file);
    this.pushTokens(this.stack.length === 0 ? toks : toks.slice(0, -1));
  }

  /** Pops the rest of the directive line. */
  private line(): Token[] {
    const out: Token[] = [];
    while (this.stack.length && !this.stack[this.stack.length - 1].bol) out.push(this.stack.pop()!);
    return out;
  }

  private directive(hash: Token): void {
    const name = this.stack[this.stack.length - 1];
    if (name.bol) return; // null directive
    this.stack.pop();
    const rest = this.line();
    switch (name.text) {
      case "define":
        return this.define(rest, name);
      case "undef":
        return void this.mx.macros.delete(this.ident(rest, name).text);
      case "include":
        return this.include(rest, name);
      case "if":
        return this.beginCond(name, this.evalIf(rest, name));
      case "ifdef":
        return this.beginCond(name, this.mx.macros.has(this.ident(rest, name).text));
      case "ifndef":
        return this.beginCond(name, !this.mx.macros.has(this.ident(rest, name).text));
      case "elif":
        return this.elif(name, rest);
      case "else":
        return this.else(name);
      case "endif":
        return this.endif(name);
      case "error":
        fail(name.loc, `#error ${rest.map((t) => t.text).join(" ")}`);
      // falls through (fail never returns)
      case "warning":
        this.warnings.push(
          diagnostic(name.loc, "warning", `#warning ${rest.map((t) => t.text).join(" ")}`),
        );
        return;
      case "line":
        return this.lineDirective(rest, name);
      case "pragma":
        return this.pragma(rest, name);
      default:
        if (name.kind === "num") return this.lineDirective([name, ...rest], name);
        fail(name.loc, `invalid preprocessing directive #${name.text}`);
    }
    void hash;
  }

  /** `#pragma once` is honoured; `pack` would change layouts, so it is rejected; others are ignored. */
  private pragma(rest: Token[], at: Token): void {
    if (rest[0]?.text === "once") this.once.add(at.loc.file.name);
    if (rest[0]?.text === "pack") fail(rest[0].loc, "#pragma pack is not supported by denix cc");
  }

  /** Handles the `_Pragma("...")` operator (C11 6.10.9) whose name was just popped. */
  private pragmaOperator(op: Token): void {
    const args = [this.stack.pop(), this.stack.pop(), this.stack.pop()];
    if (args[0]?.text !== "(" || args[1]?.kind !== "str" || args[2]?.text !== ")") {
      fail(op.loc, "_Pragma takes a parenthesized string literal");
    }
    const text = args[1].text.slice(1, -1).replace(/\\(["\\])/g, "$1");
    const toks = tokenize({ name: op.loc.file.name, text }).slice(0, -1);
    this.pragma(toks.map((t) => ({ ...t, loc: op.loc })), op);
  }

  private ident(rest: Token[], at: Token): Token {
    if (rest[0]?.kind !== "ident") fail((rest[0] ?? at).loc, "macro names must be identifiers");
    return rest[0];
  }

  private define(rest: Token[], at: Token): void {
    const name = this.ident(rest, at);
    if (name.text === "defined") fail(name.loc, '"defined" cannot be used as a macro name');
    const fn = rest[1]?.text === "(" && !rest[1].space;
    if (!fn) {
      this.mx.macros.set(name.text, {
        name: name.text,
        fn: false,
        params: [],
        body: rest.slice(1),
      });
      return;
    }
    const params: string[] = [];
    let variadic: string | undefined;
    let i = 2;
    while (rest[i]?.text !== ")") {
      const p = rest[i];
      if (!p) fail(at.loc, "missing ')' in macro parameter list");
      if (p.text === "...") variadic = "__VA_ARGS__";
      else if (p.kind === "ident" && rest[i + 1]?.text === "...") variadic = p.text, i++;
      else if (p.kind === "ident") params.push(p.text);
      else fail(p.loc, `expected parameter name, found "${p.text}"`);
      i++;
      if (rest[i]?.text === ",") i++;
      else if (rest[i]?.text !== ")") {
        fail((rest[i] ?? p).loc, "expected ',' or ')' in macro parameter list");
      }
    }
    const m: Macro = {
      name: name.text,
      fn: true,
      params,
      body: rest.slice(i + 1),
      ...(variadic ? { variadic } : {}),
    };
    this.mx.macros.set(name.text, m);
  }

  private include(rest: Token[], at: Token): void {
    let toks = rest;
    if (toks[0]?.kind !== "str" && toks[0]?.text !== "<") toks = this.mx.expandList(rest);
    let path: string, quoted: boolean;
    if (toks[0]?.kind === "str") path = toks[0].text.slice(1, -1), quoted = true;
    else if (toks[0]?.text === "<") {
      const end = toks.findIndex((t) => t.text === ">");
      if (end < 0) fail(at.loc, "missing terminating > character");
      path = toks.slice(1, end).map((t, i) => (i > 0 && t.space ? " " : "") + t.text).join(""),
        quoted = false;
    } else fail(at.loc, '#include expects "FILENAME" or <FILENAME>');
    const found = this.find(path, quoted, at.loc);
    if (!found) fail(at.loc, `${path}: No such file or directory`);
    if (this.once.has(found.name)) return;
    if (++this.includeDepth > 200) fail(at.loc, "#include nested too deeply");
    this.pushFile(found);
    this.includeDepth--;
  }

  private find(path: string, quoted: boolean, loc: Loc): SrcFile | undefined {
    const dirs: string[] = [];
    if (path.startsWith("/")) dirs.push("");
    else {
      if (quoted) {
        const cur = loc.file.name;
        dirs.push(cur.includes("/") ? cur.slice(0, cur.lastIndexOf("/")) : ".");
      }
      dirs.push(...this.opts.includeDirs, ...this.opts.systemDirs);
    }
    for (const d of dirs) {
      const name = d === "" ? path : d === "." ? path : `${d}/${path}`;
      const text = this.opts.readFile(name);
      if (text !== undefined) return { name, text };
    }
    const builtin = BUILTIN_HEADERS[path];
    return builtin === undefined ? undefined : { name: `<denix-cc>/${path}`, text: builtin };
  }

  private evalIf(rest: Token[], at: Token): boolean {
    const toks: Token[] = [];
    for (let i = 0; i < rest.length; i++) {
      if (rest[i].text !== "defined" || rest[i].kind !== "ident") {
        toks.push(rest[i]);
        continue;
      }
      const paren = rest[i + 1]?.text === "(";
      const name = rest[i + (paren ? 2 : 1)];
      if (name?.kind !== "ident") {
        fail((name ?? rest[i]).loc, 'operator "defined" requires an identifier');
      }
      if (paren && rest[i + 3]?.text !== ")") fail(name.loc, "missing ')' after \"defined\"");
      toks.push({ ...rest[i], kind: "num", text: this.mx.macros.has(name.text) ? "1" : "0" });
      i += paren ? 3 : 1;
    }
    return evalPPExpr(this.mx.expandList(toks), at) !== 0n;
  }

  private beginCond(tok: Token, taken: boolean): void {
    this.conds.push({ tok, taken, inElse: false });
    if (!taken) this.skip();
  }

  private elif(tok: Token, rest: Token[]): void {
    const c = this.conds[this.conds.length - 1];
    if (!c || c.inElse) fail(tok.loc, c ? "#elif after #else" : "#elif without #if");
    if (c.taken) return this.skip();
    c.taken = this.evalIf(rest, tok);
    if (!c.taken) this.skip();
  }

  private else(tok: Token): void {
    const c = this.conds[this.conds.length - 1];
    if (!c || c.inElse) fail(tok.loc, c ? "#else after #else" : "#else without #if");
    c.inElse = true;
    if (c.taken) this.skip();
    c.taken = true;
  }

  private endif(tok: Token): void {
    if (!this.conds.pop()) fail(tok.loc, "#endif without #if");
  }

  /** Skips a failed group, stopping before the #elif/#else/#endif that ends it. */
  private skip(): void {
    let depth = 0;
    for (;;) {
      const t = this.stack[this.stack.length - 1];
      if (t.kind === "eof") return;
      if (this.isHash(t)) {
        const d = this.stack[this.stack.length - 2];
        if (!d.bol && ["if", "ifdef", "ifndef"].includes(d.text)) depth++;
        else if (!d.bol && depth === 0 && ["elif", "else", "endif"].includes(d.text)) return;
        else if (!d.bol && d.text === "endif") depth--;
      }
      this.stack.pop();
    }
  }

  private lineDirective(rest: Token[], at: Token): void {
    const toks = this.mx.expandList(rest);
    if (toks[0]?.kind !== "num" || !/^[0-9]+$/.test(toks[0].text)) {
      fail(at.loc, "#line directive requires a simple digit sequence");
    }
    const name = toks[1]?.kind === "str"
      ? toks[1].text.slice(1, -1)
      : (at.loc.presumed?.name ?? at.loc.file.name);
    const base = Number(toks[0].text) - (at.loc.line + 1);
    const file = at.loc.file;
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const t = this.stack[i];
      if (t.loc.file !== file) continue;
      this.stack[i] = { ...t, loc: { ...t.loc, presumed: { name, line: t.loc.line + base } } };
    }
  }

  private defineBuiltins(): void {
    const mk = (name: string, f: (use: Token) => Token[]) =>
      this.mx.macros.set(name, { name, fn: false, params: [], body: [], builtin: f });
    const tok = (
      use: Token,
      kind: "num" | "str",
      text: string,
    ): Token[] => [{ ...use, kind, text }];
    const now = this.opts.now ?? new Date();
    const date = `${MONTHS[now.getMonth()]} ${
      String(now.getDate()).padStart(2)
    } ${now.getFullYear()}`;
    const time = now.toTimeString().slice(0, 8);
    mk(
      "__FILE__",
      (
        u,
      ) => [stringize([{ ...u, kind: "ident", text: u.loc.presumed?.name ?? u.loc.file.name }], u)],
    );
    mk("__LINE__", (u) => tok(u, "num", String(u.loc.presumed?.line ?? u.loc.line)));
    mk("__DATE__", (u) => tok(u, "str", `"${date}"`));
    mk("__TIME__", (u) => tok(u, "str", `"${time}"`));
    mk("__COUNTER__", (u) => tok(u, "num", String(this.counter++)));
  }
}
