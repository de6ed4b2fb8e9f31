/**
 * Lexer: source text → statements of tokens.
 *
 * Statements end at a newline or a `;` outside strings. Comments: `#` to end of line,
 * `/` as the first non-blank character of a line, and `/* ... *\/` (may span lines). Every token records its line and column (1-based).
 *
 * Token kinds:
 *   ident   `foo`, `.L3`, `.text`, `movl`, `_start$x`
 *   num     `42`, `0x2a`, `052`, `0b101`, `'a` (value in `num`)
 *   local   `1b` / `1f` numeric local-label references (`num` = label, `v` = "b" | "f")
 *   str     `"a\n"` (`v` holds the decoded string as latin-1 bytes)
 *   reg     `%eax` (`v` = lower-case name without `%`)
 *   punct   one of ( ) , : + - * / % << >> & | ^ ~ ! = == != < > <= >= && || $ @
 *
 * Example: `1: movl $4, -8(%ebp) # x` → [num 1] [punct :] [ident movl] [punct $] [num 4]
 * [punct ,] [punct -] [num 8] [punct (] [reg ebp] [punct )].
 * Bad characters throw LineError with their location.
 */

import { LineError, type SrcLoc } from "./errors.ts";

/** Token kinds; see the header. */
export type TokenKind = "ident" | "num" | "local" | "str" | "reg" | "punct";

/** One token. */
export interface Token {
  readonly t: TokenKind;
  readonly v: string;
  readonly num: number;
  readonly loc: SrcLoc;
}

/** One statement: its tokens and the location of its first character. */
export interface Statement {
  readonly tokens: Token[];
  readonly loc: SrcLoc;
}

const PUNCT2 = ["<<", ">>", "==", "!=", "<=", ">=", "&&", "||", "<>"];
const PUNCT1 = "(),:+-*/%&|^~!=<>$@[]\\";
const IDENT_START = /[A-Za-z_.]/;
const IDENT_PART = /[A-Za-z0-9_.$@]/;
const ESCAPES: Record<string, number> = {
  n: 10,
  t: 9,
  r: 13,
  b: 8,
  f: 12,
  v: 11,
  "\\": 92,
  '"': 34,
  "'": 39,
};

/** Splits `src` into statements. Throws LineError on an unterminated string or comment. */
export function lex(src: string, file: string): Statement[] {
  return new Lexer(src, file).run();
}

class Lexer {
  private pos = 0;
  private line = 1;
  private lineStart = 0;
  private out: Statement[] = [];
  private cur: Token[] = [];
  private curLoc: SrcLoc;

  constructor(private readonly src: string, private readonly file: string) {
    this.curLoc = this.loc();
  }

  run(): Statement[] {
    while (this.pos < this.src.length) this.step();
    this.flush();
    return this.out;
  }

  private loc(): SrcLoc {
    return { file: this.file, line: this.line, col: this.pos - this.lineStart + 1 };
  }

  private flush(): void {
    if (this.cur.length) this.out.push({ tokens: this.cur, loc: this.curLoc });
    this.cur = [];
  }

  private push(t: TokenKind, v: string, num: number, loc: SrcLoc): void {
    if (!this.cur.length) this.curLoc = loc;
    this.cur.push({ t, v, num, loc });
  }

  private step(): void {
    const c = this.src[this.pos];
    const next = this.src[this.pos + 1];
    if (c === "\n") return this.newline();
    if (c === ";") return this.pos++, this.flush();
    if (c === " " || c === "\t" || c === "\r" || c === "\f") return void this.pos++;
    if (c === "#") return this.skipLine();
    if (c === "/" && next === "*") return this.blockComment();
    if (c === "/" && this.atLineStart()) return this.skipLine();
    if (c === '"') return this.string();
    if (c === "'") return this.charLit();
    if (/[0-9]/.test(c)) return this.number();
    if (IDENT_START.test(c)) return this.ident();
    if (c === "%" && next !== undefined && /[a-z]/i.test(next)) return this.register();
    const two = this.src.slice(this.pos, this.pos + 2);
    if (PUNCT2.includes(two)) {
      this.push("punct", two === "<>" ? "!=" : two, 0, this.loc());
      this.pos += 2;
      return;
    }
    if (PUNCT1.includes(c)) {
      this.push("punct", c, 0, this.loc());
      this.pos++;
      return;
    }
    throw new LineError(`unexpected character '${c}'`, this.loc());
  }

  private newline(): void {
    this.pos++;
    this.flush();
    this.line++;
    this.lineStart = this.pos;
  }

  /** Only blanks precede `pos` on its line (a `/` there starts a comment, as in GNU as). */
  private atLineStart(): boolean {
    return /^[ \t]*$/.test(this.src.slice(this.lineStart, this.pos));
  }

  private skipLine(): void {
    while (this.pos < this.src.length && this.src[this.pos] !== "\n") this.pos++;
  }

  private blockComment(): void {
    const start = this.loc();
    const end = this.src.indexOf("*/", this.pos + 2);
    if (end < 0) throw new LineError("unterminated comment", start);
    for (let i = this.pos; i < end; i++) {
      if (this.src[i] === "\n") {
        this.line++;
        this.lineStart = i + 1;
      }
    }
    this.pos = end + 2;
  }

  private string(): void {
    const loc = this.loc();
    this.pos++;
    let s = "";
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined || c === "\n") throw new LineError("unterminated string", loc);
      this.pos++;
      if (c === '"') break;
      s += c === "\\" ? String.fromCharCode(this.escape()) : c;
    }
    this.push("str", s, 0, loc);
  }

  /** Decodes the escape after a backslash; returns a byte value. */
  private escape(): number {
    const c = this.src[this.pos++] ?? "";
    if (/[0-7]/.test(c)) {
      let v = Number(c);
      for (let i = 0; i < 2 && /[0-7]/.test(this.src[this.pos] ?? ""); i++) {
        v = v * 8 + Number(this.src[this.pos++]);
      }
      return v & 0xff;
    }
    if (c === "x" || c === "X") {
      let v = 0;
      while (/[0-9a-f]/i.test(this.src[this.pos] ?? "")) {
        v = (v * 16 + parseInt(this.src[this.pos++], 16)) & 0xff;
      }
      return v;
    }
    return ESCAPES[c] ?? c.charCodeAt(0);
  }

  private charLit(): void {
    const loc = this.loc();
    this.pos++;
    const c = this.src[this.pos++];
    if (c === undefined || c === "\n") throw new LineError("bad character constant", loc);
    const v = c === "\\" ? this.escape() : c.charCodeAt(0);
    if (this.src[this.pos] === "'") this.pos++;
    this.push("num", c, v, loc);
  }

  private number(): void {
    const loc = this.loc();
    const m = /^(0[xX][0-9a-fA-F]+|0[bB][01]+|[0-9]+)([A-Za-z0-9_]*)/.exec(
      this.src.slice(this.pos, this.pos + 80),
    );
    if (!m) throw new LineError("bad number", loc);
    this.pos += m[0].length;
    const [, body, rest] = m;
    if (/^[0-9]+$/.test(body) && (rest === "b" || rest === "f")) {
      this.push("local", rest, Number(body), loc);
      return;
    }
    if (rest) throw new LineError(`bad number '${m[0]}'`, loc);
    this.push("num", body, parseNumber(body), loc);
  }

  private ident(): void {
    const loc = this.loc();
    let end = this.pos + 1;
    while (end < this.src.length && IDENT_PART.test(this.src[end])) end++;
    const v = this.src.slice(this.pos, end);
    this.pos = end;
    this.push("ident", v, 0, loc);
  }

  private register(): void {
    const loc = this.loc();
    let end = this.pos + 1;
    while (end < this.src.length && /[A-Za-z0-9]/.test(this.src[end])) end++;
    const v = this.src.slice(this.pos + 1, end).toLowerCase();
    this.pos = end;
    this.push("reg", v, 0, loc);
  }
}

function parseNumber(s: string): number {
  if (/^0[xX]/.test(s)) return parseInt(s.slice(2), 16);
  if (/^0[bB]/.test(s)) return parseInt(s.slice(2), 2);
  if (s.length > 1 && s[0] === "0") return parseInt(s, 8);
  return Number(s);
}
