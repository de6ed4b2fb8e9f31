/**
 * Macro expansion (C11 6.10.3) with Prosser's hide-set algorithm.
 *
 * The input is a stack of tokens (the next token is the last element), so an
 * expansion is re-scanned simply by pushing its result back. Every produced
 * token carries the set of macro names that must not expand it again.
 *
 * Worked example (C11 6.10.3.5 EXAMPLE 3 fragment):
 *   #define f(a) a*g      #define g(a) f(a)
 *   f(2)(9)  →  2*9*g
 *
 * Failure contract: malformed invocations (unterminated argument lists, wrong
 * argument counts, invalid `##` results) throw CompileError at the macro name.
 */
import { fail, type Loc } from "../diag.ts";
import { type Token, tokenize } from "../lexer.ts";

/** A macro definition. `builtin` macros compute their body at each use. */
export interface Macro {
  readonly name: string;
  readonly fn: boolean;
  readonly params: readonly string[];
  /** Name of the variadic parameter (`__VA_ARGS__` or GNU `name...`), if any. */
  readonly variadic?: string;
  readonly body: readonly Token[];
  readonly builtin?: (use: Token) => Token[];
}

/** The macro table plus the expansion engine. */
export class MacroExpander {
  readonly macros = new Map<string, Macro>();

  /**
   * Tries to expand `tok` (already popped from `stack`). Returns true and pushes
   * the replacement onto `stack` when `tok` names a macro that applies.
   */
  expand(tok: Token, stack: Token[]): boolean {
    if (tok.kind !== "ident" || tok.hide?.has(tok.text)) return false;
    const m = this.macros.get(tok.text);
    if (!m) return false;
    if (m.builtin) {
      pushAll(stack, m.builtin(tok).map((t) => ({ ...t, space: tok.space, bol: false })));
      return true;
    }
    if (!m.fn) {
      const hide = new Set(tok.hide ?? []).add(m.name);
      pushAll(stack, relocate(this.substitute(m, [], tok), tok, hide));
      return true;
    }
    const paren = stack[stack.length - 1];
    if (!paren || paren.text !== "(" || paren.kind !== "punct") return false;
    stack.pop();
    const { args, rparen } = readArgs(m, tok, stack);
    const hide = intersect(tok.hide, rparen.hide).add(m.name);
    pushAll(stack, relocate(this.substitute(m, args, tok), tok, hide));
    return true;
  }

  /** Fully expands a token list in isolation (macro arguments, #if lines). */
  expandList(tokens: readonly Token[]): Token[] {
    const stack = [...tokens].reverse();
    const out: Token[] = [];
    while (stack.length) {
      const t = stack.pop()!;
      if (!this.expand(t, stack)) out.push(t);
    }
    return out;
  }

  private substitute(m: Macro, args: Token[][], use: Token): Token[] {
    const out: Token[] = [];
    const body = m.body;
    const argOf = (t: Token | undefined) => {
      if (!t || t.kind !== "ident") return undefined;
      const i = m.params.indexOf(t.text);
      if (i >= 0) return args[i];
      return m.variadic && t.text === m.variadic ? args[m.params.length] : undefined;
    };
    for (let i = 0; i < body.length; i++) {
      const t = body[i];
      const next = body[i + 1];
      if (t.text === "#" && t.kind === "punct" && argOf(next)) {
        out.push(stringize(argOf(next)!, t));
        i++;
        continue;
      }
      if (t.text === "##" && t.kind === "punct" && out.length > 0 && next) {
        i++;
        const rhs = argOf(next) ?? [next];
        const lhs = out[out.length - 1];
        if (lhs.text === "," && next.text === m.variadic && lhs !== PLACEMARKER) {
          if (rhs.length === 0) out.pop(); // GNU `, ## __VA_ARGS__` comma elision
          else out.push(...rhs);
          continue;
        }
        if (rhs.length === 0) continue;
        out.pop();
        out.push(lhs === PLACEMARKER ? rhs[0] : paste(lhs, rhs[0]), ...rhs.slice(1));
        continue;
      }
      const arg = argOf(t);
      if (arg) {
        const raw = next?.text === "##" && next.kind === "punct";
        const toks = raw ? arg : this.expandList(arg);
        if (raw && toks.length === 0) out.push(PLACEMARKER);
        out.push(...toks.map((a, k) => k === 0 ? { ...a, space: t.space } : a));
        continue;
      }
      out.push(t);
    }
    void use;
    return out.filter((t) => t !== PLACEMARKER);
  }
}

const PLACEMARKER: Token = {
  kind: "punct",
  text: "",
  loc: { file: { name: "", text: "" }, line: 0, col: 0 },
  bol: false,
  space: false,
};

function readArgs(m: Macro, name: Token, stack: Token[]): { args: Token[][]; rparen: Token } {
  const args: Token[][] = [[]];
  let depth = 0;
  for (;;) {
    const t = stack.pop();
    if (!t || t.kind === "eof") {
      fail(name.loc, `unterminated argument list invoking macro '${m.name}'`);
    }
    if (t.kind === "punct") {
      if (t.text === ")" && depth === 0) {
        return { args: checkArgs(m, name, args), rparen: t };
      }
      if (t.text === "(") depth++;
      if (t.text === ")") depth--;
      if (t.text === "," && depth === 0 && !(m.variadic && args.length > m.params.length)) {
        args.push([]);
        continue;
      }
    }
    args[args.length - 1].push(t);
  }
}

function checkArgs(m: Macro, name: Token, args: Token[][]): Token[][] {
  if (m.params.length === 0 && !m.variadic && args.length === 1 && args[0].length === 0) return [];
  const want = m.params.length;
  if (m.variadic) {
    if (args.length === want) args.push([]);
    if (args.length !== want + 1) {
      fail(
        name.loc,
        `macro '${m.name}' requires at least ${want} arguments, but only ${args.length} given`,
      );
    }
    return args;
  }
  if (args.length !== want) {
    fail(name.loc, `macro '${m.name}' requires ${want} arguments, but ${args.length} given`);
  }
  return args;
}

function pushAll(stack: Token[], toks: readonly Token[]): void {
  for (let i = toks.length - 1; i >= 0; i--) stack.push(toks[i]);
}

function intersect(
  a: ReadonlySet<string> | undefined,
  b: ReadonlySet<string> | undefined,
): Set<string> {
  const out = new Set<string>();
  if (a && b) { for (const x of a) if (b.has(x)) out.add(x); }
  return out;
}

/** Copies expansion tokens to the use site, adding `hide` to each hide set. */
function relocate(toks: readonly Token[], use: Token, hide: Set<string>): Token[] {
  return toks.map((t, i) => {
    const h = t.hide ? new Set([...t.hide, ...hide]) : hide;
    return { ...t, loc: use.loc, bol: false, space: i === 0 ? use.space : t.space, hide: h };
  });
}

/** Implements `#` (C11 6.10.3.2). */
export function stringize(toks: readonly Token[], at: Token): Token {
  let s = "";
  toks.forEach((t, i) => {
    if (i > 0 && t.space) s += " ";
    s += t.kind === "str" || t.kind === "char" ? t.text.replace(/[\\"]/g, (c) => "\\" + c) : t.text;
  });
  return { kind: "str", text: `"${s}"`, loc: at.loc, bol: false, space: at.space };
}

/** Implements `##` (C11 6.10.3.3): the result must lex as exactly one token. */
export function paste(a: Token, b: Token): Token {
  const text = a.text + b.text;
  const toks = tokenize({ name: a.loc.file.name, text });
  if (toks.length !== 2) {
    fail(a.loc, `pasting "${a.text}" and "${b.text}" does not give a valid preprocessing token`);
  }
  return {
    ...toks[0],
    loc: a.loc as Loc,
    space: a.space,
    bol: false,
    ...(a.hide ? { hide: a.hide } : {}),
  };
}
