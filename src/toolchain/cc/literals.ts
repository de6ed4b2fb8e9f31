/**
 * Decoding of C literals (C11 6.4.4, 6.4.5): integer constants with their
 * suffixes, floating constants, character constants and string literals with
 * all escape sequences.
 *
 * Examples: `0x10UL` → 16 (unsigned, long); `'\n'` → 10; `"a\x41"` → [97, 65].
 * Failure contract: malformed literals throw CompileError at the token.
 */
import { fail } from "./diag.ts";
import type { Token } from "./lexer.ts";

/** An integer constant's value and the suffix information needed for typing. */
export interface IntLiteral {
  readonly value: bigint;
  readonly unsigned: boolean;
  /** 0 = no L suffix, 1 = L, 2 = LL. */
  readonly longs: 0 | 1 | 2;
  readonly decimal: boolean;
}

/** Parses an integer pp-number, or returns undefined when it is a floating constant. */
export function parseInt(tok: Token): IntLiteral | undefined {
  const m = /^(0[xX][0-9a-fA-F]+|0[bB][01]+|[0-9]+)([uUlL]*)$/.exec(tok.text);
  if (!m) {
    const isFloat = /^0[xX]/.test(tok.text) ? /[pP]/.test(tok.text) : /[.eE]/.test(tok.text);
    if (isFloat) return undefined;
    fail(tok.loc, `invalid integer constant '${tok.text}'`);
  }
  let digits = m[1];
  if (/^0[0-7]+$/.test(digits)) digits = "0o" + digits.slice(1);
  else if (/^0[0-9]+$/.test(digits)) fail(tok.loc, `invalid digit in octal constant '${tok.text}'`);
  const suf = m[2].toLowerCase();
  if (!/^(u?(l|ll)?|(l|ll)u)$/.test(suf)) {
    fail(tok.loc, `invalid suffix '${m[2]}' on integer constant`);
  }
  const value = BigInt(digits);
  if (value >= 1n << 64n) fail(tok.loc, "integer constant is too large for its type");
  const longs = suf.includes("ll") ? 2 : suf.includes("l") ? 1 : 0;
  return { value, unsigned: suf.includes("u"), longs, decimal: !/^0/.test(m[1]) || m[1] === "0" };
}

/** A floating constant's value and kind from its suffix. */
export interface FloatLiteral {
  readonly value: number;
  readonly kind: "float" | "double" | "ldouble";
  /** For decimal long double constants: the exact x87 80-bit encoding (sign|exponent|mantissa). */
  readonly ext?: bigint;
}

/** Parses a floating pp-number (decimal or hexadecimal). */
export function parseFloat(tok: Token): FloatLiteral {
  let text = tok.text;
  let kind: FloatLiteral["kind"] = "double";
  if (/[fF]$/.test(text) && !/^0[xX][0-9a-fA-F]*$/.test(text)) {
    kind = "float", text = text.slice(0, -1);
  } else if (/[lL]$/.test(text)) kind = "ldouble", text = text.slice(0, -1);
  let value: number;
  const hex = /^0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?[0-9]+)$/.exec(text);
  if (hex) {
    const frac = hex[2] ?? "";
    const mant = Number.parseInt((hex[1] + frac) || "0", 16);
    value = mant * Math.pow(2, Number(hex[3]) - 4 * frac.length);
  } else if (/^([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(text)) {
    value = Number(text);
    if (kind === "ldouble") {
      const ext = decimalToExtended(text);
      if (ext !== undefined) return { value, kind, ext };
    }
  } else {
    fail(tok.loc, `invalid floating constant '${tok.text}'`);
  }
  return { value, kind };
}

const bitLength = (n: bigint) => n.toString(2).length;

/**
 * Correctly rounded (to nearest, ties to even) conversion of a decimal
 * constant to the x87 80-bit format; undefined for zero, subnormal or
 * overflowing values (the caller then uses the double value).
 * Example: "0.1" → 0x3ffb_cccccccccccccccd.
 */
export function decimalToExtended(text: string): bigint | undefined {
  const m = /^([0-9]*)\.?([0-9]*)(?:[eE]([+-]?[0-9]+))?$/.exec(text);
  if (!m) return undefined;
  const digits = BigInt((m[1] + m[2]).replace(/^0+(?=.)/, "") || "0");
  if (digits === 0n) return undefined;
  const e10 = Number(m[3] ?? 0) - m[2].length;
  if (Math.abs(e10) > 5000) return undefined;
  let num = digits, den = 1n;
  if (e10 >= 0) num *= 10n ** BigInt(e10);
  else den = 10n ** BigInt(-e10);
  // scale so that q = num * 2^k / den has exactly 64 bits
  let k = 64 - (bitLength(num) - bitLength(den));
  let q: bigint, r: bigint, d: bigint;
  for (;;) {
    const n2 = k >= 0 ? num << BigInt(k) : num;
    d = k >= 0 ? den : den << BigInt(-k);
    q = n2 / d, r = n2 % d;
    const bits = bitLength(q);
    if (bits === 64) break;
    k += 64 - bits;
  }
  if (2n * r > d || (2n * r === d && (q & 1n) === 1n)) q++;
  if (q === 1n << 64n) q >>= 1n, k--;
  const exp = 63 - k + 16383;
  if (exp <= 0 || exp >= 0x7fff) return undefined;
  return (BigInt(exp) << 64n) | q;
}

const SIMPLE: Record<string, number> = {
  n: 10,
  t: 9,
  r: 13,
  a: 7,
  b: 8,
  f: 12,
  v: 11,
  e: 27,
  "\\": 92,
  "'": 39,
  '"': 34,
  "?": 63,
};

/** Decodes the body of a character or string literal into code points. */
function decodeBody(tok: Token, body: string, narrow: boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < body.length;) {
    if (body[i] !== "\\") {
      const cp = body.codePointAt(i)!;
      out.push(...(narrow ? utf8(cp) : [cp]));
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    const c = body[i + 1];
    if (c in SIMPLE) out.push(SIMPLE[c]), i += 2;
    else if (/[0-7]/.test(c)) {
      const m = /^[0-7]{1,3}/.exec(body.slice(i + 1))!;
      out.push(Number.parseInt(m[0], 8)), i += 1 + m[0].length;
    } else if (c === "x") {
      const m = /^[0-9a-fA-F]+/.exec(body.slice(i + 2));
      if (!m) fail(tok.loc, "\\x used with no following hex digits");
      out.push(Number.parseInt(m[0], 16)), i += 2 + m[0].length;
    } else if (c === "u" || c === "U") {
      const n = c === "u" ? 4 : 8;
      const h = body.slice(i + 2, i + 2 + n);
      if (!/^[0-9a-fA-F]+$/.test(h) || h.length !== n) {
        fail(tok.loc, "incomplete universal character name");
      }
      const cp = Number.parseInt(h, 16);
      out.push(...(narrow ? utf8(cp) : [cp])), i += 2 + n;
    } else fail(tok.loc, `unknown escape sequence '\\${c}'`);
  }
  return out;
}

/** Splits a literal into its prefix (`""`, `L`, `u`, `U`, `u8`) and body. */
function split(tok: Token): { prefix: string; body: string } {
  const q = tok.text.indexOf(tok.kind === "str" ? '"' : "'");
  return { prefix: tok.text.slice(0, q), body: tok.text.slice(q + 1, -1) };
}

/** Decodes a character constant to its int value (plain chars are signed). */
export function charValue(tok: Token): { value: number; prefix: string } {
  const { prefix, body } = split(tok);
  const cps = decodeBody(tok, body, prefix === "");
  if (cps.length === 0) fail(tok.loc, "empty character constant");
  if (prefix !== "") return { value: cps[0], prefix };
  const bytes = cps;
  let v = 0;
  for (const b of bytes) v = (v << 8) | (b & 0xff);
  if (bytes.length === 1) v = (v << 24) >> 24;
  return { value: v, prefix };
}

/** Decodes a string literal to its elements (bytes for narrow strings). */
export function stringValue(tok: Token): { elems: number[]; prefix: string } {
  const { prefix, body } = split(tok);
  const narrow = prefix === "" || prefix === "u8";
  const cps = decodeBody(tok, body, narrow);
  if (narrow) return { elems: cps, prefix };
  if (prefix === "u") return { elems: cps.flatMap(utf16), prefix };
  return { elems: cps, prefix };
}

function utf8(cp: number): number[] {
  if (cp < 0x80) return [cp];
  return [...new TextEncoder().encode(String.fromCodePoint(cp))];
}

function utf16(cp: number): number[] {
  if (cp < 0x10000) return [cp];
  const v = cp - 0x10000;
  return [0xd800 + (v >> 10), 0xdc00 + (v & 0x3ff)];
}

/** The exact x87 80-bit encoding of a (non-zero) integer of at most 64 bits. */
export function intToExtended(v: bigint): bigint {
  const sign = v < 0n ? 1n : 0n;
  const abs = v < 0n ? -v : v;
  const bits = bitLength(abs);
  return (sign << 79n) | (BigInt(bits - 1 + 16383) << 64n) | (abs << BigInt(64 - bits));
}
