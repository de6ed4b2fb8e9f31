/**
 * The C lexer: turns one source file into preprocessing tokens (C11 6.4).
 *
 * Tokens keep their exact spelling; numbers stay pp-numbers and literals stay
 * undecoded until the parser needs them. Each token records whether it begins
 * a line (`bol`, for directives) and whether whitespace precedes it (`space`,
 * for stringizing). Comments and backslash-newlines count as whitespace.
 *
 * Example: `#define F(x) x##1 // c` → `#`(bol) `define` `F` `(` `x` `)`(no space)
 * `x` `##` `1`.
 *
 * Failure contract: unterminated comments, strings and character constants,
 * and stray characters throw CompileError at their position.
 */
import { fail, type Loc, type SrcFile } from "./diag.ts";

/** Token classes after lexing. */
export type TokKind = "ident" | "num" | "str" | "char" | "punct" | "eof";

/** One preprocessing token. */
export interface Token {
  readonly kind: TokKind;
  readonly text: string;
  readonly loc: Loc;
  /** First token on its line. */
  bol: boolean;
  /** Whitespace precedes the token. */
  space: boolean;
  /** Macro names this token must not be expanded by again (Prosser's hide set). */
  hide?: ReadonlySet<string>;
}

const PUNCTS = [
  "%:%:",
  "...",
  "<<=",
  ">>=",
  "->",
  "++",
  "--",
  "<<",
  ">>",
  "<=",
  ">=",
  "==",
  "!=",
  "&&",
  "||",
  "*=",
  "/=",
  "%=",
  "+=",
  "-=",
  "&=",
  "^=",
  "|=",
  "##",
  "<:",
  ":>",
  "<%",
  "%>",
  "%:",
].sort((a, b) => b.length - a.length);
const DIGRAPHS: Record<string, string> = {
  "<:": "[",
  ":>": "]",
  "<%": "{",
  "%>": "}",
  "%:": "#",
  "%:%:": "##",
};
const SINGLE = "[](){}.&*+-~!/%<>^|?:;=,#";

/** Lexes a whole file. The last token is always `eof`. */
export function tokenize(file: SrcFile): Token[] {
  const src = file.text;
  const out: Token[] = [];
  let i = src.startsWith("\uFEFF") ? 1 : 0; // UTF-8 byte order mark
  let line = 1, lineStart = i, bol = true, space = false;
  const loc = (at: number): Loc => ({ file, line, col: at - lineStart + 1 });
  const push = (kind: TokKind, text: string, at: number) => {
    out.push({ kind, text, loc: loc(at), bol, space });
    bol = false;
    space = false;
  };
  while (i < src.length) {
    const c = src[i];
    if (c === "\n") {
      i++, line++, lineStart = i, bol = true, space = false;
    } else if (c === " " || c === "\t" || c === "\r" || c === "\f" || c === "\v") {
      i++, space = true;
    } else if (
      c === "\\" && (src[i + 1] === "\n" || (src[i + 1] === "\r" && src[i + 2] === "\n"))
    ) {
      i += src[i + 1] === "\n" ? 2 : 3;
      line++, lineStart = i, space = true;
    } else if (src.startsWith("//", i)) {
      while (i < src.length && src[i] !== "\n") i++;
      space = true;
    } else if (src.startsWith("/*", i)) {
      const end = src.indexOf("*/", i + 2);
      if (end < 0) fail(loc(i), "unterminated comment");
      for (let j = i; j < end; j++) if (src[j] === "\n") line++, lineStart = j + 1;
      i = end + 2, space = true;
    } else {
      i = lexToken(src, i, push, loc);
    }
  }
  out.push({ kind: "eof", text: "", loc: loc(i), bol: true, space: false });
  return out;
}

type Push = (kind: TokKind, text: string, at: number) => void;

function lexToken(src: string, i: number, push: Push, loc: (at: number) => Loc): number {
  const c = src[i];
  const pfx = /^(u8|u|U|L)?(["'])/.exec(src.slice(i, i + 3));
  if (pfx && (pfx[1] === undefined || !/[A-Za-z0-9_]/.test(src[i - 1] ?? " "))) {
    const quote = pfx[2];
    let j = i + pfx[0].length;
    while (j < src.length && src[j] !== quote) {
      if (src[j] === "\n") break;
      j += src[j] === "\\" ? 2 : 1;
    }
    if (src[j] !== quote) {
      fail(
        loc(i),
        quote === '"' ? 'missing terminating " character' : "missing terminating ' character",
      );
    }
    push(quote === '"' ? "str" : "char", src.slice(i, j + 1), i);
    return j + 1;
  }
  if (/[A-Za-z_$\u0080-\uffff]/.test(c)) {
    let j = i + 1;
    while (j < src.length && /[A-Za-z0-9_$\u0080-\uffff]/.test(src[j])) j++;
    push("ident", src.slice(i, j), i);
    return j;
  }
  if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(src[i + 1] ?? ""))) {
    let j = i + 1;
    while (j < src.length) {
      if (/[eEpP]/.test(src[j]) && /[+-]/.test(src[j + 1] ?? "")) j += 2;
      else if (/[A-Za-z0-9_.]/.test(src[j])) j++;
      else break;
    }
    push("num", src.slice(i, j), i);
    return j;
  }
  for (const p of PUNCTS) {
    if (src.startsWith(p, i)) {
      push("punct", DIGRAPHS[p] ?? p, i);
      return i + p.length;
    }
  }
  if (SINGLE.includes(c)) {
    push("punct", c, i);
    return i + 1;
  }
  fail(loc(i), `stray '${c}' in program`);
}
